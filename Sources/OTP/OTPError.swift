/// Every way the `OTP` module rejects input. Messages never contain secrets.
public enum OTPError: Error, Equatable, Hashable, Sendable {
    // MARK: Base32
    /// A character that is not in the RFC 4648 Base32 alphabet, with its 0-based position
    /// in the input.
    case invalidBase32Character(Character, position: Int)
    /// Padding (`=`) before the end, or a length that no Base32 encoding has.
    case invalidBase32Length(Int)

    // MARK: Generator parameters
    /// The secret is empty.
    case emptySecret
    /// Digits outside 6…10 (decimal codes).
    case digitsOutOfRange(Int)
    /// A period of 0 seconds or one too large to be a time step.
    case invalidPeriod(Int64)
    /// The requested time is before the generator's `T0`.
    case timeBeforeEpoch
    /// The counter would pass 2⁶⁴ − 1.
    case counterOverflow
    /// A time-based operation was asked of a counter-based generator, or the reverse.
    case wrongFactor

    // MARK: otpauth:// URIs
    /// Not an `otpauth://` URI, or not a URI at all.
    case invalidScheme(String)
    /// A type other than `totp`, `hotp` or `steam`.
    case unknownType(String)
    /// The label (`Issuer:account`) is missing or malformed.
    case invalidLabel
    /// The `secret` parameter is missing.
    case missingSecret
    /// The `secret` parameter is not valid Base32 (details in the wrapped error).
    case invalidSecret
    /// The `algorithm` parameter names no supported hash.
    case unknownAlgorithm(String)
    /// The `digits` parameter is not a number in 6…10.
    case invalidDigits(String)
    /// The `period` parameter is not a positive number of seconds.
    case invalidPeriodParameter(String)
    /// An `hotp` URI without a `counter` parameter.
    case missingCounter
    /// The `counter` parameter is not a number in 0…2⁶⁴ − 1.
    case invalidCounter(String)
}
