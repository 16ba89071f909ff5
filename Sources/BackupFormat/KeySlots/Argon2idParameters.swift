/// The cost of deriving a password slot's key with Argon2id (RFC 9106, version 0x13,
/// one lane — libsodium's `crypto_pwhash` with `crypto_pwhash_ALG_ARGON2ID13`).
///
/// Both numbers are stored in the slot. Writers and readers accept only parameters between
/// ``minimum`` and ``maximum`` (each number checked on its own), and readers check this
/// *before* deriving anything: a file cannot downgrade the password's protection below the
/// floor, nor make a reader spend more than the ceiling.
public struct Argon2idParameters: Sendable, Hashable {
    /// The number of passes over memory (libsodium's `opslimit`, Argon2's `t`).
    public var operations: UInt32
    /// The memory used, in KiB (Argon2's `m`; libsodium's `memlimit` is this × 1,024 bytes).
    public var memoryKiB: UInt32

    /// Parameters with the given cost. Not validated here: sealing and opening check them.
    public init(operations: UInt32, memoryKiB: UInt32) {
        self.operations = operations
        self.memoryKiB = memoryKiB
    }

    /// The floor: 2 passes, 64 MiB — libsodium's `OPSLIMIT_INTERACTIVE`/`MEMLIMIT_INTERACTIVE`.
    public static let minimum = Argon2idParameters(operations: 2, memoryKiB: 64 * 1024)

    /// The default for new password slots: 3 passes, 256 MiB — libsodium's
    /// `OPSLIMIT_MODERATE`/`MEMLIMIT_MODERATE`. A password export is rare, deliberate and
    /// in the foreground, and a stolen file is attacked offline, so the cost is spent on
    /// the attacker's side of the trade (see `Documentation/BackupFormat.md`).
    public static let recommended = Argon2idParameters(operations: 3, memoryKiB: 256 * 1024)

    /// The ceiling: 4 passes, 1 GiB — libsodium's `OPSLIMIT_SENSITIVE`/`MEMLIMIT_SENSITIVE`.
    public static let maximum = Argon2idParameters(operations: 4, memoryKiB: 1024 * 1024)

    /// Whether both numbers lie between ``minimum`` and ``maximum``.
    public var isWithinBounds: Bool {
        (Self.minimum.operations...Self.maximum.operations).contains(operations)
            && (Self.minimum.memoryKiB...Self.maximum.memoryKiB).contains(memoryKiB)
    }

    /// Throws ``BackupFormatError/parametersOutOfBounds(operations:memoryKiB:)`` unless
    /// ``isWithinBounds``.
    func checkBounds() throws(BackupFormatError) {
        guard isWithinBounds else { throw .parametersOutOfBounds(operations: operations, memoryKiB: memoryKiB) }
    }
}
