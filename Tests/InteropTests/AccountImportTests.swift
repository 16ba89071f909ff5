import AccountModel
import Foundation
import Interop
import OTP
import SodiumBridge
import Testing

/// A store that counts its saves and can let another writer save first, once.
actor CountingStore: AccountStore {
    private var vault: Vault?
    /// Saves that succeeded.
    private(set) var saves = 0
    /// Saved just before the next save (another writer winning the race), then cleared.
    private var intruder: Account?

    init(_ vault: Vault?) { self.vault = vault }

    func load() -> Vault? { vault }

    func save(_ new: Vault, replacingRevision expected: UInt64?) throws(AccountModelError) {
        if let intruder, var current = vault {
            self.intruder = nil
            try current.add(intruder)
            vault = current
        }
        guard vault?.revision == expected else { throw .revisionConflict(expected: expected, found: vault?.revision) }
        guard new.revision > (expected ?? 0) || expected == nil else { throw .revisionNotAdvanced(revision: new.revision, replacing: expected ?? 0) }
        vault = new
        saves += 1
    }

    /// Makes another writer add `account` just before the next save.
    func raceNextSave(adding account: Account) { intruder = account }
}

/// A vault of `accounts` (third-party tokens), each added like a user would.
func vault(_ tokens: [Token] = []) throws -> Vault {
    var vault = Vault(platform: .ios)
    for token in tokens { try vault.add(Account(token: token, createdAt: Date(timeIntervalSince1970: 1_700_000_000))) }
    return vault
}

/// A TOTP or HOTP token with a Base32 secret.
func token(_ issuer: String, _ account: String, secret: String = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", factor: Factor = .timer(period: 30), digits: Int = 6, algorithm: Algorithm = .sha1) throws -> Token {
    Token(issuer: issuer, account: account, generator: try Generator(factor: factor, secret: try Base32.decode(secret), algorithm: algorithm, format: .decimal(digits: digits)))
}

/// The code a token shows at the fixtures' time (HOTP: at its counter).
func code(_ token: Token) throws -> String {
    if case let .counter(counter) = token.generator.factor { return token.generator.code(forCounter: counter) }
    return try token.generator.code(atUnixTime: Fixtures.expectations.time)
}

func importError(_ body: () async throws(AccountImportError) -> AccountImportReport) async -> AccountImportError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}

@Suite("AccountImport: another app's export into any vault")
struct AccountImportTests {
    let aegis: ForeignVault
    init() throws {
        aegis = try ForeignVaultReader.read(try Fixtures.bytes("aegis-plain.json"), format: .aegis, password: nil)
    }

    @Test func anEntryThatCannotBeRepresentedImportsNothingAndEveryFailureIsListed() async throws {
        let before = try vault([try token("Bank", "zoe", secret: "JBSWY3DPEHPK3PXP")])
        let store = CountingStore(before)
        let error = await importError { () async throws(AccountImportError) in try await AccountImport(store: store).importAccounts(from: aegis) }
        guard case let .importFailed(failures)? = error else { Issue.record("expected importFailed, got \(String(describing: error))"); return }
        #expect(failures.map(\.position) == [5, 6, 7, 8, 9])
        #expect(failures.map(\.issuer) == ["MOTP Inc", "Yandex", "Old Hash", "Broken", "Digits"])
        #expect(failures.map(\.account) == ["mo", "ya", "md5user", "typo", "long"])
        #expect(failures.map(\.problem.caseName) == ["unsupportedType", "unsupportedType", "unsupportedAlgorithm", "malformedSecret", "invalidDigits"])
        #expect(error?.caseName == "importFailed")
        #expect(error?.message.hasPrefix("5 entries cannot be imported, so nothing was imported: entry 5 (MOTP Inc, mo): ") == true)
        #expect(await store.saves == 0)
        #expect(await store.load()?.accounts.count == 1)
    }

