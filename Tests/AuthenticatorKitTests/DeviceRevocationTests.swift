import AuthenticatorKitEmbedded
import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// Issue 11, reproduction 7 through the SDK: a lost phone is cut off; a thief holding it
/// cannot cut off the owner.
@Suite("Cutting off a device")
struct DeviceRevocationTests {
    @Test func theOwnerRevokesTheLostPhoneWhoseCodesAndApprovalsAreThenRefused() async throws {
        let device = try await VerificationDevice.make()
        let lost = try await device.oldDeviceCredential(for: device.alice)
        let store = InMemoryAccountStore(vault: device.vault)
        let coordinator = device.coordinator(store: store)
        _ = try await coordinator.complete(with: try #require(try await device.verifiedPersonalFlow(using: coordinator).proof))
        let mine = try #require(await store.load()?.account(withID: device.personal.id)?.deviceCredential)

        let listed = try await coordinator.devices(of: device.alice.reference)
        #expect(listed.map(\.id) == [lost.id, mine.id])
        #expect(listed.map(\.isThisDevice) == [false, true])

        let password = VerificationTestSupport.password(VerificationDevice.alicePassword)
        let signedIn = try await coordinator.revokeDevice(lost.id, userName: "alice", password: password)
        #expect(signedIn.reference == device.alice.reference)
        #expect(try await coordinator.devices(of: device.alice.reference).map(\.id) == [mine.id])

        device.clock.advance(by: 30)
        let now = device.clock.now()
        let challenge = Array("approve sign-in".utf8)
        #expect(try await device.provider.acceptsCode(VerificationTestSupport.code(of: lost, at: now), for: device.alice.reference) == false)
        #expect(try await device.provider.acceptsApproval(
            PushApproval(challenge: challenge, signature: lost.signApproval(challenge)), for: device.alice.reference) == false)
        #expect(try await device.provider.acceptsCode(VerificationTestSupport.code(of: mine, at: now), for: device.alice.reference))
        #expect(try await device.provider.acceptsApproval(
            PushApproval(challenge: challenge, signature: mine.signApproval(challenge)), for: device.alice.reference))
    }

    @Test func aThiefWithTheOldPhonesCredentialCannotRevokeTheOwnersOthers() async throws {
        let device = try await VerificationDevice.make()
        let stolen = try await device.oldDeviceCredential(for: device.alice)
        let newPhone = DeviceCredential(createdAt: device.clock.now(), using: DeterministicRandom(seed: "owner's new phone"))
        try await device.provider.enrol(
            CredentialEnrolment(newPhone), for: device.alice.reference,
            grant: device.provider.issueTemporaryAccessPass(for: device.alice.reference))
        // What the thief holds: the stolen credential's identifier, keys and codes. None of it
        // is a grant, and the password is not theirs.
        let code = VerificationTestSupport.code(of: stolen, at: device.clock.now())
        for attempt in [EnrolmentGrant(value: stolen.id), EnrolmentGrant(value: code), EnrolmentGrant(value: "")] {
            do {
                try await device.provider.revokeCredential(newPhone.id, for: device.alice.reference, grant: attempt)
                Issue.record("a grant the provider never issued revoked a credential")
            } catch {
                #expect(error == .forgedEnrolmentGrant || error == .missingEnrolmentGrant)
            }
        }
        let coordinator = device.coordinator(store: InMemoryAccountStore(vault: device.vault))
        await #expect(throws: VerificationError.wrongPassword(attemptsRemaining: 4)) {
            try await coordinator.revokeDevice(newPhone.id, userName: "alice", password: VerificationTestSupport.password("guess"))
        }
        #expect(try await device.provider.credentialIDs(for: device.alice.reference) == [stolen.id, newPhone.id])
    }

    @Test func aGrantFromAVerificationCodeCannotRevoke() async throws {
        let device = try await VerificationDevice.make()
        let credential = try await device.oldDeviceCredential(for: device.alice)
        let check = try await device.provider.checkPassword(
            VerificationTestSupport.password(VerificationDevice.alicePassword), for: device.alice.reference)
        _ = try await device.provider.sendCode(to: check.contacts[0], ticket: check.ticket)
        let code = try #require(try await device.provider.lastCode(sentTo: VerificationDevice.aliceEmail))
        let grant = try await device.provider.checkCode(code, ticket: check.ticket)
        await #expect(throws: VerificationError.grantDoesNotAllowRevocation) {
            try await device.provider.revokeCredential(credential.id, for: device.alice.reference, grant: grant)
        }
        #expect(try await device.provider.credentialIDs(for: device.alice.reference) == [credential.id])
    }
}
