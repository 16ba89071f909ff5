import AuthenticatorKit
import Foundation

extension Story {
    /// Chapter: each device has its own credential; the provider accepts codes and push
    /// approvals from both.
    func checkBothDevicesWork() async throws {
        narrator.chapter("Both iPhones work, each with its own credential")
        let old = try required(oldPhone, "the old iPhone")
        let new = try required(newPhone, "the new iPhone")
        for id in [try required(personalID, "the personal account"), try required(workID, "the work account")] {
            let oldAccount = try await old.account(withID: id)
            let newAccount = try await new.account(withID: id)
            let reference = try required(newAccount.providerAccountReference, "the provider reference")
            let oldCredential = try required(oldAccount.deviceCredential, "the old iPhone's credential")
            let newCredential = try required(newAccount.deviceCredential, "the new iPhone's credential")

            let now = Date()
            let oldCode = try oldCredential.generator.code(at: now)
            let newCode = try newCredential.generator.code(at: now)
            let oldAccepted = try await attempt("checking the old code") { try await world.provider.acceptsCode(oldCode, for: reference) }
            let newAccepted = try await attempt("checking the new code") { try await world.provider.acceptsCode(newCode, for: reference) }
            narrator.step("\(newAccount.issuer): old iPhone \(oldCode), new iPhone \(newCode) — "
                + "the provider accepts \(oldAccepted && newAccepted ? "both" : "not both").")
            try require(oldCredential.id != newCredential.id, "a new credential on the new iPhone")
            try require(oldCredential.publicKey != newCredential.publicKey, "a new key pair on the new iPhone")
            try require(oldAccepted && newAccepted, "the provider to accept the codes of both iPhones")
            if oldCode == newCode {
                narrator.detail("(The two codes match by chance this time: one chance in a million.)")
            }

            if newAccount.pushApprovalsEnabled {
                let challenge = Array("sign-in request from a browser in Lisbon".utf8)
                for (name, credential) in [("old", oldCredential), ("new", newCredential)] {
                    let approval = PushApproval(challenge: challenge, signature: credential.signApproval(challenge))
                    let accepted = try await attempt("checking a push approval") {
                        try await world.provider.acceptsApproval(approval, for: reference)
                    }
                    try require(accepted, "the provider to accept a push approval signed by the \(name) iPhone")
                }
                narrator.detail("A push approval signed by either iPhone is accepted too.")
            }
        }
        narrator.ok("The old iPhone keeps working; the new one has credentials of its own.")
    }
}