    @Test func partialImportsTheRestInTheFilesOrderAndReportsWhatItLeftOut() async throws {
        let existing = try token("Bank", "zoe", secret: "JBSWY3DPEHPK3PXP")
        let store = CountingStore(try vault([existing]))
        let report = try await AccountImport(store: store).importAccounts(from: aegis, partial: true)
        #expect(report.format == .aegis)
        #expect(report.imported.map(\.position) == [1, 2, 3, 4])
        #expect(report.imported.map(\.type) == [.totp, .totp, .hotp, .steam])
        #expect(report.leftOut.map(\.position) == [5, 6, 7, 8, 9])
        #expect(report.leftOut.allSatisfy { $0.id == nil && $0.type == nil && $0.reason != nil })
        #expect(report.leftOut.first?.reason == "the type 'motp' is not supported")
        #expect(await store.saves == 1)
        let saved = try #require(await store.load())
        #expect(saved.accounts.map(\.id) == [saved.accounts[0].id] + report.imported.compactMap(\.id))
        #expect(saved.accounts.dropFirst().map(\.issuer) == ["ACME Co", "Café", "Bank", "Steam"])
        // Byte for byte: the file's "Café" is decomposed (e + U+0301) and stays so.
        #expect(Array(saved.accounts[2].issuer.utf8) == Array("Cafe\u{301}".utf8))
        #expect(report.savedVault?.revision == saved.revision)
        let expected = try Fixtures.fixture("aegis-plain.json").entries.prefix(4).map { $0.token?.code }
        #expect(try saved.accounts.dropFirst().map { try code(try #require($0.token)) } == expected)
    }

    @Test func anEntryLikeAnEarlierEntryOfTheFileIsSkippedWithThatAccountsID() async throws {
        let file = try ForeignVaultReader.read(try Fixtures.bytes("2fas-plain-v4.json"), format: .twoFAS, password: nil)
        let store = CountingStore(try vault())
        let report = try await AccountImport(store: store).importAccounts(from: file, partial: true)
        #expect(report.imported.map(\.position) == [1, 2, 3, 4])
        #expect(report.skipped.map(\.position) == [7])
        let steam = try #require(report.imported.last?.id)
        #expect(report.skipped.first?.id == steam)
        #expect(report.skipped.first?.reason == "the same secret and parameters as an earlier entry of the file")
        #expect(await store.load()?.accounts.count == 4)
        #expect(report.entries.map(\.outcome) == [.imported, .imported, .imported, .imported, .leftOut, .leftOut, .skippedDuplicate])
    }

