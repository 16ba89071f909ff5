import AuthenticatorKit
import Foundation

/// The gate of the slow tests that run commands and flows on vaults of 50,000 accounts (the
/// format's limit): tag such a test `.tags(.bigVault)` (a tag each test target declares, so
/// that this module does not link Swift Testing) and enable it with
/// `.enabled(if: BigVaultTests.enabled)`, so that a plain `swift test` skips it. Run them with
///
/// ```sh
/// AUTHENTICATORKIT_BIG_VAULTS=1 swift test --skip-build --filter BigVault
/// ```
public enum BigVaultTests {
    /// The environment variable that turns the big-vault tests on (value `1`).
    public static let environmentVariable = "AUTHENTICATORKIT_BIG_VAULTS"

    /// Whether the big-vault tests run: `AUTHENTICATORKIT_BIG_VAULTS=1` in the environment.
    public static var enabled: Bool {
        ProcessInfo.processInfo.environment[environmentVariable] == "1"
    }
}

extension BigVaultTests {
    /// The format's limit: `VaultLimits.maximumAccounts` (50,000).
    public static let accountCount = VaultLimits.maximumAccounts

    /// Account `rfc-totp`, at position ``rfcTOTPPosition`` of ``mixedAccounts(count:)``: TOTP,
    /// SHA-1, 6 digits, 30 s, with the RFC 6238 secret (`12345678901234567890`), so its code
    /// at Unix time 59 is `287082` (RFC 6238, Appendix B, truncated to 6 digits).
    public static let rfcTOTPID = AccountID(rawValue: "rfc-totp")
    /// Account `rfc-hotp`, the last of ``mixedAccounts(count:)``: HOTP, SHA-1, 6 digits,
    /// counter 0, with the RFC 4226 secret, so its codes are `755224`, `287082`, … (RFC 4226,
    /// Appendix D).
    public static let rfcHOTPID = AccountID(rawValue: "rfc-hotp")
    /// Where ``rfcTOTPID`` sits in ``mixedAccounts(count:)`` of ``accountCount`` accounts.
    public static let rfcTOTPPosition = 25_000

    /// `count` accounts of mixed kinds, identifiers `big-00000`, `big-00001`, … in order,
    /// each with its own secret, for tests of big vaults: by position modulo 8, TOTP SHA-1,
    /// TOTP SHA-256 (8 digits), TOTP SHA-512 (60 s), HOTP, Steam, a personal account holding a
    /// scanned secret, a work-or-school account awaiting verification by QR code, and a
    /// personal account awaiting enrolment — every 5,000th instead enrolled with a device
    /// credential. None names a provider reference (a restore asks no provider about them).
    /// ``rfcTOTPID`` replaces the account at ``rfcTOTPPosition`` and ``rfcHOTPID`` the last one.
    public static func mixedAccounts(count: Int = accountCount) throws -> [Account] {
        let random = DeterministicRandom(seed: "AuthenticatorKit big vault")
        var accounts: [Account] = []
        accounts.reserveCapacity(count)
        for position in 0..<count {
            let id = AccountID(rawValue: String(format: "big-%05d", position))
            let secret = SecureBytes(copying: Hash.blake2b(Array("big vault secret \(position)".utf8), outputLength: 20))
            let issuer = "Issuer \(position % 997)"
            let userName = "user\(position)@example.com"
            let createdAt = SampleVaults.createdAt
            let account: Account
            if position == rfcTOTPPosition {
                let generator = try Generator(factor: .timer(period: 30), secret: SampleVaults.rfcSecret)
                account = Account(id: rfcTOTPID, token: Token(issuer: "RFC 6238", account: "totp", generator: generator), createdAt: createdAt)
            } else if position == count - 1 {
                let generator = try Generator(factor: .counter(0), secret: SampleVaults.rfcSecret)
                account = Account(id: rfcHOTPID, token: Token(issuer: "RFC 4226", account: "hotp", generator: generator), createdAt: createdAt)
            } else {
                switch position % 8 {
                case 0, 1, 2:
                    let generator = try Generator(
                        factor: .timer(period: position % 8 == 2 ? 60 : 30), secret: secret,
                        algorithm: [.sha1, .sha256, .sha512][position % 8],
                        format: .decimal(digits: position % 8 == 1 ? 8 : 6))
                    account = Account(id: id, token: Token(issuer: issuer, account: userName, generator: generator), createdAt: createdAt)
                case 3:
                    let generator = try Generator(factor: .counter(UInt64(position)), secret: secret)
                    account = Account(id: id, token: Token(issuer: issuer, account: userName, generator: generator), createdAt: createdAt)
                case 4:
                    let generator = try Generator.steam(secret: secret)
                    account = Account(id: id, token: Token(issuer: "Steam", account: userName, generator: generator), createdAt: createdAt)
                case 5:
                    let generator = try Generator(factor: .timer(period: 30), secret: secret)
                    account = Account(
                        id: id,
                        provider: Account.ProviderDetails(kind: .personal, issuer: "Contoso ID", userName: userName, device: .scannedSecret(generator)),
                        createdAt: createdAt)
                case 6:
                    account = Account(
                        id: id,
                        provider: Account.ProviderDetails(
                            kind: .workOrSchool, issuer: "Fabrikam", userName: userName, device: .awaitingVerification(.providerQRCode)),
                        createdAt: createdAt)
                default:
                    let device: Account.DeviceState = position % 5000 == 7
                        ? .enrolled(DeviceCredential(createdAt: createdAt, using: random)) : .awaitingEnrolment
                    account = Account(
                        id: id, provider: Account.ProviderDetails(kind: .personal, issuer: "Contoso ID", userName: userName, device: device),
                        createdAt: createdAt)
                }
            }
            accounts.append(account)
        }
        return accounts
    }
}
