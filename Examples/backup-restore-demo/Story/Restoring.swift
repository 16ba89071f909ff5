import AuthenticatorKit
import Foundation

extension Story {
    /// Chapter: a new iPhone, signed in to the same Apple ID, starts recovery, signs in to the
    /// recovery account, plans and commits the restore.
    mutating func restoreOnTheNewIPhone() async throws {
        narrator.chapter("A new iPhone restores the backup")
        let phone = try world.device(named: "new iPhone", platform: .ios, cloudIdentity: DemoWorld.appleID)
        var session = world.restoreSession(on: phone)

        narrator.step("Alice taps \"Start recovery\" on the welcome screen.")
        try await attempt("starting recovery") { try await session.startRecovery() }
        narrator.ok("The phone has no accounts yet: nothing can be overwritten.")

        narrator.step("She signs in to her recovery account; the phone is signed in to iCloud as \(DemoWorld.appleID).")
        try await attempt("signing in") {
            try await session.signIn(
                recoveryAccount: DemoWorld.recoveryAccount, password: Story.password, cloudIdentity: DemoWorld.appleID
            )
        }

        narrator.step("The phone fetches and opens the backup, and shows what the restore will do:")
        let plan = try await attempt("planning the restore") { try await session.plan() }
        for entry in plan.entries {
            narrator.screen("\(entry.issuer) (\(entry.userName)): \(describe(entry.outcome))")
        }
        try require(plan.entries.count == 3, "three accounts in the plan, not \(plan.entries.count)")

        narrator.step("She confirms; the whole vault is written at once.")
        let report = try await attempt("committing the restore") { try await session.commit() }
        narrator.ok("Restored \(report.plan.entries.count) accounts from generation \(report.generation).")
        try require(session.step == .committed, "the restore to be committed")

        let restored = try await phone.vault()
        try require(restored.accounts.count == 3, "three accounts on the new iPhone")
        let personal = try await phone.account(withID: try required(personalID, "the personal account"))
        let work = try await phone.account(withID: try required(workID, "the work account"))
        try require(personal.restoreState == .needsVerification(.passwordAndAlternateContact),
                    "the personal account (push approvals on) to wait for password and e-mail code")
        try require(work.restoreState == .needsVerification(.providerQRCode),
                    "the work account to wait for a QR code")
        try require(personal.deviceCredential == nil && work.deviceCredential == nil,
                    "no device credential restored: the old phone's never leave it")
        newPhone = phone
    }

    /// A plan outcome as the restore screen would put it.
    func describe(_ outcome: RestorePlan.Outcome) -> String {
        switch outcome {
        case .restoredInFull:
            return "restored in full — same secret, same codes as the old phone"
        case .restoredWithNewDeviceCredential:
            return "restored with a new credential for this phone — the provider accepted your sign-in for it"
        case .needsVerification(.passwordAndAlternateContact):
            return "verify with your password and a code sent to your e-mail or phone"
        case .needsVerification(.providerQRCode):
            return "verify with a QR code from your organisation"
        case let .skippedDuplicate(existing):
            return "skipped — already on this phone (\(existing))"
        }
    }
}
