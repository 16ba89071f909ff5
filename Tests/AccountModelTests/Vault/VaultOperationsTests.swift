import AccountModel
import AuthenticatorKitTestSupport
import Foundation
import Testing

@Suite("Vault operations")
struct VaultOperationsTests {
    let later = Date(timeIntervalSince1970: 1_800_000_000)

    func account(_ userName: String, issuer: String = "Example") throws -> Account {
        try SampleVaults.thirdPartyAccount(issuer: issuer, userName: userName)
    }

    func vault(_ userNames: String...) throws -> Vault {
        var vault = Vault(platform: .ios)
        for name in userNames { try vault.add(try account(name)) }
        return vault
    }

    func userNames(_ vault: Vault) -> [String] {
        vault.accounts.map(\.userName)
    }

    // MARK: add

    @Test func newVaultIsEmptyAtRevisionZero() {
        let vault = Vault(platform: .android)
        #expect(vault.accounts.isEmpty)
        #expect(vault.revision == 0)
        #expect(vault.settings.platform == .android)
    }

    @Test func addAppendsTheAccountAndBumpsTheRevision() throws {
        var vault = try vault("a")
        let b = try account("b")
        try vault.add(b)
        #expect(userNames(vault) == ["a", "b"])
        #expect(vault.accounts.last?.id == b.id)
        #expect(vault.revision == 2)
    }

    @Test func addRefusesSameIssuerUserNameAndSecretNamingTheExistingAccount() throws {
        var vault = try vault("a", "b")
        let existing = vault.accounts[1]
        let copy = try account("b")  // same issuer, user name and secret, new identifier
        #expect(copy.id != existing.id)
        #expect(throws: AccountModelError.duplicateAccount(existing: existing.id)) { try vault.add(copy) }
        #expect(userNames(vault) == ["a", "b"])
        #expect(vault.revision == 2)
    }

    @Test func addRefusesAnAccountWhoseIdentifierIsTaken() throws {
        var vault = try vault("a")
        let existing = vault.accounts[0]
        let other = try account("other")
        let sameID = Account(id: existing.id, token: try #require(other.token), createdAt: other.createdAt)
        #expect(throws: AccountModelError.duplicateAccount(existing: existing.id)) { try vault.add(sameID) }
        #expect(vault.accounts.count == 1)
    }

    @Test func addAcceptsSameIssuerAndUserNameWithAnotherSecret() throws {
        var vault = try vault("a")
        var other = try account("b")
        other.userName = "a"  // same issuer and user name as "a", but the secret derived from "b"
        try vault.add(other)
        #expect(userNames(vault) == ["a", "a"])
    }

    @Test func addAcceptsSameSecretUnderAnotherUserNameOrIssuer() throws {
        var vault = try vault("a")
        var renamed = try account("a")
        renamed.userName = "a2"
        try vault.add(renamed)
        var reissued = try account("a")
        reissued.issuer = "Elsewhere"
        try vault.add(reissued)
        #expect(vault.accounts.count == 3)
    }

    @Test func duplicateDetectionComparesIssuerAndUserNameExactly() throws {
        var vault = try vault("a")
        var differentCase = try account("a")
        differentCase.issuer = "example"
        try vault.add(differentCase)
        #expect(vault.accounts.count == 2)
    }

    @Test func accountsWithoutTokenAreDuplicatesWhenIssuerAndUserNameMatch() throws {
        var vault = Vault(platform: .ios)
        let first = Account(
            provider: Account.ProviderDetails(
                kind: .workOrSchool, issuer: "Fabrikam", userName: "a@fabrikam.example", device: .awaitingEnrolment),
            createdAt: SampleVaults.createdAt
        )
        try vault.add(first)
        let again = Account(
            provider: Account.ProviderDetails(
                kind: .workOrSchool, issuer: "Fabrikam", userName: "a@fabrikam.example", device: .awaitingEnrolment),
            createdAt: SampleVaults.createdAt
        )
        #expect(throws: AccountModelError.duplicateAccount(existing: first.id)) { try vault.add(again) }
        let withToken = try account("a@fabrikam.example", issuer: "Fabrikam")
        try vault.add(withToken)  // a secret on one side only: not the same account
        #expect(vault.accounts.count == 2)
    }

    @Test func duplicateOfNamesTheExistingAccount() throws {
        let vault = try vault("a", "b")
        #expect(vault.duplicate(of: try account("b"))?.id == vault.accounts[1].id)
        #expect(vault.duplicate(of: try account("c")) == nil)
    }

    // MARK: lookups

    @Test func lookupsFindAccountsByIdentifier() throws {
        let vault = try vault("a", "b", "c")
        let b = vault.accounts[1]
        #expect(vault.account(withID: b.id)?.userName == "b")
        #expect(vault.index(ofAccountWithID: b.id) == 1)
        #expect(vault.account(withID: AccountID(rawValue: "missing")) == nil)
        #expect(vault.index(ofAccountWithID: AccountID(rawValue: "missing")) == nil)
    }

    // MARK: remove

    @Test func removeTakesOutTheAccountReturnsItAndBumpsTheRevision() throws {
        var vault = try vault("a", "b", "c")
        let b = vault.accounts[1]
        let removed = try vault.removeAccount(withID: b.id)
        #expect(removed.id == b.id)
        #expect(userNames(vault) == ["a", "c"])
        #expect(vault.revision == 4)
    }

    @Test func removeOfAnUnknownAccountThrowsAccountNotFound() throws {
        var vault = try vault("a")
        let missing = AccountID(rawValue: "missing")
        #expect(throws: AccountModelError.accountNotFound(missing)) { try vault.removeAccount(withID: missing) }
        #expect(vault.revision == 1)
    }

    @Test func removedAccountCanBeAddedAgain() throws {
        var vault = try vault("a")
        let a = try vault.removeAccount(withID: vault.accounts[0].id)
        try vault.add(a)
        #expect(userNames(vault) == ["a"])
    }

    // MARK: rename

    @Test func renameChangesNamesRelabelsTheTokenSetsModifiedAtAndBumpsTheRevision() throws {
        var vault = try vault("a", "b")
        let id = vault.accounts[0].id
        try vault.renameAccount(withID: id, issuer: "New Issuer", userName: "new-user", displayName: "Work", at: later)
        let renamed = try #require(vault.account(withID: id))
        #expect(renamed.issuer == "New Issuer")
        #expect(renamed.userName == "new-user")
        #expect(renamed.displayName == "Work")
        #expect(renamed.token?.issuer == "New Issuer")
        #expect(renamed.token?.account == "new-user")
        #expect(renamed.modifiedAt == later)
        #expect(renamed.createdAt == SampleVaults.createdAt)
        #expect(vault.revision == 3)
        #expect(vault.index(ofAccountWithID: id) == 0)
    }

    @Test func renameWithNilDisplayNameClearsIt() throws {
        var vault = try vault("a")
        let id = vault.accounts[0].id
        try vault.renameAccount(withID: id, issuer: "Example", userName: "a", displayName: "Shown", at: later)
        try vault.renameAccount(withID: id, issuer: "Example", userName: "a", displayName: nil, at: later)
        #expect(vault.account(withID: id)?.displayName == nil)
    }

    @Test func renameOfAnUnknownAccountThrowsAccountNotFound() throws {
        var vault = try vault("a")
        let missing = AccountID(rawValue: "missing")
        #expect(throws: AccountModelError.accountNotFound(missing)) {
            try vault.renameAccount(withID: missing, issuer: "I", userName: "U", displayName: nil, at: later)
        }
        #expect(vault.revision == 1)
    }

