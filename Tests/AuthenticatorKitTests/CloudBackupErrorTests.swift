import Testing
import AuthenticatorKit

@Suite("CloudBackupError")
struct CloudBackupErrorTests {
    static let allCases: [CloudBackupError] = [
        .unreachable, .notSignedIn, .signedInAsAnotherIdentity(expected: "a@example.com", actual: "b@example.com"),
        .notFound, .generationConflict(expected: 3, found: 4), .generationConflict(expected: nil, found: 1),
        .generationMustIncrease(current: 4, proposed: 4), .tooLarge(byteCount: 11, limit: 10), .quotaExceeded,
        .invalidIdentity(reason: "it is empty"), .storageFailure(reason: "disk on fire"),
    ]

    @Test func everyCaseHasItsSwiftNameAsCaseName() {
        #expect(Self.allCases.map(\.caseName) == [
            "unreachable", "notSignedIn", "signedInAsAnotherIdentity", "notFound", "generationConflict",
            "generationConflict", "generationMustIncrease", "tooLarge", "quotaExceeded", "invalidIdentity",
            "storageFailure",
        ])
    }

    @Test func aGenerationConflictNamesBothGenerations() {
        let message = CloudBackupError.generationConflict(expected: 3, found: 4).message
        #expect(message.contains("generation 3"))
        #expect(message.contains("generation 4"))
        #expect(CloudBackupError.generationConflict(expected: nil, found: 1).message.contains("no backup"))
    }

    @Test func anotherIdentityNamesBothIdentities() {
        let message = CloudBackupError.signedInAsAnotherIdentity(expected: "a@example.com", actual: "b@example.com").message
        #expect(message.contains("a@example.com"))
        #expect(message.contains("b@example.com"))
    }
}
