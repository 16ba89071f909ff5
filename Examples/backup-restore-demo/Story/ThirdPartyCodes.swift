import AuthenticatorKit
import Foundation

extension Story {
    /// Chapter: the restored GitHub account works at once and shows the old iPhone's codes.
    func checkTheThirdPartyAccount() async throws {
        narrator.chapter("GitHub works at once, with the same codes")
        let old = try required(oldPhone, "the old iPhone")
        let new = try required(newPhone, "the new iPhone")
        let id = try required(githubID, "the GitHub account")
        let oldGenerator = try required(try await old.account(withID: id).generator, "GitHub's generator on the old iPhone")
        let newGenerator = try required(try await new.account(withID: id).generator, "GitHub's generator on the new iPhone")

        let now = Date()
        let oldCode = try oldGenerator.code(at: now)
        let newCode = try newGenerator.code(at: now)
        narrator.step("Old iPhone shows \(oldCode); new iPhone shows \(newCode).")
        try require(oldCode == newCode, "the same GitHub code on both phones")

        // RFC 6238, Appendix B: SHA-1 at T = 59 s gives 94287082; six digits keep 287082.
        let atFiftyNine = try newGenerator.code(atUnixTime: 59)
        narrator.detail("At 00:00:59 on 1 January 1970 it would show \(atFiftyNine): RFC 6238's test vector")
        narrator.detail("94287082, cut to six digits. Same secret, same codes.")
        try require(atFiftyNine == "287082", "RFC 6238's code 287082 at T = 59 s, not \(atFiftyNine)")
        narrator.ok("Third-party accounts come back in full.")
    }
}
