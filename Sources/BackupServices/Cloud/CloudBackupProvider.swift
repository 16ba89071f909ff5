/// Where sealed backups live: the platform's cloud, as seen from one device.
///
/// A provider serves one ``platform``'s cloud — `ios`: the user's iCloud, where backups are
/// addressed by the Apple ID the device is signed in with; `android`: the identity provider's
/// own cloud storage, addressed by the recovery account. Within it, each ``CloudIdentity``
/// holds at most one backup: the latest. The provider treats a backup as opaque bytes plus a
/// generation number; it never decrypts or parses it.
///
/// Every operation names the identity the caller expects, so that a device signed in as
/// someone else is told so instead of seeing "not found".
///
/// ## Implementation requirements
/// - Check the signed-in identity first: throw ``CloudBackupError/notSignedIn`` when there
///   is none, and ``CloudBackupError/signedInAsAnotherIdentity(expected:actual:)`` when it is
///   not the `identity` passed in. Then report ``CloudBackupError/unreachable`` for any
///   network or availability failure, and ``CloudBackupError/notFound`` when the identity has
///   no backup.
/// - Store the generation beside the bytes, so that the compare-and-swap of
///   ``uploadBackup(_:generation:replacing:for:)`` never has to parse a backup, and make the
///   comparison and the write one atomic step (a server-side conditional write, a record
///   change tag, a file lock): two devices racing with the same expected generation must
///   never both succeed.
/// - Never leave a half-written backup visible: a reader sees the previous generation or the
///   new one, complete.
/// - Delete by compare-and-swap too: ``deleteBackup(generation:for:)`` removes the backup only
///   while it is still the generation the caller names, in the same atomic step, so a device
///   that has not seen a newer upload cannot delete it.
/// - Bound what you read: never read more than the largest backup you accept (the backup
///   format's largest file is 16 MiB, `BackupLimits.maximumFileSize`) nor trust a stored size
///   before checking it; a stored entry that is larger, not a regular file or a link is a
///   ``CloudBackupError/storageFailure(reason:)``, never a hang or a crash.
/// - Never wait without a bound: a lock, a lease or a conflict retry that does not resolve in a
///   bounded time is ``CloudBackupError/busy`` (or ``CloudBackupError/unreachable`` for the
///   network).
/// - Return uploaded bytes unchanged, byte for byte.
/// - Errors are ``CloudBackupError`` cases only; never put backup bytes in them.
///
/// The SDK ships `DirectoryCloudProvider` (a folder, for demos, tests and the reference app)
/// and, in `AuthenticatorKitTestSupport`, an in-memory provider with scriptable outages and a
/// reusable conformance check for your own implementation.
public protocol CloudBackupProvider: Sendable {
    /// The platform whose cloud this provider reaches; for a portable location (see
    /// ``locationKind``), the platform of the device it serves. Written into each backup's header.
    var platform: Platform { get }

    /// Which kind of cloud this provider reaches: its ``platform``'s own cloud (the default)
    /// or a portable location any device reaches (a WebDAV folder). It decides which identity
    /// backups are addressed by (``BackupLocationKind/identityRule``) and whether a restore
    /// compares the backup's platform with the device's.
    var locationKind: BackupLocationKind { get }

    /// The identity this device is signed in to its cloud as, or `nil` when it is not signed
    /// in. Answered from the device's own state where possible (no network needed).
    func signedInIdentity() async throws(CloudBackupError) -> CloudIdentity?

    /// The metadata and the first bytes of `identity`'s latest backup.
    ///
    /// `leadingBytes` holds the first `min(maximumLength, byteCount)` bytes (none when
    /// `maximumLength` is zero or negative), so a caller can decode the backup's header —
    /// version, platform, generation — before deciding to download it. A provider that cannot
    /// read part of a file may download it whole and cut it, as long as the result is the same.
    func readLatestBackupHeader(
        for identity: CloudIdentity, maximumLength: Int
    ) async throws(CloudBackupError) -> CloudBackupHeader

    /// `identity`'s latest backup, whole, with its metadata.
    func downloadLatestBackup(for identity: CloudIdentity) async throws(CloudBackupError) -> CloudBackup

    /// Stores `bytes` as `identity`'s latest backup with `generation`, **only if** the stored
    /// generation is still `expectedGeneration` — the one the caller last saw — or, when
    /// `expectedGeneration` is `nil`, only if there is no backup at all.
    ///
    /// Otherwise it throws ``CloudBackupError/generationConflict(expected:found:)`` with both
    /// generations and changes nothing. `generation` must be greater than
    /// `expectedGeneration` (else ``CloudBackupError/generationMustIncrease(current:proposed:)``).
    /// The previous backup stays readable until the new one is complete.
    /// - Returns: the metadata now stored.
    func uploadBackup(
        _ bytes: [UInt8], generation: UInt64, replacing expectedGeneration: UInt64?, for identity: CloudIdentity
    ) async throws(CloudBackupError) -> CloudBackupMetadata

    /// Deletes `identity`'s backup, as a user can from the cloud's storage settings, **only if**
    /// the stored generation is still `generation` — the one the caller last saw.
    ///
    /// Throws ``CloudBackupError/notFound`` when there is no backup, and
    /// ``CloudBackupError/generationConflict(expected:found:)`` (with both generations, changing
    /// nothing) when the cloud holds another generation: a device that has not seen a newer
    /// upload never deletes it. The comparison and the deletion are one atomic step, as for
    /// ``uploadBackup(_:generation:replacing:for:)``. To delete whatever is there, read the
    /// generation first (``readLatestBackupHeader(for:maximumLength:)`` with `maximumLength` 0).
    func deleteBackup(generation: UInt64, for identity: CloudIdentity) async throws(CloudBackupError)
}

extension CloudBackupProvider {
    /// ``BackupLocationKind/platformCloud(_:)`` of ``platform``: a provider of a platform's
    /// own cloud need not implement ``locationKind``.
    public var locationKind: BackupLocationKind { .platformCloud(platform) }

    /// Which identity this provider's backups are addressed by (``BackupLocationKind/identityRule``).
    public var identityRule: CloudIdentityRule { locationKind.identityRule }
}
