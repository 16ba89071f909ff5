import SodiumBridge

/// Everything needed to compute codes: the secret and the parameters. Validated in `init`.
///
/// A generator keys its HMAC once, when it is created, and reuses that state for every
/// code. Equality compares the parameters and the secret (in constant time); hashing uses
/// the parameters only. Printing or dumping a generator never shows the secret.
///
/// ```swift
/// let secret = try Base32.decode("JBSWY3DPEHPK3PXP")
/// let generator = try Generator(factor: .timer(period: 30), secret: secret)
/// let code = try generator.code(at: Date())
/// ```
public struct Generator: Sendable {
    /// Counter or timer.
    public let factor: Factor
    /// The shared secret, in secure memory.
    public let secret: SecureBytes
    /// The HMAC hash.
    public let algorithm: Algorithm
    /// Decimal digits or Steam characters.
    public let format: CodeFormat
    /// The keyed HMAC, built once per generator.
    private let hmac: KeyedHMAC

    /// A generator.
    ///
    /// - Throws: ``OTPError/emptySecret``, ``OTPError/digitsOutOfRange(_:)`` (decimal codes
    ///   have 6…10 digits), ``OTPError/invalidPeriod(_:)`` (a period under 1 second),
    ///   ``OTPError/counterOutOfRange`` (an HOTP counter of 2⁶⁴ − 1),
    ///   ``OTPError/invalidSteamParameters`` (Steam codes are SHA-1, time-based, 30 s, T0 = 0).
    public init(factor: Factor, secret: SecureBytes, algorithm: Algorithm = .sha1, format: CodeFormat = .decimal(digits: 6)) throws(OTPError) {
        guard !secret.isEmpty else { throw .emptySecret }
        try Self.checkParameters(factor: factor, algorithm: algorithm, format: format)
        self.factor = factor
        self.secret = secret
        self.algorithm = algorithm
        self.format = format
        self.hmac = KeyedHMAC(secret: secret, algorithm: algorithm)
    }

    /// The largest HOTP counter a generator holds: 2⁶⁴ − 2. The counter is the next value to
    /// use, and it must be able to move on after its code.
    public static let maximumCounter: UInt64 = .max - 1

    /// The rules every generator's parameters follow, whatever the secret — the same ones the
    /// record encoding (vault file, backup payload) checks when it reads and writes a token.
    /// - Throws: ``OTPError/digitsOutOfRange(_:)``, ``OTPError/invalidPeriod(_:)``,
    ///   ``OTPError/counterOutOfRange``, ``OTPError/invalidSteamParameters``.
    package static func checkParameters(factor: Factor, algorithm: Algorithm, format: CodeFormat) throws(OTPError) {
        if case let .decimal(digits) = format, !(6...10).contains(digits) { throw .digitsOutOfRange(digits) }
        switch factor {
        case let .timer(period, _):
            guard period >= 1 else { throw .invalidPeriod(period) }
        case let .counter(counter):
            guard counter <= maximumCounter else { throw .counterOutOfRange }
        }
        if format == .steam, algorithm != .sha1 || factor != .timer(period: 30, t0: 0) { throw .invalidSteamParameters }
    }

    /// A copy with another factor; the secret, its keyed HMAC and the format are kept.
    func replacingFactor(with factor: Factor) -> Generator {
        Generator(factor: factor, secret: secret, algorithm: algorithm, format: format, hmac: hmac)
    }

    /// Memberwise, for copies of an already validated generator.
    private init(factor: Factor, secret: SecureBytes, algorithm: Algorithm, format: CodeFormat, hmac: KeyedHMAC) {
        self.factor = factor
        self.secret = secret
        self.algorithm = algorithm
        self.format = format
        self.hmac = hmac
    }

    /// The number of characters in a code (the decimal digits, or 5 for Steam).
    public var digits: Int { format.length }

    /// The code for an explicit counter value (HOTP; for TOTP, the time step).
    public func code(forCounter counter: UInt64) -> String {
        format.render(hmac.truncatedValue(counter: counter))
    }

    /// Calls `body` with the characters of ``code(forCounter:)`` (ASCII bytes) in a buffer on
    /// the stack, zeroed after `body` returns: the code without a `String` or any other heap
    /// allocation, for checking codes.
    @inline(__always)
    func withCode<Result>(forCounter counter: UInt64, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let value = hmac.truncatedValue(counter: counter)
        var storage = CodeStorage()
        return withUnsafeMutableBytes(of: &storage) { buffer in
            let length = format.write(value, into: buffer)
            defer { ConstantTime.zero(buffer) }
            return body(UnsafeRawBufferPointer(rebasing: buffer[..<length]))
        }
    }
}

/// 16 bytes on the stack: room for the longest code (``CodeFormat/maximumLength``, 10).
struct CodeStorage {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
}

extension Generator: Hashable {
    /// Same parameters and the same secret (compared in constant time).
    public static func == (lhs: Generator, rhs: Generator) -> Bool {
        // Evaluate the secret comparison unconditionally so its timing does not depend on
        // whether the parameters matched.
        let sameSecret = lhs.secret == rhs.secret
        return lhs.factor == rhs.factor && lhs.algorithm == rhs.algorithm && lhs.format == rhs.format && sameSecret
    }

    /// Hashes the parameters, never the secret.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(factor)
        hasher.combine(algorithm)
        hasher.combine(format)
    }
}

extension Generator: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The parameters, e.g. `Generator(totp, period 30 s, SHA1, 6 digits, secret redacted)`.
    public var description: String {
        let kind: String
        switch factor {
        case let .counter(counter): kind = "hotp, counter \(counter)"
        case let .timer(period, t0): kind = t0 == 0 ? "totp, period \(period) s" : "totp, period \(period) s, t0 \(t0)"
        }
        let characters: String
        switch format {
        case let .decimal(digits): characters = "\(digits) digits"
        case .steam: characters = "steam"
        }
        return "Generator(\(kind), \(algorithm.uriName), \(characters), secret redacted)"
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// The parameters only, so `dump` never reaches the secret or the keyed HMAC.
    public var customMirror: Mirror {
        Mirror(self, children: ["factor": factor, "algorithm": algorithm, "format": format], displayStyle: .struct)
    }
}
