import OTP
import SodiumBridge
import AccountModel

/// The public half of a device credential that a provider registers for an account: the
/// credential's identifier, its Ed25519 public key, and the OTP seed and parameters the
/// provider needs to check the device's codes.
///
/// The OTP seed is a shared secret: it stays in `SecureBytes` and is never printed.
public struct CredentialEnrolment: Sendable {
    /// The credential's identifier (`DeviceCredential/id`).
    public let credentialID: String
    /// The Ed25519 public key that verifies the device's push approvals (32 bytes).
    public let publicKey: [UInt8]
    /// The TOTP seed shared with the provider.
    public let otpSeed: SecureBytes
    /// The TOTP hash function.
    public let algorithm: Algorithm
    /// The number of digits in a code.
    public let digits: Int
    /// The TOTP time step in seconds.
    public let period: Int64
    /// Whether the device answers push approvals with this credential: the provider records
    /// it, and from then on a restore of the account asks for verification (push approvals
    /// are never granted on the recovery sign-in alone).
    public let pushApprovals: Bool

    /// What a provider needs to register `credential`, with push approvals on or off.
    public init(_ credential: DeviceCredential, pushApprovals: Bool = false) {
        let generator = credential.generator
        var period: Int64 = 30
        if case let .timer(step, _) = generator.factor { period = step }
        self.init(
            credentialID: credential.id,
            publicKey: credential.publicKey,
            otpSeed: generator.secret,
            algorithm: generator.algorithm,
            digits: generator.digits,
            period: period,
            pushApprovals: pushApprovals
        )
    }

    /// An enrolment from its parts (for providers and tests).
    public init(
        credentialID: String, publicKey: [UInt8], otpSeed: SecureBytes,
        algorithm: Algorithm = .sha1, digits: Int = 6, period: Int64 = 30, pushApprovals: Bool = false
    ) {
        self.pushApprovals = pushApprovals
        self.credentialID = credentialID
        self.publicKey = publicKey
        self.otpSeed = otpSeed
        self.algorithm = algorithm
        self.digits = digits
        self.period = period
    }
}

extension CredentialEnrolment: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The credential identifier only.
    public var description: String { "CredentialEnrolment(\(credentialID))" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// Only the identifier and the public parameters.
    public var customMirror: Mirror {
        Mirror(self, children: ["credentialID": credentialID, "digits": digits, "period": period])
    }
}
