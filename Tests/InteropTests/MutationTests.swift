import SodiumBridge
import Interop
import OTP
import Testing

/// Every fixture truncated and with bytes changed (seeded): the reader returns a vault or a
/// typed error, never traps, and never takes long.
@Suite("Mutated fixtures")
struct MutationTests {
    static let fixtures = Fixtures.all.filter { $0.file != "aegis-encrypted-default-cost.json" }

    @Test(arguments: fixtures)
    func truncatedAndAlteredFixturesFailCleanly(_ fixture: Fixtures.Fixture) throws {
        let bytes = try Fixtures.bytes(fixture.file)
        let password = fixture.password.map(secure)
        let random = DeterministicRandom(seed: "MutationTests.\(fixture.file).v1")
        var variants: [[UInt8]] = [[], Array(bytes.prefix(1)), Array(bytes.prefix(bytes.count / 2)), Array(bytes.dropLast())]
        let count = fixture.password == nil ? 40 : 6
        for _ in 0..<count {
            var mutated = bytes
            for _ in 0..<(1 + Int(random.uniform(below: 3))) {
                let index = Int(random.uniform(below: UInt32(mutated.count)))
                mutated[index] = UInt8(truncatingIfNeeded: random.uniform(below: 256))
            }
            variants.append(mutated)
        }
        let format = try #require(ImportFormat(rawValue: fixture.format))
        for variant in variants {
            for asFormat in [format, .auto] {
                do {
                    let vault = try ForeignVaultReader.read(variant, format: asFormat, password: password)
                    #expect(vault.entries.count <= fixture.entries.count + 2)
                    for entry in vault.entries { #expect((entry.token == nil) == (entry.problem != nil)) }
                } catch {
                    #expect(!error.caseName.isEmpty && !error.message.isEmpty)
                }
            }
        }
    }
}
