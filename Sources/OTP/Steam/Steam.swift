import SodiumBridge

// Steam Guard codes: SHA-1 TOTP with a 30-second period whose value is written as five
// characters of a 26-letter alphabet instead of decimal digits.

extension Generator {
    /// A Steam Guard generator: SHA-1, 30-second period from the Unix epoch, 5 characters.
    ///
    /// - Throws: ``OTPError/emptySecret`` when `secret` is empty.
    public static func steam(secret: SecureBytes) throws(OTPError) -> Generator {
        try Generator(factor: .timer(period: 30, t0: 0), secret: secret, algorithm: .sha1, format: .steam)
    }
}

extension CodeFormat {
    /// The Steam Guard alphabet: digits and upper-case letters that cannot be mistaken for
    /// one another.
    public static let steamAlphabet: [Character] = Array("23456789BCDFGHJKMNPQRTVWXY")

    /// The number of characters in a Steam code.
    static let steamLength = 5

    /// ``steamAlphabet`` as ASCII bytes, read without building an array.
    private static let steamAlphabetBytes: StaticString = "23456789BCDFGHJKMNPQRTVWXY"

    /// Five characters, least significant first: the value's digits in base 26.
    static func renderSteam(_ value: UInt32) -> String {
        String(unsafeUninitializedCapacity: steamLength) { buffer in
            writeSteam(value, into: UnsafeMutableRawBufferPointer(buffer))
            return steamLength
        }
    }

    /// The five characters of ``renderSteam(_:)`` at the start of `buffer` (ASCII).
    @inline(__always)
    static func writeSteam(_ value: UInt32, into buffer: UnsafeMutableRawBufferPointer) {
        let alphabet = steamAlphabetBytes.utf8Start
        let base = UInt32(steamAlphabetBytes.utf8CodeUnitCount)
        var remaining = value
        for index in 0..<steamLength {
            buffer[index] = alphabet[Int(remaining % base)]
            remaining /= base
        }
    }
}
