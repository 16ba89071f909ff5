import Foundation

/// The vault written to a sealed backup file that a password (and optionally a recovery code)
/// opens: what an app's "Export accounts" does, to move them to a device on the other platform
/// or to keep a copy offline. ``BackupFileImport`` reads it back.
///
/// ```swift
/// let file = try await BackupFileExport(store: store, appVersion: "2.1")
///     .seal(password: password, addingRecoveryCode: true)
/// try write(file.bytes)                 // the app writes it atomically, mode 0600
/// show(file.recoveryCode?.text)         // once; the user writes it down
/// ```
///
/// Each file starts a backup chain of its own: a new random backup identifier, generation 1,
/// the device's platform. Device credentials never leave the device (see the format spec).
public struct BackupFileExport: Sendable {
    let store: any AccountStore
    let appVersion: String
    let clock: any TimeSource
    let random: any RandomSource

    /// An export of the vault in `store`, recording `appVersion` as the writer.
    public init(
        store: any AccountStore, appVersion: String, clock: any TimeSource = SystemTimeSource(),
        random: any RandomSource = SystemRandom()
    ) {
        self.store = store
        self.appVersion = appVersion
        self.clock = clock
        self.random = random
    }

    /// A sealed file and the recovery code that also opens it, if one was asked for.
    public struct SealedFile: Sendable {
        /// The file's bytes.
        public var bytes: [UInt8]
        /// The recovery code of the file's recovery-code slot; show it once.
        public var recoveryCode: RecoveryCode?
        /// The accounts the file leaves out because they exceed the format's limits
        /// (`Vault.accountsLeftOutOfBackups`; only a vault written by an earlier version holds
        /// any). Show them by name.
        public var accountsLeftOut: [AccountLeftOut] = []
    }

    /// Seals the whole vault (but ``SealedFile/accountsLeftOut``) under a password slot of cost `cost` and, when
    /// `addingRecoveryCode`, a recovery-code slot with a new random code.
    /// - Throws: `AccountModelError/vaultNotFound` when no vault is stored, any other error
    ///   of the store, or a `BackupFormatError` when the vault cannot be sealed (e.g. beyond the
    ///   format's limits). Nothing is written anywhere.
    public func seal(
        password: SecureBytes, cost: PasswordHashingCost = .moderate, addingRecoveryCode: Bool = false
    ) async throws -> SealedFile {
        guard let vault = try await store.load() else { throw AccountModelError.vaultNotFound }
        return try seal(vault, password: password, cost: cost, addingRecoveryCode: addingRecoveryCode)
    }

    /// Seals `vault`, which the caller has just loaded from the store (to check it before
    /// asking for the password, say), exactly as ``seal(password:cost:addingRecoveryCode:)``
    /// seals the stored one, without loading and decoding it a second time.
    /// - Throws: a `BackupFormatError` when the vault cannot be sealed.
    public func seal(
        _ vault: Vault, password: SecureBytes, cost: PasswordHashingCost = .moderate, addingRecoveryCode: Bool = false
    ) throws -> SealedFile {
        var slots: [KeySlot] = [.password(password, parameters: cost)]
        let code = addingRecoveryCode ? RecoveryCode(using: RandomSourceBox(base: random)) : nil
        if let code { slots.append(.recoveryCode(code)) }
        let metadata = BackupMetadata(
            generation: 1, platform: vault.settings.platform, appVersion: appVersion,
            backupID: UUID(uuid: UUID.random(using: random)))
        let sealer = BackupSealer(random: RandomSourceBox(base: random), clock: TimeSourceBox(base: clock))
        // What the file leaves out, from the payload's own pass over the accounts.
        var leftOut: [AccountLeftOut] = []
        let payload = BackupPayload(vault: vault, leavingOut: &leftOut)
        let bytes = try sealer.seal(payload, metadata: metadata, keySlots: slots)
        return SealedFile(bytes: bytes, recoveryCode: code, accountsLeftOut: leftOut)
    }
}

extension UUID {
    /// A version 4 UUID's bytes drawn from `random`.
    static func random(using random: any RandomSource) -> uuid_t {
        var bytes = random.bytes(16)
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
        )
    }
}
