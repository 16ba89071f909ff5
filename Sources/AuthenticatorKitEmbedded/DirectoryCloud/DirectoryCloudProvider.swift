import BackupServices
import OTP
import Foundation
import DurableStorage

/// A cloud made of a folder: the embedded `CloudBackupProvider` for demos, tests and the
/// reference app, and a model of how a real cloud must behave.
///
/// Each scope and identity has its own folder, `root/ios/<identity>/` or
/// `root/android/<identity>/`; identities are encoded into safe folder names and names that
/// try to leave the folder (`..`, `a/b`) are refused with
/// `CloudBackupError/invalidIdentity(reason:)`. Several providers (several simulated devices)
/// may share one root, in one process or several.
///
/// In an identity's folder, `generation-<n>.backup` holds the backup exactly as uploaded
/// (so `authenticator inspect` can read it) and `latest.json` names the current generation,
/// its size and modification time; it is the commit point of an upload and lets the
/// compare-and-swap run without parsing the backup. Every file is written atomically and every
/// operation runs under an exclusive lock on the folder's `.lock` file.
///
/// A missing `root` is reported as `CloudBackupError/unreachable` — like an unmounted or
/// offline drive — and is never created; a root without a backup for the identity gives
/// `CloudBackupError/notFound`.
///
/// The folder may be shared with other users or devices, so nothing in it is trusted: every
/// file is read with its size checked before reading (a backup at most ``maximumBackupSize``,
/// `latest.json` at most ``maximumRecordSize``), a symbolic link — to `/dev/zero`, or a
/// platform or identity folder pointing elsewhere — is never followed, and anything but a
/// regular file is refused; each is `CloudBackupError/storageFailure(reason:)`, never a hang.
/// A lock held by another process for longer than ``lockTimeout`` is `CloudBackupError/busy`.
///
/// The operations do blocking file I/O on the calling task's thread.
public struct DirectoryCloudProvider: CloudBackupProvider {
    /// The largest backup accepted by default: 16 MiB, the backup format's largest file
    /// (`BackupLimits.maximumFileSize`).
    public static let defaultMaximumBackupSize = 16 * 1024 * 1024
    /// The largest `latest.json` read: 64 KiB (a real one is about 150 bytes).
    public static let maximumRecordSize = 64 * 1024
    /// How long an operation waits by default for another device's lock on the folder: 10 s.
    public static let defaultLockTimeout = Duration.seconds(10)

    /// The folder that plays the cloud. It must exist; the provider creates what is inside.
    public let root: URL
    /// The platform whose cloud this folder plays; it picks the `root/<platform>/` scope.
    public let platform: Platform
    /// The largest backup this provider accepts or reads, in bytes.
    public let maximumBackupSize: Int
    /// How long an operation waits for the folder's lock before it throws
    /// `CloudBackupError/busy` (zero: one try).
    public let lockTimeout: Duration

    let deviceIdentity: CloudIdentity?
    let clock: any TimeSource

    /// A provider for a device of `platform` signed in as `signedInIdentity` (`nil`: not
    /// signed in), keeping its backups under `root`.
    /// - Parameters:
    ///   - root: the folder playing the cloud.
    ///   - platform: the device's platform.
    ///   - signedInIdentity: the cloud identity the device is signed in as, `nil` when not
    ///     signed in.
    ///   - clock: dates the uploads (`CloudBackupMetadata/modified`).
    ///   - maximumBackupSize: uploads larger than this are refused with
    ///     `CloudBackupError/tooLarge(byteCount:limit:)`; stored files larger than this are
    ///     never read (`CloudBackupError/storageFailure(reason:)`).
    ///   - lockTimeout: how long to wait for another device's lock on the folder before
    ///     throwing `CloudBackupError/busy`.
    public init(
        root: URL,
        platform: Platform,
        signedInIdentity: CloudIdentity?,
        clock: any TimeSource = SystemTimeSource(),
        maximumBackupSize: Int = DirectoryCloudProvider.defaultMaximumBackupSize,
        lockTimeout: Duration = DirectoryCloudProvider.defaultLockTimeout
    ) {
        self.lockTimeout = lockTimeout
        self.root = root
        self.platform = platform
        self.deviceIdentity = signedInIdentity
        self.clock = clock
        self.maximumBackupSize = maximumBackupSize
    }

