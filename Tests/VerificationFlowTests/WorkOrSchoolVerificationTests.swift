import AccountModel
@testable import AuthenticatorKitEmbedded
import AuthenticatorKitTestSupport
import Foundation
import Testing
@testable import VerificationFlow

@Suite("WorkOrSchoolVerification")
struct WorkOrSchoolVerificationTests {
    private func bobsFlow(_ world: VerificationWorld, account: Account? = nil) throws -> WorkOrSchoolVerification {
        try WorkOrSchoolVerification(for: account ?? world.restoredAccount(world.bob), service: world.provider, clock: world.clock)
    }

    @Test func aFlowStartsAtScanCodeForTheAccountsOrganisation() async throws {
        let world = try await VerificationWorld.make()
        let flow = try bobsFlow(world)
        #expect(flow.step == .scanCode)
        #expect(flow.organisation == "Contoso")
        #expect(flow.providerAccount == world.bob.reference)
    }

    @Test func aFlowForAnAccountWaitingForAPasswordIsRefused() async throws {
        let world = try await VerificationWorld.make()
        #expect(throws: VerificationError.wrongVerificationMethod(required: .passwordAndAlternateContact)) {
            try WorkOrSchoolVerification(for: world.restoredAccount(world.alice), service: world.provider, clock: world.clock)
        }
    }

    @Test func aFlowForAnActiveAccountIsRefused() async throws {
        let world = try await VerificationWorld.make()
        var account = world.restoredAccount(world.bob)
        account.updateProviderDetails { $0.device = .awaitingEnrolment }
        #expect(throws: VerificationError.verificationNotNeeded) { try bobsFlow(world, account: account) }
    }

    @Test func aValidPayloadMovesToVerifiedWithAProof() async throws {
        let world = try await VerificationWorld.make()
        let account = world.restoredAccount(world.bob)
        var flow = try bobsFlow(world, account: account)
        let payload = try await world.provider.qrPayload(for: world.bob.reference)
        try await flow.submitScannedCode("  \(payload)\n")
        let proof = try #require(flow.proof)
        #expect(flow.step == .verified(proof))
        #expect(proof.accountID == account.id)
        #expect(proof.evidence == .qrCode)
    }

    @Test func aPayloadForAnotherAccountOfTheOrganisationIsRefused() async throws {
        let world = try await VerificationWorld.make()
        var flow = try bobsFlow(world)
        let danas = try await world.provider.qrPayload(for: world.dana.reference)
        await #expect(throws: VerificationError.enrolmentPayloadForAnotherAccount) { try await flow.submitScannedCode(danas) }
        #expect(flow.step == .scanCode)
    }

    @Test func aPayloadForAnotherOrganisationIsRefused() async throws {
        let world = try await VerificationWorld.make()
        var flow = try bobsFlow(world)
        let fabrikams = try await world.provider.qrPayload(for: world.erin.reference)
        await #expect(throws: VerificationError.enrolmentPayloadForAnotherOrganisation) {
            try await flow.submitScannedCode(fabrikams)
        }
        #expect(flow.step == .scanCode)
    }

    @Test func anExpiredPayloadIsRefused() async throws {
        let world = try await VerificationWorld.make()
        var flow = try bobsFlow(world)
        let payload = try await world.provider.qrPayload(for: world.bob.reference, lifetime: 300)
        let expiry = world.clock.now().addingTimeInterval(300)
        world.clock.advance(by: 300)
        await #expect(throws: VerificationError.enrolmentPayloadExpired(at: expiry)) { try await flow.submitScannedCode(payload) }
        #expect(flow.step == .scanCode)
    }

    @Test(arguments: [
        "", "   ", "hello", "https://example.com/enrol", "akenrol1", "akenrol1..", "akenrol1.e30.AAAA",
        "akenrol2.e30.AAAA", "akenrol1.!!!.AAAA", "akenrol1.bm90IGpzb24.AAAA", "akenrol1.e30.AAAA.extra",
    ])
    func aMalformedPayloadIsRefused(text: String) async throws {
        let world = try await VerificationWorld.make()
        var flow = try bobsFlow(world)
        await #expect(throws: VerificationError.malformedEnrolmentPayload) { try await flow.submitScannedCode(text) }
        #expect(flow.step == .scanCode)
    }

    @Test func anOverlongPayloadIsRefusedAsMalformed() async throws {
        let world = try await VerificationWorld.make()
        let genuine = try await world.provider.qrPayload(for: world.bob.reference)
        var flow = try bobsFlow(world)
        let padded = genuine + String(repeating: "A", count: EnrolmentPayload.maximumLength)
        await #expect(throws: VerificationError.malformedEnrolmentPayload) { try await flow.submitScannedCode(padded) }
    }

    @Test func aPayloadWithAlteredClaimsIsRefusedAsForged() async throws {
        let world = try await VerificationWorld.make()
        var flow = try bobsFlow(world)
        // Dana's genuine payload, with its claims rewritten to name Bob and its tag kept.
        let danas = try await world.provider.qrPayload(for: world.dana.reference)
        let parts = danas.split(separator: ".").map(String.init)
        let claims = try #require(Base64URL.decode(parts[1]))
        let rewritten = String(decoding: claims, as: UTF8.self)
            .replacingOccurrences(of: world.dana.reference.rawValue, with: world.bob.reference.rawValue)
        let forged = "\(parts[0]).\(Base64URL.encode(Array(rewritten.utf8))).\(parts[2])"
        await #expect(throws: VerificationError.forgedEnrolmentPayload) { try await flow.submitScannedCode(forged) }
        #expect(flow.step == .scanCode)
    }

    @Test func aPayloadSignedByAnotherProviderIsRefusedAsForged() async throws {
        let world = try await VerificationWorld.make()
        let impostor = LocalAccountProvider(
            directory: VerificationTestSupport.temporaryDirectory("impostor"), clock: world.clock, passwordHashing: .testing
        )
        _ = try await impostor.createAccount(userName: "mallory", kind: .personal, password: password("x"))
        // Claims naming Bob at Contoso, valid and unused, but signed with the impostor's key.
        let now = Int64(world.clock.now().timeIntervalSince1970)
        let payload = EnrolmentPayload(
            account: world.bob.reference.rawValue, organisation: "Contoso", issuedAt: now, expiresAt: now + 600, nonce: "00"
        ).encoded(key: Array(try impostor.load().payloadKey))
        var flow = try bobsFlow(world)
        await #expect(throws: VerificationError.forgedEnrolmentPayload) { try await flow.submitScannedCode(payload) }
    }

    @Test func aPayloadCanBeUsedOnlyOnce() async throws {
        let world = try await VerificationWorld.make()
        let payload = try await world.provider.qrPayload(for: world.bob.reference)
        var first = try bobsFlow(world)
        try await first.submitScannedCode(payload)
        var second = try bobsFlow(world)
        await #expect(throws: VerificationError.enrolmentPayloadAlreadyUsed) { try await second.submitScannedCode(payload) }
    }

    @Test(arguments: ["scanCode", "verified"])
    func cancellingAtEveryStepLeavesTheAccountUnchanged(step: String) async throws {
        let world = try await VerificationWorld.make()
        let account = world.restoredAccount(world.bob)
        let before = AccountState(account)
        var flow = try bobsFlow(world, account: account)
        if step == "verified" {
            try await flow.submitScannedCode(try await world.provider.qrPayload(for: world.bob.reference))
        }
        #expect(flow.step.name == step)
        flow.cancel()
        #expect(flow.step == .cancelled)
        #expect(flow.proof == nil)
        #expect(AccountState(account) == before)
        #expect(try await world.provider.credentialIDs(for: world.bob.reference).isEmpty)
    }

    @Test func scanningAfterTheFlowEndedIsOutOfOrder() async throws {
        let world = try await VerificationWorld.make()
        var flow = try bobsFlow(world)
        try await flow.submitScannedCode(try await world.provider.qrPayload(for: world.bob.reference))
        let another = try await world.provider.qrPayload(for: world.bob.reference)
        await #expect(throws: VerificationError.outOfOrder(action: "submitScannedCode", step: "verified")) {
            try await flow.submitScannedCode(another)
        }
        flow.cancel()
        await #expect(throws: VerificationError.outOfOrder(action: "submitScannedCode", step: "cancelled")) {
            try await flow.submitScannedCode(another)
        }
    }
}
