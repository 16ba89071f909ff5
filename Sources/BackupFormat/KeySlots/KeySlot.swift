import SodiumBridge

/// A key slot to seal into a backup: one way to open it. Each slot wraps the backup's data
/// key; a backup has at least one and at most one of each kind.
public enum KeySlot: Sendable {
    /// The recovery account: the data key wrapped under a 32-byte escrow key that the
    /// recovery-account service keeps and releases only to a signed-in session. `keyID`
    /// (0–128 bytes of UTF-8, not secret) is stored in the clear so the service can tell
    /// which key to release.
    case escrowKey(SecureBytes, keyID: String)
    /// A password: the data key wrapped under a key derived with Argon2id at `parameters`
    /// (between `PasswordHashingCost.minimum` and `PasswordHashingCost.maximum`, SodiumBridge's one cost type). Pass the
    /// UTF-8 bytes of the password in Unicode normalisation form C, so that the same
    /// password typed on another platform opens the file.
    case password(SecureBytes, parameters: PasswordHashingCost = .moderate)
    /// A recovery code the user wrote down.
    case recoveryCode(RecoveryCode)
}

/// What opens a sealed backup: the secret for one kind of key slot.
public enum BackupKey: Sendable {
    /// The 32-byte escrow key the recovery-account service released.
    case escrowKey(SecureBytes)
    /// The password (its UTF-8 bytes in Unicode normalisation form C).
    case password(SecureBytes)
    /// The recovery code the user wrote down (read it with ``RecoveryCode/init(parsing:)``).
    case recoveryCode(RecoveryCode)
}

/// What a header says about one key slot, readable without any key.
public enum KeySlotSummary: Sendable, Hashable {
    /// A recovery-account slot and the identifier of its escrow key.
    case escrowKey(keyID: String)
    /// A password slot and its Argon2id parameters (as stored: not yet checked against the
    /// bounds).
    case password(PasswordHashingCost)
    /// A recovery-code slot.
    case recoveryCode
    /// A slot of a type this reader does not know (written by a newer version); it is
    /// skipped when opening.
    case unknown(type: UInt8)
}
