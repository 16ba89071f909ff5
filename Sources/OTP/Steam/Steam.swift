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

    /// Five characters, least significant first: the value's digits in base 26.
    static func renderSteam(_ value: UInt32) -> String {
        let base = UInt32(steamAlphabet.count)
        var remaining = value
        var characters: [Character] = []
        characters.reserveCapacity(steamLength)
        for _ in 0..<steamLength {
            characters.append(steamAlphabet[Int(remaining % base)])
            remaining /= base
        }
        return String(characters)
    }
}
