import Foundation

/// How much ``LocalAccountProvider`` tolerates and how long things last.
public struct VerificationLimits: Sendable, Hashable {
    /// Wrong passwords in a row that lock the account (at least 1).
    public var passwordAttempts: Int
    /// Wrong codes in a row that lock the account (at least 1).
    public var codeAttempts: Int
    /// How long a lock lasts, in seconds.
    public var lockoutDuration: TimeInterval
    /// How long a sent code is accepted, in seconds.
    public var codeLifetime: TimeInterval
    /// How long after sending a code another can be sent, in seconds.
    public var resendCooldown: TimeInterval
    /// How long a verification ticket lasts after the password check, in seconds.
    public var verificationLifetime: TimeInterval

    /// Limits; attempt counts below 1 count as 1, negative durations as 0.
    public init(
        passwordAttempts: Int = 5,
        codeAttempts: Int = 5,
        lockoutDuration: TimeInterval = 15 * 60,
        codeLifetime: TimeInterval = 10 * 60,
        resendCooldown: TimeInterval = 60,
        verificationLifetime: TimeInterval = 30 * 60
    ) {
        self.passwordAttempts = max(1, passwordAttempts)
        self.codeAttempts = max(1, codeAttempts)
        self.lockoutDuration = max(0, lockoutDuration)
        self.codeLifetime = max(0, codeLifetime)
        self.resendCooldown = max(0, resendCooldown)
        self.verificationLifetime = max(0, verificationLifetime)
    }

    /// 5 passwords, 5 codes, 15-minute lock, codes valid 10 minutes, 60-second resend
    /// cooldown, 30 minutes to finish a verification.
    public static let standard = VerificationLimits()
}
