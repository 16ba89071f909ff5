import Foundation

/// How much ``LocalAccountProvider`` tolerates and how long things last.
public struct VerificationLimits: Sendable, Hashable {
    /// Wrong passwords within ``attemptWindow`` after which every attempt waits (at least 1).
    public var passwordAttempts: Int
    /// Wrong codes within ``attemptWindow`` after which every attempt waits (at least 1).
    public var codeAttempts: Int
    /// The first wait once the limit is reached, in seconds; each further failure within
    /// ``attemptWindow`` doubles it, up to ``maximumDelay``.
    public var lockoutDuration: TimeInterval
    /// The longest wait, in seconds: never a permanent lock.
    public var maximumDelay: TimeInterval
    /// How long a failed attempt counts, in seconds.
    public var attemptWindow: TimeInterval
    /// How long a sent code is accepted, in seconds.
    public var codeLifetime: TimeInterval
    /// How long after sending a code another can be sent, in seconds.
    public var resendCooldown: TimeInterval
    /// How long a verification ticket lasts after the password check, in seconds.
    public var verificationLifetime: TimeInterval
    /// How long an enrolment grant is accepted after it was issued, in seconds.
    public var grantLifetime: TimeInterval

    /// Limits; attempt counts below 1 count as 1, negative durations as 0, and a
    /// ``maximumDelay`` below ``lockoutDuration`` as ``lockoutDuration``.
    public init(
        passwordAttempts: Int = 5,
        codeAttempts: Int = 5,
        lockoutDuration: TimeInterval = 60,
        maximumDelay: TimeInterval = 15 * 60,
        attemptWindow: TimeInterval = 15 * 60,
        codeLifetime: TimeInterval = 10 * 60,
        resendCooldown: TimeInterval = 60,
        verificationLifetime: TimeInterval = 30 * 60,
        grantLifetime: TimeInterval = 10 * 60
    ) {
        self.passwordAttempts = max(1, passwordAttempts)
        self.codeAttempts = max(1, codeAttempts)
        self.lockoutDuration = max(0, lockoutDuration)
        self.maximumDelay = max(self.lockoutDuration, maximumDelay)
        self.attemptWindow = max(0, attemptWindow)
        self.codeLifetime = max(0, codeLifetime)
        self.resendCooldown = max(0, resendCooldown)
        self.verificationLifetime = max(0, verificationLifetime)
        self.grantLifetime = max(0, grantLifetime)
    }

    /// 5 wrong passwords or 5 wrong codes within 15 minutes, then waits of 1, 2, 4… minutes
    /// up to 15; codes valid 10 minutes, 60-second resend cooldown, 30 minutes to finish a
    /// verification, grants valid 10 minutes.
    public static let standard = VerificationLimits()
}
