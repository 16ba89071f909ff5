import SodiumBridge

/// Every way the `OTP` module rejects input.
///
/// Each malformed input has its own case, carrying what an app needs to tell the user what
/// to fix. ``message`` says it in plain words; `ReportableError/caseName` gives the case
/// name (`invalidBase32Character`…) for scripts. Neither ever contains a secret: the only
/// piece of a typed secret an error repeats is the single character that is not Base32.
public enum OTPError: ReportableError, Equatable, Hashable {
    // MARK: Base32

    /// A character that is not in the RFC 4648 Base32 alphabet (nor a space or hyphen, which
    /// are skipped), with its 0-based position in the input, counted in characters.
    case invalidBase32Character(Character, position: Int)
    /// Padding (`=`) followed by more data: the `=` at this 0-based position is not at the end.
    case misplacedBase32Padding(position: Int)
    /// A number of Base32 characters (padding, spaces and hyphens not counted) that no
    /// encoding produces: the count modulo 8 is 1, 3 or 6.
    case invalidBase32Length(Int)

    // MARK: Generator parameters

    /// The secret is empty.
    case emptySecret
    /// Digits outside 6…10 (decimal codes).
    case digitsOutOfRange(Int)
    /// A period of less than one second.
    case invalidPeriod(Int64)
    /// Steam Guard codes with other parameters than Steam's own: Steam codes are always
    /// HMAC-SHA-1, time-based, with a 30-second period from T0 = 0 (and 5 characters).
    case invalidSteamParameters
    /// An HOTP counter of 2⁶⁴ − 1: the counter is the *next* value to use, and after its
    /// code the counter could not move on, so no code could ever be shown. Counters are
    /// 0 … 2⁶⁴ − 2.
    case counterOutOfRange

    // MARK: Time and counters

    /// The requested time (whole Unix seconds) is before the generator's `T0`.
    case timeBeforeT0(time: Int64, t0: Int64)
    /// The requested date is not a finite number of seconds that fits in 64 bits.
    case unrepresentableTime
    /// The counter would pass 2⁶⁴ − 1 (the last time step or HOTP counter has been reached).
    case counterOverflow
    /// A time-based operation (code at a date, TOTP code check) was asked of a
    /// counter-based (HOTP) generator.
    case notTimeBased
    /// A counter operation (moving the HOTP counter on) was asked of a time-based generator.
    case notCounterBased

    // MARK: otpauth:// URIs

    /// Not an `otpauth://` URI. Carries the scheme found (empty when there is none).
    case invalidScheme(String)
    /// An `otpauth://` URI without a type (`otpauth:///…` or `otpauth://?…`).
    case missingType
    /// A type other than `totp`, `hotp` or `steam`.
    case unknownType(String)
    /// The label (`Issuer:account`) is missing.
    case missingLabel
    /// A `%` escape that is not two hexadecimal digits, or escapes that are not UTF-8.
    /// Carries the part of the URI: `label` or the parameter's name.
    case invalidPercentEncoding(String)
    /// A parameter that appears more than once, so its value is ambiguous.
    case duplicateParameter(String)
    /// The `secret` parameter is missing.
    case missingSecret
    /// The `algorithm` parameter names no supported hash.
    case unknownAlgorithm(String)
    /// The `digits` parameter is not a whole number.
    case invalidDigitsParameter(String)
    /// The `period` parameter is not a whole number of seconds.
    case invalidPeriodParameter(String)
    /// An `hotp` URI without a `counter` parameter.
    case missingCounter
    /// The `counter` parameter is not a number in 0…2⁶⁴ − 1.
    case invalidCounterParameter(String)
    /// The `t0` parameter (an AuthenticatorKit extension) is not a whole number of seconds.
    case invalidT0Parameter(String)
    /// The `encoder` parameter names no supported code format (only `steam` is known).
    case unknownEncoder(String)
}

