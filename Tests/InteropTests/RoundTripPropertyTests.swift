import SodiumBridge
import Interop
import OTP
import Testing

/// Random valid tokens through each writer and back through the reader: equal tokens,
/// equal codes. Seeded, so failures reproduce.
@Suite("Round trip property")
struct RoundTripPropertyTests {
    static let pieces: [String] = ["a", "Z", "0", " ", ":", "%", "&", "=", "+", "?", "#", "/", "@", "é", "e\u{301}", "日本", "👩‍💻", "\"", "\\", "\t"]

    static func text(_ random: DeterministicRandom) -> String {
        (0..<Int(random.uniform(below: 6))).map { _ in pieces[Int(random.uniform(below: UInt32(pieces.count)))] }.joined()
    }

    /// A random token the format can express.
    static func token(_ random: DeterministicRandom, for format: ExportFormat) throws -> Token {
        let algorithm = Algorithm.allCases[Int(random.uniform(below: 3))]
        let secret = SecureBytes(randomCount: 1 + Int(random.uniform(below: 64)), using: random)
        var account = text(random)
        if account.hasPrefix(" ") && format != .aegis { account = "x" + account }
        let issuer = text(random)
        let factor: Factor
        let codeFormat: CodeFormat
        switch format {
        case .google:
            codeFormat = .decimal(digits: random.uniform(below: 2) == 0 ? 6 : 8)
            factor = random.uniform(below: 2) == 0 ? .timer(period: 30) : .counter(UInt64(random.uniform(below: UInt32.max)) << 31)
        case .aegis, .otpauth:
            let steam = random.uniform(below: 6) == 0
            codeFormat = steam ? .steam : .decimal(digits: 6 + Int(random.uniform(below: 5)))
            if !steam && random.uniform(below: 2) == 0 {
                factor = .counter(UInt64(random.uniform(below: UInt32.max)) << 30)
            } else {
                let t0: Int64 = format == .otpauth && random.uniform(below: 4) == 0 ? Int64(random.uniform(below: 1000)) : 0
                factor = .timer(period: 1 + Int64(random.uniform(below: 300)), t0: t0)
            }
        }
        // Steam Guard is always SHA-1, 30 s, T0 = 0 (`Generator` refuses anything else).
        let generator = codeFormat == .steam
            ? try Generator.steam(secret: secret)
            : try Generator(factor: factor, secret: secret, algorithm: algorithm, format: codeFormat)
        return Token(issuer: issuer, account: account, generator: generator)
    }

    @Test(arguments: ExportFormat.allCases)
    func randomTokensSurviveTheWriterAndTheReader(_ format: ExportFormat) throws {
        let random = DeterministicRandom(seed: "RoundTripPropertyTests.\(format.rawValue).v1")
        let tokens = try (0..<300).map { _ in try Self.token(random, for: format) }
        // One file of many tokens, and a few files of one token each (batch edges for Google).
        var files: [[Token]] = [tokens]
        for count in [1, 9, 10, 11] { files.append(Array(tokens.prefix(count))) }
        for file in files {
            let password: SecureBytes? = format == .aegis ? SecureBytes(randomCount: 12, using: random) : nil
            for withPassword in format == .aegis ? [false, true] : [false] {
                let key = withPassword ? password : nil
                let bytes = try ForeignVaultWriter.write(file, format: format, password: key, scryptCost: .testingOnly, random: random)
                let vault = try ForeignVaultReader.read(bytes, format: .auto, password: key)
                try #require(vault.entries.count == file.count)
                for (original, entry) in zip(file, vault.entries) {
                    let read = try #require(entry.token, "\(entry.problem?.message ?? "")")
                    #expect(read == original)
                    #expect(Array(read.issuer.utf8) == Array(original.issuer.utf8))
                    #expect(Array(read.account.utf8) == Array(original.account.utf8))
                    let counter = UInt64(random.uniform(below: UInt32.max))
                    #expect(read.generator.code(forCounter: counter) == original.generator.code(forCounter: counter))
                }
            }
        }
    }
}
