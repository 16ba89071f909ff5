import AuthenticatorKit
import Foundation
import Testing

@Suite("Backup locations and health")
struct BackupLocationTests {
    @Test func aLocationStoredBeforePortableLocationsExistedStillDecodes() throws {
        let old = Data(#"{"platform":"ios","cloudIdentity":"alice@icloud.com"}"#.utf8)
        let location = try JSONDecoder().decode(BackupLocation.self, from: old)
        #expect(location == BackupLocation(platform: .ios, cloudIdentity: "alice@icloud.com"))
        #expect(location.platform == .ios)
        #expect(try JSONDecoder().decode(BackupLocation.self, from: try JSONEncoder().encode(location)) == location)
        let portable = BackupLocation(kind: .portable("WebDAV"), cloudIdentity: "alice@dav.example/a")
        #expect(try JSONDecoder().decode(BackupLocation.self, from: try JSONEncoder().encode(portable)) == portable)
        #expect(portable.platform == nil)
        #expect(portable.kind.isPortable)
        #expect("\(portable)" == "WebDAV folder alice@dav.example/a")
    }

    @Test func theIdentityRuleIsOnePlacePerKind() {
        #expect(BackupLocationKind.platformCloud(.ios).identityRule == .namedByApp)
        #expect(BackupLocationKind.platformCloud(.android).identityRule == .recoveryAccount)
        #expect(BackupLocationKind.portable("WebDAV").identityRule == .provider)
        #expect(CloudIdentityRule.namedByApp.identity(recoveryAccount: "alice", named: "a@icloud.com") == "a@icloud.com")
        #expect(CloudIdentityRule.recoveryAccount.identity(recoveryAccount: "alice", named: "ignored") == "alice")
        #expect(CloudIdentityRule.provider.identity(recoveryAccount: "alice", named: "ignored") == nil)
        #expect(CloudIdentityRule.namedByApp.needsNamedIdentity)
        #expect(!CloudIdentityRule.provider.needsNamedIdentity)
    }

    /// Every verification failure with the name scripts match: renaming a case must fail here.
    static let verificationCaseNames: [(BackupVerificationFailure, String)] = [
        (.notEnabled, "notEnabled"), (.needsSignIn, "needsSignIn"), (.notFound(lastSeen: 2), "notFound"),
        (.notFound(lastSeen: nil), "notFound"), (.damaged, "damaged"), (.wrongRecoveryAccount, "wrongRecoveryAccount"),
        (.rolledBack(cloud: 1, device: 3), "rolledBack"), (.replaced(cloud: 4), "replaced"),
        (.unreachable, "unreachable"), (.failure(.notSignedIn), "failure"),
    ]

    @Test func everyVerificationFailureHasAMessageAndItsPinnedName() {
        for (failure, name) in Self.verificationCaseNames {
            #expect(failure.caseName == name)
            #expect(!failure.message.isEmpty)
            #expect(BackupVerification.failed(failure).caseName == name)
        }
        #expect(BackupVerification.verified(generation: 1, accountCount: 2).caseName == "verified")
        #expect(BackupVerification.differs(generation: 1, differences: []).caseName == "differs")
        #expect(BackupDifference.missing(AccountID(rawValue: "a"), label: "GitHub (alice)").description == "missing a GitHub (alice)")
        #expect(BackupDifference.settingsChanged.caseName == "settingsChanged")
    }
}
