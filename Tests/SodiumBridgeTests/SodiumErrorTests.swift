import SodiumBridge
import Testing

@Suite("SodiumError")
struct SodiumErrorTests {
    /// Every case with the name scripts match: renaming a case must fail here.
    static let caseNames: [(SodiumError, String)] = [
        (.invalidLength(what: "key", expected: 32, actual: 3), "invalidLength"),
        (.authenticationFailed, "authenticationFailed"),
        (.invalidKeyDerivationParameters, "invalidKeyDerivationParameters"),
        (.outOfMemory, "outOfMemory"),
        (.invalidSignature, "invalidSignature"),
    ]

    @Test func everyCaseHasItsPinnedNameAndAMessage() {
        for (error, name) in Self.caseNames {
            #expect(error.caseName == name)
            #expect(!error.message.isEmpty)
        }
        #expect(Set(Self.caseNames.map(\.1)).count == Self.caseNames.count)
    }
}
