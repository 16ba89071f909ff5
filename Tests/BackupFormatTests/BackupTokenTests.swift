import Testing
import BackupFormat

@Suite("BackupToken")
struct BackupTokenTests {
    @Test func aTokenMakesAGeneratorWithTheSameSecretAndParameters() throws {
        let source = Fixtures.generator(.counter(7), Fixtures.rfcSeed32, .sha256, .decimal(digits: 8))
        let generator = try BackupToken(source).makeGenerator()
        #expect(generator.secret == source.secret)
        #expect(generator.algorithm == .sha256)
        #expect(generator.format == .decimal(digits: 8))
        #expect(generator.factor == .counter(7))
        #expect(generator.code(forCounter: 7) == source.code(forCounter: 7))
    }

    @Test func equalityComparesTheSecret() {
        let a = BackupToken(Fixtures.generator(.timer(period: 30), [1, 2, 3]))
        #expect(a == BackupToken(Fixtures.generator(.timer(period: 30), [1, 2, 3])))
        #expect(a != BackupToken(Fixtures.generator(.timer(period: 30), [1, 2, 4])))
        #expect(a != BackupToken(Fixtures.generator(.timer(period: 60), [1, 2, 3])))
    }

    @Test func printingOrDumpingATokenNeverShowsTheSecret() {
        let token = BackupToken(Fixtures.generator(.timer(period: 30), Array("SECRETSECRET".utf8)))
        var dumped = ""
        dump(token, to: &dumped)
        for text in [token.description, token.debugDescription, "\(token)", dumped] {
            #expect(!text.contains("SECRET"))
            #expect(!text.contains("83, 69")) // the bytes as numbers
        }
        #expect(token.description.contains("redacted"))
    }
}