extension OTPError {
    /// What was wrong, in plain words. Never contains a secret.
    public var message: String {
        switch self {
        case let .invalidBase32Character(character, position):
            return "'\(character.printable)' at position \(position) is not a Base32 character (A–Z, 2–7)"
        case let .misplacedBase32Padding(position):
            return "padding '=' at position \(position) is followed by more characters"
        case let .invalidBase32Length(count):
            return "\(count) Base32 characters cannot be a whole number of bytes (a character is missing or extra)"
        case .emptySecret:
            return "the secret is empty"
        case let .digitsOutOfRange(digits):
            return "\(digits) digits: codes have 6 to 10 digits"
        case let .invalidPeriod(period):
            return "a period of \(period) seconds: the period must be at least 1 second"
        case .invalidSteamParameters:
            return "Steam Guard codes are always SHA1, time-based, with a 30-second period from T0 = 0"
        case .counterOutOfRange:
            return "an HOTP counter must be at most 2^64 - 2"
        case let .timeBeforeT0(time, t0):
            return "time \(time) is before T0 \(t0)"
        case .unrepresentableTime:
            return "the time is not a finite number of seconds within 64 bits"
        case .counterOverflow:
            return "the counter would pass 2^64 - 1"
        case .notTimeBased:
            return "the generator is counter-based (HOTP); it has no time steps"
        case .notCounterBased:
            return "the generator is time-based (TOTP); it has no counter of its own"
        case let .invalidScheme(scheme):
            return scheme.isEmpty
                ? "not a URI: expected otpauth://"
                : "the scheme is '\(scheme)': expected otpauth://"
        case .missingType:
            return "the URI has no type: expected otpauth://totp/, hotp/ or steam/"
        case let .unknownType(type):
            return "unknown type '\(type)': expected totp, hotp or steam"
        case .missingLabel:
            return "the URI has no label (Issuer:account)"
        case let .invalidPercentEncoding(part):
            return "the \(part) has a malformed percent escape or is not UTF-8"
        case let .duplicateParameter(name):
            return "the parameter '\(name)' appears more than once"
        case .missingSecret:
            return "the URI has no secret parameter"
        case let .unknownAlgorithm(name):
            return "unknown algorithm '\(name)': expected SHA1, SHA256 or SHA512"
        case let .invalidDigitsParameter(value):
            return "digits '\(value)' is not a whole number"
        case let .invalidPeriodParameter(value):
            return "period '\(value)' is not a whole number of seconds"
        case .missingCounter:
            return "an hotp URI needs a counter parameter"
        case let .invalidCounterParameter(value):
            return "counter '\(value)' is not a number from 0 to 2^64 - 1"
        case let .invalidT0Parameter(value):
            return "t0 '\(value)' is not a whole number of seconds"
        case let .unknownEncoder(name):
            return "unknown encoder '\(name)': only steam is supported"
        }
    }
}

extension Character {
    /// The character itself, or its Unicode scalar values (`U+0009`) when it is a control
    /// character or whitespace that would be invisible in a message.
    var printable: String {
        if unicodeScalars.allSatisfy({ !$0.properties.isWhitespace && $0.properties.generalCategory != .control && $0.properties.generalCategory != .format }) {
            return String(self)
        }
        return unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) }.joined(separator: " ")
    }
}

extension String {
    /// The string with leading zeros up to `length` characters.
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}

extension OTPError {
    /// The case name scripts match, e.g. `invalidBase32Character`: a constant that stays the same whatever
    /// the compiler keeps of the type's metadata.
    public var caseName: String {
        switch self {
        case .invalidBase32Character: return "invalidBase32Character"
        case .misplacedBase32Padding: return "misplacedBase32Padding"
        case .invalidBase32Length: return "invalidBase32Length"
        case .emptySecret: return "emptySecret"
        case .digitsOutOfRange: return "digitsOutOfRange"
        case .invalidPeriod: return "invalidPeriod"
        case .invalidSteamParameters: return "invalidSteamParameters"
        case .counterOutOfRange: return "counterOutOfRange"
        case .timeBeforeT0: return "timeBeforeT0"
        case .unrepresentableTime: return "unrepresentableTime"
        case .counterOverflow: return "counterOverflow"
        case .notTimeBased: return "notTimeBased"
        case .notCounterBased: return "notCounterBased"
        case .invalidScheme: return "invalidScheme"
        case .missingType: return "missingType"
        case .unknownType: return "unknownType"
        case .missingLabel: return "missingLabel"
        case .invalidPercentEncoding: return "invalidPercentEncoding"
        case .duplicateParameter: return "duplicateParameter"
        case .missingSecret: return "missingSecret"
        case .unknownAlgorithm: return "unknownAlgorithm"
        case .invalidDigitsParameter: return "invalidDigitsParameter"
        case .invalidPeriodParameter: return "invalidPeriodParameter"
        case .missingCounter: return "missingCounter"
        case .invalidCounterParameter: return "invalidCounterParameter"
        case .invalidT0Parameter: return "invalidT0Parameter"
        case .unknownEncoder: return "unknownEncoder"
        }
    }
}
