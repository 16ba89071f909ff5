import AuthenticatorKit
import Foundation

extension Story {
    /// Chapter: the personal account (push approvals on) is verified with the account password
    /// and a code sent to the alternate e-mail address, then gets its own credential.
    func verifyThePersonalAccount() async throws {
        narrator.chapter("Verifying the personal account: password and e-mail code")
        let phone = try required(newPhone, "the new iPhone")
        let id = try required(personalID, "the personal account")
        let coordinator = world.verificationCoordinator(on: phone)

        let waiting = try await attempt("listing accounts to verify") { try await coordinator.accountsNeedingVerification() }
        narrator.step("The account list shows \(waiting.count) accounts with \"Verify to use on this iPhone\".")
        var flow = try await attempt("starting the personal verification") { try await coordinator.personalVerification(for: id) }
        narrator.screen("Enter the password of \(DemoWorld.userName) at \(DemoWorld.providerName)")
        try await attempt("checking the password") { try await flow.submitPassword(Story.password) }

        guard case let .chooseContact(contacts) = flow.step, let email = contacts.first(where: { $0.kind == .email }) else {
            throw DemoFailure("expected a choice of contacts after the password, not \(flow.step.name)")
        }
        narrator.screen("Where should we send a code? \(contacts.map(\.maskedValue).joined(separator: ", "))")
        try await attempt("sending the code") { try await flow.sendCode(to: email) }
        narrator.screen("We sent a code to \(email.maskedValue).")
        try await attempt("moving to code entry") { try flow.continueToCodeEntry() }

        let sent = try await attempt("reading the outbox") { try await world.provider.lastCode(sentTo: DemoWorld.alternateEmail) }
        let code = try required(sent, "the code in the provider's outbox")
        narrator.step("Alice reads the code \(code) in her e-mail (the demo reads the provider's outbox).")
        try await attempt("checking the code") { try await flow.submitCode(code) }
        let proof = try required(flow.proof, "the proof of a verified flow")

        narrator.step("Verified: the phone mints a new key pair and code seed and enrols them.")
        let active = try await attempt("enrolling the new iPhone") { try await coordinator.complete(with: proof) }
        try require(active.restoreState == .active && active.deviceCredential != nil,
                    "the personal account active with its own credential")
        narrator.ok("\(DemoWorld.providerName) (\(active.userName)) is active on the new iPhone.")
    }

    /// Chapter: the work account is verified with a QR code from Contoso.
    func verifyTheWorkAccount() async throws {
        narrator.chapter("Verifying the work account: a QR code from Contoso")
        let phone = try required(newPhone, "the new iPhone")
        let id = try required(workID, "the work account")
        let coordinator = world.verificationCoordinator(on: phone)
        let account = try await phone.account(withID: id)
        let reference = try required(account.providerAccountReference?.rawValue, "the work account's provider reference")

        let payload = try await attempt("issuing a QR code") { try await world.provider.qrPayload(for: ProviderAccountReference(reference)) }
        narrator.step("Contoso's IT portal shows Alice a QR code (valid 10 minutes, usable once):")
        narrator.detail(String(payload.prefix(60)) + "…")
        var flow = try await attempt("starting the work verification") { try await coordinator.workOrSchoolVerification(for: id) }
        narrator.screen("Scan the QR code from \(flow.organisation)")
        try await attempt("checking the QR code") { try await flow.submitScannedCode(payload) }
        let proof = try required(flow.proof, "the proof of a verified flow")

        let active = try await attempt("enrolling the new iPhone") { try await coordinator.complete(with: proof) }
        try require(active.restoreState == .active && active.deviceCredential != nil,
                    "the work account active with its own credential")
        narrator.ok("\(DemoWorld.organisation) (\(active.userName)) is active on the new iPhone.")

        let left = try await attempt("listing accounts to verify") { try await coordinator.accountsNeedingVerification() }
        try require(left.isEmpty, "no account left to verify")
        narrator.ok("Nothing is left to verify.")
    }
}
