import AccountModel
import Foundation
import Testing
@testable import BackupFormat

/// The payload's unique-identifier rule (§9), as the fast check reads it: ASCII identifiers
/// compared as bytes, anything else as `AccountID`s (`String` equality, which treats
/// canonically equivalent texts as equal).
@Suite("Account identifier check")
struct AccountIdentifierCheckTests {
    static func account(_ id: String) -> BackupAccount {
        BackupAccount(
            id: AccountID(rawValue: id), issuer: "Example", userName: "alice", createdAt: Date(timeIntervalSince1970: 0),
            content: .personal(.init()))
    }

    static func allDifferent(_ ids: [String]) -> Bool {
        AccountIdentifierCheck.allDifferent(ids.map(account))
    }

    @Test func distinctIdentifiersPass() {
        #expect(Self.allDifferent([]))
        #expect(Self.allDifferent(["a"]))
        #expect(Self.allDifferent((0..<5_000).map { "account-\($0)" }))
        #expect(Self.allDifferent(["", "a", "A", "a "]))
    }

    @Test func aRepeatAnywhereAmongThousandsIsFound() {
        var ids = (0..<5_000).map { "account-\($0)" }
        ids.append("account-17")
        #expect(!Self.allDifferent(ids))
        #expect(!Self.allDifferent(["", ""]))
    }

    /// "é" precomposed (U+00E9) and decomposed (e + U+0301) are equal `String`s, hence equal
    /// identifiers, although their bytes differ: refused, as `Set<AccountID>` refused them.
    @Test func canonicallyEquivalentIdentifiersAreTheSameIdentifier() {
        #expect(!Self.allDifferent(["ascii-first", "caf\u{E9}", "cafe\u{301}"]))
        #expect(Self.allDifferent(["ascii-first", "caf\u{E9}", "cafe"]))
        #expect(!Self.allDifferent(["x", "y", "x", "caf\u{E9}"]))
    }
}
