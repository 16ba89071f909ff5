/// Why an account of the vault could not show a code.
public enum AccountCodeError: ReportableError, Equatable, Hashable {
    /// The vault holds no account with this identifier.
    case accountNotFound(AccountID)
    /// The account was restored and waits for verification (`method`); it makes no codes until
    /// then.
    case accountNeedsVerification(id: AccountID, method: VerificationMethod)
    /// The account holds no OTP token and no device credential on this device.
    case accountHasNoCodes(id: AccountID)
    /// The code could not be computed (e.g. an HOTP counter at its maximum, a time before 1970).
    case code(OTPError)
    /// The vault store failed; the vault is as it was.
    case store(AccountModelError)

    /// The stable name of the case, as the reference app prints it; a wrapped error's own.
    public var caseName: String {
        switch self {
        case .accountNotFound: return "accountNotFound"
        case .accountNeedsVerification: return "accountNeedsVerification"
        case .accountHasNoCodes: return "accountHasNoCodes"
        case let .code(error): return error.caseName
        case let .store(error): return error.caseName
        }
    }

    /// What went wrong, in plain words, without secrets.
    public var message: String {
        switch self {
        case let .accountNotFound(id):
            return AccountModelError.accountNotFound(id).message
        case let .accountNeedsVerification(id, method):
            let how = method == .providerQRCode
                ? "authenticator verify \(id) --qr PAYLOAD"
                : "authenticator verify \(id) --password-file F --contact CONTACT"
            return "account \(id) was restored and needs verification before it makes codes: run `\(how)`"
        case let .accountHasNoCodes(id):
            return "account \(id) has no OTP token and no device credential on this device"
        case let .code(error): return error.message
        case let .store(error): return error.message
        }
    }
}