    @Test func anEntryLikeAnAccountInTheVaultIsSkippedWhateverItsNameOrCounter() async throws {
        // ACME's secret under another name, and Bank's HOTP secret at another counter.
        let acme = Fixtures.expectations.fixtures[0].entries[0]
        let bank = Fixtures.expectations.fixtures[0].entries[2]
        let renamed = try token("Renamed", "me", secret: try #require(acme.token?.secret))
        let counter = try token("Bank", "carol", secret: try #require(bank.token?.secret), factor: .counter(99))
        let store = CountingStore(try vault([renamed, counter]))
        let ids = try #require(await store.load()).accounts.map(\.id)
        let report = try await AccountImport(store: store).importAccounts(from: aegis, partial: true)
        #expect(report.skipped.map(\.position) == [1, 3])
        #expect(report.skipped.map(\.id) == ids)
        #expect(report.skipped.first?.reason == "the same secret and parameters as an account already in the vault")
        #expect(report.skipped.map(\.issuer) == ["ACME Co", "Bank"])
        #expect(report.imported.map(\.position) == [2, 4])
        #expect(await store.load()?.accounts.count == 4)
    }

    @Test func anEntryWithTheSameSecretButOtherParametersIsImported() async throws {
        let acme = try #require(Fixtures.expectations.fixtures[0].entries[0].token)
        let store = CountingStore(try vault([try token("ACME Co", "other", secret: acme.secret, digits: 8)]))
        let report = try await AccountImport(store: store).importAccounts(from: aegis, partial: true)
        #expect(report.imported.first?.position == 1)
    }

    @Test func aProviderAccountsScannedSecretCountsAsADuplicate() async throws {
        let acme = try #require(Fixtures.expectations.fixtures[0].entries[0].token)
        var start = try vault()
        let generator = try Generator(factor: .timer(period: 30), secret: try Base32.decode(acme.secret))
        let provider = Account(
            provider: .init(kind: .workOrSchool, issuer: "Contoso", userName: "alice", device: .scannedSecret(generator)),
            createdAt: Date(timeIntervalSince1970: 0))
        try start.add(provider)
        let report = try await AccountImport(store: CountingStore(start)).importAccounts(from: aegis, partial: true)
        #expect(report.skipped.map(\.id) == [provider.id])
    }

    @Test func aDryRunReportsTheSameAndSavesNothing() async throws {
        let store = CountingStore(try vault())
        let dry = try await AccountImport(store: store).importAccounts(from: aegis, partial: true, dryRun: true)
        #expect(await store.saves == 0)
        #expect(await store.load()?.accounts.isEmpty == true)
        #expect(dry.savedVault == nil)
        let real = try await AccountImport(store: store).importAccounts(from: aegis, partial: true)
        #expect(dry.entries.map(\.outcome) == real.entries.map(\.outcome))
        #expect(dry.entries.map(\.entry.position) == real.entries.map(\.entry.position))
        #expect(dry.dropped.map(\.fields) == real.dropped.map(\.fields))
        // The dry run of a failing import fails the same way.
        let error = await importError { () async throws(AccountImportError) in try await AccountImport(store: store).importAccounts(from: aegis, dryRun: true) }
        #expect(error?.caseName == "importFailed")
    }

    @Test func droppedFieldsAreReportedForTheImportedEntries() async throws {
        let report = try await AccountImport(store: CountingStore(try vault())).importAccounts(from: aegis, partial: true)
        #expect(report.dropped.map(\.entry.position) == [1, 2])
        #expect(report.dropped.map(\.fields) == [["favorite", "group", "note"], ["icon"]])
    }

    @Test func theImportIsOneSaveAndStartsAgainWhenAnotherWriterSavedFirst() async throws {
        let store = CountingStore(try vault())
        // Another writer adds ACME's account while the import is planned.
        let acme = try #require(Fixtures.expectations.fixtures[0].entries[0].token)
        let other = Account(token: try token("ACME Co", "alice@example.com", secret: acme.secret), createdAt: Date(timeIntervalSince1970: 0))
        await store.raceNextSave(adding: other)
        let report = try await AccountImport(store: store).importAccounts(from: aegis, partial: true)
        #expect(await store.saves == 1)
        #expect(report.skipped.map(\.id) == [other.id])
        #expect(await store.load()?.accounts.map(\.id) == [other.id] + report.imported.compactMap(\.id))
    }

    @Test func aMissingVaultIsReportedAsTheStoresError() async throws {
        let error = await importError { () async throws(AccountImportError) in
            try await AccountImport(store: CountingStore(nil)).importAccounts(from: aegis, partial: true)
        }
        guard case .vault(.vaultNotFound)? = error else { Issue.record("got \(String(describing: error))"); return }
    }

    @Test func everyErrorCaseHasItsName() {
        #expect(AccountImportError.importFailed([]).caseName == "importFailed")
        #expect(AccountImportError.vault(.vaultNotFound).caseName == "vault")
        #expect(AccountExportError.passwordNotApplicable(format: .google).caseName == "passwordNotApplicable")
        #expect(AccountExportError.unrepresentable(id: AccountID(), issuer: "", account: "", reason: "").caseName == "unrepresentable")
        #expect(AccountExportError.vault(.vaultNotFound).caseName == "vault")
        #expect(AccountExportError.interop(.damaged(reason: "")).caseName == "interop")
    }
}

@Suite("AccountExport: the vault for another app, and back")
struct AccountExportTests {
    /// Tokens every writable format can hold.
    private func portableTokens() throws -> [Token] {
        [
            try token("GitHub", "alice", secret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
            try token("VPN", "alice", secret: "JBSWY3DPEHPK3PXP", factor: .counter(5)),
            try token("Caf\u{E9} \u{1F600}", "bob@example.com", secret: "KRSXG5CTMVRXEZLU", digits: 8, algorithm: .sha256),
        ]
    }

    @Test(arguments: ExportFormat.allCases)
    func anExportImportsBackWithTheSameCodes(format: ExportFormat) async throws {
        let tokens = try portableTokens()
        let source = CountingStore(try vault(tokens))
        let file = try await AccountExport(store: source).export(to: format, protection: .plaintext)
        let read = try ForeignVaultReader.read(file.bytes, format: ImportFormat(rawValue: format.rawValue) ?? .auto, password: nil)
        let target = CountingStore(try vault())
        let report = try await AccountImport(store: target).importAccounts(from: read)
        #expect(report.imported.count == tokens.count)
        let imported = try #require(await target.load()).accounts.compactMap(\.token)
        #expect(imported.map(\.issuer) == tokens.map(\.issuer))
        #expect(imported.map(\.account) == tokens.map(\.account))
        #expect(try imported.map(code) == tokens.map(code))
        #expect(file.exported == (try #require(await source.load())).accounts.map(\.id))
        // Importing the same file again adds nothing.
        let again = try await AccountImport(store: target).importAccounts(from: read)
        #expect(again.imported.isEmpty && again.skipped.count == tokens.count)
    }

    @Test func anEncryptedAegisExportOpensWithItsPasswordAndHasTheSameCodes() async throws {
        var tokens = try portableTokens()
        tokens.append(Token(issuer: "Steam", account: "gamer", generator: try Generator(factor: .timer(period: 30), secret: try Base32.decode("JBSWY3DPEHPK3PXP"), format: .steam)))
        let file = try await AccountExport(store: CountingStore(try vault(tokens)))
            .export(to: .aegis, protection: .password(secure("pw"), cost: .testingOnly))
        #expect(interopError { () throws(InteropError) in try ForeignVaultReader.read(file.bytes, format: .aegis, password: nil) } == .passwordRequired)
        let read = try ForeignVaultReader.read(file.bytes, format: .aegis, password: secure("pw"))
        #expect(try read.tokens.map(code) == tokens.map(code))
        #expect(read.tokens.last.map { CodeType($0.generator) } == .steam)
    }

    @Test func providerAccountsAreNeverExported() async throws {
        var start = try vault(try portableTokens())
        let generator = try Generator(factor: .timer(period: 30), secret: try Base32.decode("JBSWY3DPEHPK3PXP"))
        let provider = Account(
            provider: .init(kind: .personal, issuer: "Contoso", userName: "alice", device: .enrolled(DeviceCredential(createdAt: Date(timeIntervalSince1970: 0)), scannedSecret: generator)),
            createdAt: Date(timeIntervalSince1970: 0))
        try start.add(provider)
        let file = try await AccountExport(store: CountingStore(start)).export(to: .otpauth, protection: .plaintext)
        #expect(file.leftOut == [provider.id])
        #expect(!String(decoding: file.bytes, as: UTF8.self).contains("Contoso"))
        #expect(String(decoding: file.bytes, as: UTF8.self).split(separator: "\n").count == 3)
    }

    @Test func anAccountTheFormatCannotHoldIsNamedAndNothingIsWritten() async throws {
        let steam = Token(issuer: "Steam", account: "gamer", generator: try Generator(factor: .timer(period: 30), secret: try Base32.decode("JBSWY3DPEHPK3PXP"), format: .steam))
        let store = CountingStore(try vault([try token("GitHub", "alice"), steam]))
        let id = try #require(await store.load()?.accounts.last?.id)
        do {
            _ = try await AccountExport(store: store).export(to: .google, protection: .plaintext)
            Issue.record("expected unrepresentable")
        } catch {
            guard case let .unrepresentable(failed, issuer, account, _) = error else { Issue.record("got \(error)"); return }
            #expect(failed == id && issuer == "Steam" && account == "gamer")
        }
    }

    @Test func aPasswordForATextFormatIsRefused() async throws {
        let store = CountingStore(try vault())
        do {
            _ = try await AccountExport(store: store).export(to: .otpauth, protection: .password(secure("pw")))
            Issue.record("expected passwordNotApplicable")
        } catch {
            #expect(error.caseName == "passwordNotApplicable")
        }
    }
}

/// Issue 11, reproduction 6: an export's entry beyond the vault's limits (what a backup can
/// carry) is refused like any entry that cannot be represented, naming the field and limit.
@Suite("AccountImport: the vault's limits")
struct AccountImportLimitsTests {
    /// One entry within the limits, then one with a 129-byte secret (207 Base32 `A`s), then
    /// one with a 2,000-character issuer.
    let file: ForeignVault
    init() throws {
        let text = """
            otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub
            otpauth://totp/Big:mallory?secret=\(String(repeating: "A", count: 207))&issuer=Big
            otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&issuer=\(String(repeating: "I", count: 2000))

            """
        file = try ForeignVaultReader.read(Array(text.utf8), format: .otpauth, password: nil)
    }

    @Test func anEntryBeyondTheLimitsImportsNothingNamingTheFieldAndTheLimit() async throws {
        let store = CountingStore(try vault())
        let error = await importError { () async throws(AccountImportError) in try await AccountImport(store: store).importAccounts(from: file) }
        guard case let .importFailed(failures)? = error else { Issue.record("expected importFailed, got \(String(describing: error))"); return }
        #expect(failures.map(\.position) == [2, 3])
        #expect(failures.map(\.problem) == [
            .beyondVaultLimit(.secretTooLong(limit: 128)), .beyondVaultLimit(.fieldTooLong(field: .issuer, limit: 1024)),
        ])
        #expect(failures.first?.problem.caseName == "beyondVaultLimit")
        #expect(await store.saves == 0)
    }

    @Test func aPartialImportLeavesThemOutAndImportsTheRest() async throws {
        let store = CountingStore(try vault())
        let report = try await AccountImport(store: store).importAccounts(from: file, partial: true)
        #expect(report.imported.map(\.position) == [1])
        #expect(report.leftOut.map(\.position) == [2, 3])
        #expect(report.leftOut.first?.reason?.contains("128 bytes") == true)
        #expect(await store.load()?.accounts.map(\.issuer) == ["GitHub"])
    }

    @Test func beyondFiftyThousandAccountsAPartialImportLeavesTheRestOutAndAFullOneImportsNothing() async throws {
        // 49,999 provider accounts (no secrets: cheap), room for one more.
        let accounts = (1..<VaultLimits.maximumAccounts).map { index in
            Account(
                id: AccountID(rawValue: "p\(index)"),
                provider: Account.ProviderDetails(kind: .personal, issuer: "P", userName: "u\(index)", device: .awaitingEnrolment),
                createdAt: Date(timeIntervalSince1970: 0))
        }
        let two = try ForeignVaultReader.read(Array("""
            otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub
            otpauth://totp/GitLab:bob?secret=JBSWY3DPEHPK3PXP&issuer=GitLab

            """.utf8), format: .otpauth, password: nil)
        let full = CountingStore(Vault(accounts: accounts, settings: Settings(platform: .ios), revision: 1))
        let error = await importError { () async throws(AccountImportError) in try await AccountImport(store: full).importAccounts(from: two) }
        guard case .vault(.tooManyAccounts(limit: 50_000))? = error else { Issue.record("expected tooManyAccounts, got \(String(describing: error))"); return }
        #expect(await full.saves == 0)

        let store = CountingStore(Vault(accounts: accounts, settings: Settings(platform: .ios), revision: 1))
        let report = try await AccountImport(store: store).importAccounts(from: two, partial: true)
        #expect(report.imported.map(\.position) == [1])
        #expect(report.leftOut.map(\.problem) == [.beyondVaultLimit(.tooManyAccounts(limit: 50_000))])
        #expect(await store.load()?.accounts.count == 50_000)
    }
}