    /// The identity given when the provider was made; never needs the folder.
    public func signedInIdentity() async throws(CloudBackupError) -> CloudIdentity? {
        deviceIdentity
    }

    /// Reads `latest.json` and the first `maximumLength` bytes of the backup it names.
    public func readLatestBackupHeader(
        for identity: CloudIdentity, maximumLength: Int
    ) async throws(CloudBackupError) -> CloudBackupHeader {
        let folder = try existingFolder(for: identity)
        return try await withLock(in: folder) { () throws(CloudBackupError) in
            let record = try readRecord(in: folder)
            let length = min(max(0, maximumLength), record.byteCount)
            let bytes = try readPrefix(of: folder.appendingPathComponent(record.file), length: length)
            return CloudBackupHeader(metadata: record.metadata, leadingBytes: bytes)
        }
    }

    /// Reads the backup named by `latest.json`, checking its size against the record.
    public func downloadLatestBackup(for identity: CloudIdentity) async throws(CloudBackupError) -> CloudBackup {
        let folder = try existingFolder(for: identity)
        return try await withLock(in: folder) { () throws(CloudBackupError) in
            let record = try readRecord(in: folder)
            let file = folder.appendingPathComponent(record.file)
            let limit = maximumBackupSize
            guard let bytes = try Self.storage({ () throws(StorageError) in try AtomicFile.read(file, limit: limit) }) else {
                throw .storageFailure(reason: "\(file.path) named by \(Self.recordName) is missing")
            }
            guard bytes.count == record.byteCount else {
                throw .storageFailure(
                    reason: "\(file.path) holds \(bytes.count) bytes, \(Self.recordName) says \(record.byteCount)")
            }
            return CloudBackup(metadata: record.metadata, bytes: bytes)
        }
    }

    /// Under the folder's lock: compares the generation in `latest.json` with
    /// `expectedGeneration`, then writes the new backup file, then the new record, then removes
    /// the previous backup file.
    public func uploadBackup(
        _ bytes: [UInt8], generation: UInt64, replacing expectedGeneration: UInt64?, for identity: CloudIdentity
    ) async throws(CloudBackupError) -> CloudBackupMetadata {
        _ = try folderName(for: identity)
        guard bytes.count <= maximumBackupSize else {
            throw .tooLarge(byteCount: bytes.count, limit: maximumBackupSize)
        }
        let folder = try createFolder(for: identity)
        return try await withLock(in: folder) { () throws(CloudBackupError) in
            let found = try readRecordIfPresent(in: folder)?.generation
            guard found == expectedGeneration else {
                throw .generationConflict(expected: expectedGeneration, found: found)
            }
            if let current = found, generation <= current {
                throw .generationMustIncrease(current: current, proposed: generation)
            }
            let record = LatestBackupRecord(
                generation: generation, byteCount: bytes.count, modified: clock.now(),
                file: "generation-\(generation).backup"
            )
            let encoded = try record.encoded()
            try Self.storage { () throws(StorageError) in
                try AtomicFile.write(bytes, to: folder.appendingPathComponent(record.file))
                try AtomicFile.write(encoded, to: folder.appendingPathComponent(Self.recordName))
            }
            removeBackupFiles(in: folder, except: record.file)
            return record.metadata
        }
    }

    /// Under the folder's lock: compares the generation in `latest.json` with `generation`,
    /// then removes `latest.json` (the commit point), then the backup file.
    public func deleteBackup(generation: UInt64, for identity: CloudIdentity) async throws(CloudBackupError) {
        let folder = try existingFolder(for: identity)
        try await withLock(in: folder) { () throws(CloudBackupError) in
            let found = try readRecord(in: folder).generation
            guard found == generation else { throw .generationConflict(expected: generation, found: found) }
            try Self.storage { () throws(StorageError) in
                try AtomicFile.remove(folder.appendingPathComponent(Self.recordName))
            }
            removeBackupFiles(in: folder, except: nil)
        }
    }
}
