import AuthenticatorKit
import Foundation

extension BenchmarkVault {
    /// The vault sealed as `authenticator export --password-file` seals it: one password slot
    /// of Argon2id cost `cost`, generation 1, a new backup identifier. The accounts are
    /// deterministic; the file's data key, salt and nonces are random, as every backup's.
    public func sealed(password: SecureBytes, cost: PasswordHashingCost) throws -> [UInt8] {
        let metadata = BackupMetadata(
            generation: 1, platform: vault.settings.platform, appVersion: "make-vault", backupID: UUID())
        return try BackupSealer().seal(BackupPayload(vault: vault), metadata: metadata, keySlots: [.password(password, parameters: cost)])
    }

    /// Restores `sealed` (opened with `password`) into the vault of `home`, as
    /// `authenticator --home HOME import FILE --password-file P` does: the CLI's store (an
    /// encrypted `FileAccountStore` in `home`, keyed by the file `home/key`, created when
    /// missing) and the SDK's `BackupFileImport`. `home` must hold no vault or an empty one.
    /// Also creates `home/cloud` and `home/services`, as `authenticator init` does.
    /// - Returns: the number of accounts restored.
    public static func restore(_ sealed: [UInt8], password: SecureBytes, intoHome home: URL) async throws -> Int {
        for folder in [home, home.appendingPathComponent("cloud"), home.appendingPathComponent("services")] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let store = FileAccountStore(directory: home, keyProvider: FileKeyProvider(file: home.appendingPathComponent("key")))
        let plan = try await BackupFileImport(store: store).restore(readingFile: { sealed }, key: { .password(password) })
        return plan.vault.accounts.count
    }
}
