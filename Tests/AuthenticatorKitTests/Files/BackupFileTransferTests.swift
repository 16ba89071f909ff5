import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// `BackupFileExport` and `BackupFileImport`: a sealed file from one device into another's
/// empty vault.
@Suite("Backup files")
struct BackupFileTransferTests {
    static let password = SecureBytes(copying: Array("correct horse".utf8))

    /// A device's store holding `vault`, or an empty vault when `nil`.
    static func store(_ vault: Vault? = nil) -> InMemoryAccountStore {
        InMemoryAccountStore(vault: vault ?? Vault(platform: .android))
    }

    @Test func anExportedFileRestoresEveryThirdPartyAccountOnAnotherDevice() async throws {
        let source = Self.store(try SampleVaults.everyShape())
        let file = try await BackupFileExport(store: source, appVersion: "test")
            .seal(password: Self.password, cost: .minimum)
        let target = Self.store()
        let plan = try await BackupFileImport(store: target).restore(readingFile: { file.bytes }, key: { .password(Self.password) })
        let restored = try #require(await target.load())
        #expect(VaultComparison.differences(plan.vault, restored).isEmpty)
        let original = try #require(await source.load())
        for account in original.accounts where account.kind == .thirdParty {
            let copy = try #require(restored.account(withID: account.id))
            #expect(copy.token == account.token)
        }
    }

    @Test func theRecoveryCodeOpensTheFileToo() async throws {
        let file = try await BackupFileExport(store: Self.store(try SampleVaults.everyShape()), appVersion: "test")
            .seal(password: Self.password, cost: .minimum, addingRecoveryCode: true)
        let code = try #require(file.recoveryCode)
        let target = Self.store()
        _ = try await BackupFileImport(store: target).restore(readingFile: { file.bytes }, key: { .recoveryCode(code) })
        #expect(try #require(await target.load()).accounts.isEmpty == false)
    }

    @Test func eachExportStartsItsOwnChainAtGenerationOne() async throws {
        let store = Self.store(try SampleVaults.everyShape())
        let first = try await BackupFileExport(store: store, appVersion: "test").seal(password: Self.password, cost: .minimum)
        let second = try await BackupFileExport(store: store, appVersion: "test").seal(password: Self.password, cost: .minimum)
        let one = try SealedBackup(bytes: first.bytes).header, two = try SealedBackup(bytes: second.bytes).header
        #expect(one.generation == 1 && two.generation == 1)
        #expect(one.backupID != two.backupID)
    }

    @Test func aVaultWithAccountsIsRefusedBeforeTheFileIsReadOrAKeyDerived() async throws {
        let store = Self.store(try SampleVaults.everyShape())
        let before = try #require(await store.load())
        await #expect {
            _ = try await BackupFileImport(store: store).restore(
                readingFile: { Issue.record("the file was read"); return [] },
                key: { Issue.record("a key was asked for"); return .password(Self.password) })
        } throws: { error in
            guard case let .existingAccounts(accounts) = error as? BackupUnavailableReason else { return false }
            return accounts.map(\.id) == before.accounts.map(\.id)
        }
        #expect(VaultComparison.differences(before, try #require(await store.load())).isEmpty)
    }

    @Test func aWrongPasswordChangesNothing() async throws {
        let file = try await BackupFileExport(store: Self.store(try SampleVaults.everyShape()), appVersion: "test")
            .seal(password: Self.password, cost: .minimum)
        let target = Self.store()
        let before = try #require(await target.load())
        await #expect(throws: BackupFormatError.self) {
            _ = try await BackupFileImport(store: target).restore(
                readingFile: { file.bytes }, key: { .password(SecureBytes(copying: Array("wrong".utf8))) })
        }
        #expect(VaultComparison.differences(before, try #require(await target.load())).isEmpty)
    }
}
