import SodiumBridge

/// A printable, high-entropy code the user writes down; it opens the recovery-code slot.
///
/// A code holds 128 random bits plus a 22-bit checksum, written as 30 characters of
/// Crockford's Base32 alphabet (`0-9`, `A-Z` without `I`, `L`, `O`, `U`) in six groups of
/// five: `7XQ2M-…`. Reading forgives case, spaces and hyphens, and reads `O` as `0` and `I`
/// or `L` as `1`; a typo fails the checksum and is reported at once as
/// ``BackupFormatError/invalidRecoveryCode``, before any file is read.
///
/// The secret lives in secure memory; printing or dumping a code shows nothing of it. Show
/// ``text`` to the user once, then let it go.
public struct RecoveryCode: Sendable, Equatable {
    /// The 16 random bytes (128 bits) the code stands for.
    let entropy: SecureBytes

    /// The number of random bits in a code.
    public static let entropyBits = 128
    /// The number of characters in a code, without separators.
    public static let characterCount = 30

    static let entropyLength = 16
    static let checksumBits = 22
    static let groupLength = 5
    /// Crockford's Base32 alphabet: digits and capitals without I, L, O, U.
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    /// BLAKE2b input prefix for the checksum (see `Documentation/BackupFormat.md`).
    static let checksumLabel: [UInt8] = Array("AuthenticatorKit backup v1 recovery-code checksum".utf8)

    /// A new random code from `random` (inject `DeterministicRandom` only in tests).
    public init(using random: some RandomSource = SystemRandom()) {
        self.entropy = SecureBytes(randomCount: Self.entropyLength, using: random)
    }

    /// Reads a code the user typed, forgiving case, spaces, hyphens and the look-alikes
    /// `O`→`0`, `I`/`L`→`1`.
    /// - Throws: ``BackupFormatError/invalidRecoveryCode`` for a wrong length, a character
    ///   outside the alphabet, or a checksum that does not match (a typo).
    public init(parsing text: String) throws(BackupFormatError) {
        var symbols: [UInt8] = []
        symbols.reserveCapacity(Self.characterCount)
        defer { ConstantTime.zero(&symbols) }
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || Self.isDash(scalar) { continue }
            guard let symbol = Self.symbol(for: scalar), symbols.count < Self.characterCount else {
                throw .invalidRecoveryCode
            }
            symbols.append(symbol)
        }
        guard symbols.count == Self.characterCount else { throw .invalidRecoveryCode }
        // 30 symbols × 5 bits = 150 bits = 128 bits of entropy ‖ 22 bits of checksum.
        var bits = Self.pack(symbols)
        defer { ConstantTime.zero(&bits) }
        let entropy = bits.withUnsafeBytes { SecureBytes(copyingBuffer: UnsafeRawBufferPointer(rebasing: $0[0..<Self.entropyLength])) }
        var expected = Self.checksumBytes(of: entropy)
        defer { ConstantTime.zero(&expected) }
        // Compare the 22 checksum bits: bytes 16 and 17 whole, the top 6 bits of byte 18.
        let given = [bits[16], bits[17], bits[18] & 0xFC]
        guard ConstantTime.equals(given, [expected[0], expected[1], expected[2] & 0xFC]) else {
            throw .invalidRecoveryCode
        }
        self.entropy = entropy
    }

    /// The code as the user writes it down: six groups of five characters joined by hyphens.
    public var text: String {
        // Room reserved up front, so no appending reallocates and strands a copy.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.entropyLength + 3)
        entropy.withUnsafeBytes { bytes.append(contentsOf: $0) }
        var checksum = Self.checksumBytes(of: entropy)
        bytes.append(contentsOf: checksum.prefix(3))
        ConstantTime.zero(&checksum)
        var symbols = Self.unpack(bytes, count: Self.characterCount)
        ConstantTime.zero(&bytes)
        var characters: [UInt8] = []
        characters.reserveCapacity(Self.characterCount + Self.characterCount / Self.groupLength)
        for (index, symbol) in symbols.enumerated() {
            if index > 0, index % Self.groupLength == 0 { characters.append(UInt8(ascii: "-")) }
            characters.append(Self.alphabet[Int(symbol)])
        }
        ConstantTime.zero(&symbols)
        let text = String(decoding: characters, as: UTF8.self)
        ConstantTime.zero(&characters)
        return text
    }

    /// BLAKE2b-256(label ‖ entropy): the first 22 bits are the code's checksum.
    static func checksumBytes(of entropy: SecureBytes) -> [UInt8] {
        var input: [UInt8] = []
        input.reserveCapacity(checksumLabel.count + entropy.count)
        input.append(contentsOf: checksumLabel)
        entropy.withUnsafeBytes { input.append(contentsOf: $0) }
        defer { ConstantTime.zero(&input) }
        return Hash.blake2b(input, outputLength: 32)
    }

    /// The 5-bit value of a typed character, after folding case and look-alikes.
    private static func symbol(for scalar: Unicode.Scalar) -> UInt8? {
        guard scalar.isASCII else { return nil }
        var byte = UInt8(scalar.value)
        if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) { byte -= 0x20 }
        switch byte {
        case UInt8(ascii: "O"): byte = UInt8(ascii: "0")
        case UInt8(ascii: "I"), UInt8(ascii: "L"): byte = UInt8(ascii: "1")
        default: break
        }
        return alphabet.firstIndex(of: byte).map { UInt8($0) }
    }

    /// Hyphen-minus and the dashes autocorrection substitutes for it.
    private static func isDash(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || (0x2010...0x2015).contains(scalar.value) || scalar.value == 0x2212
    }

    /// Packs 5-bit symbols, most significant bit first, into bytes (zero-padded at the end).
    static func pack(_ symbols: [UInt8]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: (symbols.count * 5 + 7) / 8)
        for (index, symbol) in symbols.enumerated() {
            for bit in 0..<5 where symbol & (0x10 >> bit) != 0 {
                let position = index * 5 + bit
                bytes[position / 8] |= 0x80 >> (position % 8)
            }
        }
        return bytes
    }

    /// The first `count` 5-bit symbols of `bytes`, most significant bit first.
    static func unpack(_ bytes: [UInt8], count: Int) -> [UInt8] {
        (0..<count).map { index in
            var symbol: UInt8 = 0
            for bit in 0..<5 {
                let position = index * 5 + bit
                let set = bytes[position / 8] & (0x80 >> (position % 8)) != 0
                symbol = symbol << 1 | (set ? 1 : 0)
            }
            return symbol
        }
    }
}

extension RecoveryCode: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `RecoveryCode(redacted)`: never the code.
    public var description: String { "RecoveryCode(redacted)" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// An empty mirror, so `dump` shows nothing of the code.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