    @Test func renameIntoADuplicateIsRefusedAndChangesNothing() throws {
        var vault = try vault("a")
        var twin = try account("a")
        twin.userName = "twin"  // same secret and issuer as "a", another user name
        try vault.add(twin)
        let original = vault.accounts[0]
        #expect(throws: AccountModelError.duplicateAccount(existing: original.id)) {
            try vault.renameAccount(withID: twin.id, issuer: "Example", userName: "a", displayName: nil, at: later)
        }
        #expect(userNames(vault) == ["a", "twin"])
        #expect(vault.account(withID: twin.id)?.modifiedAt == SampleVaults.createdAt)
        #expect(vault.revision == 2)
    }

    // MARK: move

    @Test func moveToFirstLastAndMiddlePositions() throws {
        var vault = try vault("a", "b", "c", "d")
        try vault.moveAccount(withID: vault.accounts[3].id, to: 0)
        #expect(userNames(vault) == ["d", "a", "b", "c"])
        try vault.moveAccount(withID: vault.accounts[0].id, to: 3)
        #expect(userNames(vault) == ["a", "b", "c", "d"])
        try vault.moveAccount(withID: vault.accounts[0].id, to: 2)
        #expect(userNames(vault) == ["b", "c", "a", "d"])
        #expect(vault.revision == 7)
    }

    @Test func moveToTheCurrentPositionKeepsTheOrderAndBumpsTheRevision() throws {
        var vault = try vault("a", "b")
        try vault.moveAccount(withID: vault.accounts[1].id, to: 1)
        #expect(userNames(vault) == ["a", "b"])
        #expect(vault.revision == 3)
    }

    @Test func moveDoesNotChangeTheAccountsModificationTime() throws {
        var vault = try vault("a", "b")
        try vault.moveAccount(withID: vault.accounts[1].id, to: 0)
        #expect(vault.accounts.allSatisfy { $0.modifiedAt == SampleVaults.createdAt })
    }

    @Test(arguments: [-1, 3, Int.max, Int.min])
    func moveOutsideTheAccountsThrowsIndexOutOfRange(_ index: Int) throws {
        var vault = try vault("a", "b", "c")
        #expect(throws: AccountModelError.indexOutOfRange(index: index, count: 3)) {
            try vault.moveAccount(withID: vault.accounts[0].id, to: index)
        }
        #expect(userNames(vault) == ["a", "b", "c"])
        #expect(vault.revision == 3)
    }

    @Test func moveOfAnUnknownAccountThrowsAccountNotFound() throws {
        var vault = try vault("a")
        let missing = AccountID(rawValue: "missing")
        #expect(throws: AccountModelError.accountNotFound(missing)) { try vault.moveAccount(withID: missing, to: 0) }
    }

    // MARK: update

    @Test func updateAccountAppliesTheChangeSetsModifiedAtAndBumpsTheRevision() throws {
        var vault = Vault(platform: .ios)
        let personal = Account(
            provider: Account.ProviderDetails(kind: .personal, issuer: "Contoso ID", userName: "a", device: .awaitingEnrolment),
            createdAt: SampleVaults.createdAt)
        try vault.add(personal)
        let id = personal.id
        try vault.updateAccount(withID: id, at: later) { account in
            account.updateProviderDetails { details in
                details.pushApprovalsEnabled = true
                details.device = .awaitingVerification(.passwordAndAlternateContact)
            }
        }
        let updated = try #require(vault.account(withID: id))
        #expect(updated.pushApprovalsEnabled)
        #expect(updated.restoreState == .needsVerification(.passwordAndAlternateContact))
        #expect(updated.modifiedAt == later)
        #expect(vault.revision == 2)
    }

    @Test func updateAccountThatThrowsChangesNothing() throws {
        var vault = try vault("a")
        let id = vault.accounts[0].id
        #expect(throws: AccountModelError.invalidSettingKey("")) {
            try vault.updateAccount(withID: id, at: later) { account throws(AccountModelError) in
                account.userName = "changed"
                throw .invalidSettingKey("")
            }
        }
        #expect(userNames(vault) == ["a"])
        #expect(vault.revision == 1)
    }

    @Test func updateAccountIntoADuplicateIsRefused() throws {
        var vault = try vault("a", "b")
        let a = vault.accounts[0]
        let aToken = try #require(a.token)
        let bID = vault.accounts[1].id
        #expect(throws: AccountModelError.duplicateAccount(existing: a.id)) {
            try vault.updateAccount(withID: bID, at: later) { account in
                account.content = .thirdParty(aToken)
            }
        }
        #expect(userNames(vault) == ["a", "b"])
    }

    // MARK: settings

    @Test func updateSettingsReplacesThemAndBumpsTheRevision() throws {
        var vault = Vault(platform: .ios)
        var settings = vault.settings
        settings.backupEnabled = true
        settings.custom["theme"] = "dark"
        try vault.updateSettings(settings)
        #expect(vault.settings == settings)
        #expect(vault.revision == 1)
    }

    @Test func setSettingByKeyUpdatesAndBumpsTheRevision() throws {
        var vault = Vault(platform: .ios)
        try vault.setSetting("true", forKey: "hidesCodes")
        try vault.setSetting("blue", forKey: "accentColour")
        #expect(vault.settings.hidesCodes)
        #expect(vault.settings.custom["accentColour"] == "blue")
        #expect(vault.revision == 2)
    }

    @Test func setSettingWithABadValueChangesNothing() throws {
        var vault = Vault(platform: .ios)
        #expect(throws: AccountModelError.invalidSettingValue(key: "platform", value: "windows", expected: "ios or android")) {
            try vault.setSetting("windows", forKey: "platform")
        }
        #expect(vault.settings.platform == .ios)
        #expect(vault.revision == 0)
    }

    // MARK: revision

    @Test func everyOperationFailsWithRevisionOverflowAtTheLargestRevision() throws {
        let full = try vault("a")
        var vault = Vault(accounts: full.accounts, settings: full.settings, revision: .max)
        let id = vault.accounts[0].id
        #expect(throws: AccountModelError.revisionOverflow) { try vault.add(try account("b")) }
        #expect(throws: AccountModelError.revisionOverflow) { try vault.removeAccount(withID: id) }
        #expect(throws: AccountModelError.revisionOverflow) {
            try vault.renameAccount(withID: id, issuer: "I", userName: "U", displayName: nil, at: later)
        }
        #expect(throws: AccountModelError.revisionOverflow) { try vault.moveAccount(withID: id, to: 0) }
        #expect(throws: AccountModelError.revisionOverflow) { try vault.updateSettings(vault.settings) }
        #expect(throws: AccountModelError.revisionOverflow) { try vault.setSetting("true", forKey: "hidesCodes") }
        #expect(vault.revision == .max)
        #expect(userNames(vault) == ["a"])
        #expect(vault.settings.hidesCodes == false)
    }
}
