import AuthenticatorKitEmbedded
import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// The recovery-account service's statement of who signed in, for account providers.
@Suite("Recovery identity assertions")
struct RecoveryIdentityAssertionTests {
    @Test func aSignInCarriesAnAssertionThatIsNeverPrintedAndTheKeyStaysTheSame() async throws {
        let world = try await BackupWorld()
        let session = try await world.service.signIn(userName: BackupWorld.user, password: BackupWorld.password)
        let assertion = try #require(session.identityAssertion)
        #expect(!assertion.bytes.isEmpty)
        #expect("\(assertion)".contains("redacted"))
        #expect(!"\(session)".contains(String(decoding: assertion.bytes, as: UTF8.self)))
        var dumped = ""
        dump(assertion, to: &dumped)
        #expect(!dumped.contains(String(decoding: assertion.bytes, as: UTF8.self)))
        let key = try await world.service.identityVerificationKey()
        #expect(key.bytes.count == 32)
        #expect(try await world.service.identityVerificationKey() == key)
        let refreshed = try await world.service.refresh(session)
        #expect(refreshed.identityAssertion != nil)
        #expect(refreshed.identityAssertion != session.identityAssertion)
    }

    @Test func anotherServicesAssertionIsNotTrusted() async throws {
        let world = try await BackupWorld()
        let other = try await BackupWorld()
        let provider = LocalAccountProvider(
            directory: VerificationTestSupport.temporaryDirectory(), clock: world.clock, passwordHashing: .testing,
            recoveryIdentityTrust: .keys([try await world.service.identityVerificationKey()]))
        let reference = try await provider.createAccount(
            userName: BackupWorld.user.rawValue, kind: .personal, password: BackupWorld.password
        ).reference
        let trusted = try await world.service.signIn(userName: BackupWorld.user, password: BackupWorld.password)
        let stranger = try await other.service.signIn(userName: BackupWorld.user, password: BackupWorld.password)
        guard case .enrolNow = try await provider.restoreRequirement(for: reference, recoverySignIn: trusted.identityAssertion) else {
            Issue.record("the trusted service's assertion was refused")
            return
        }
        #expect(try await provider.restoreRequirement(for: reference, recoverySignIn: stranger.identityAssertion)
            == .verify(.passwordAndAlternateContact))
    }
}
