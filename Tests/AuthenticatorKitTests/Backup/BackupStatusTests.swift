import AuthenticatorKit
import Foundation
import Testing

@Suite("Backup status")
struct BackupStatusTests {
    static let all: [BackupStatus] = [
        .off, .pending, .needsSignIn, .upToDate(generation: 3, date: Date(timeIntervalSince1970: 0)),
        .failed(.networkUnavailable),
    ]

    @Test func needsAttentionOnlyWhileSignInIsNeededOrTheLastAttemptFailed() {
        #expect(Self.all.filter(\.needsAttention) == [.needsSignIn, .failed(.networkUnavailable)])
    }

    @Test func stateNameIsTheSwiftCaseName() {
        #expect(Self.all.map(\.stateName) == ["off", "pending", "needsSignIn", "upToDate", "failed"])
        for status in Self.all {
            #expect(String(describing: status).hasPrefix(status.stateName))
        }
    }

    @Test func generationAndFailureAreThoseOfTheirCases() {
        #expect(Self.all.map(\.generation) == [nil, nil, nil, 3, nil])
        #expect(Self.all.map(\.failure) == [nil, nil, nil, nil, .networkUnavailable])
    }
}
