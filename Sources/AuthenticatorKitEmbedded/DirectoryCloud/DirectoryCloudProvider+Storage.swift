import BackupServices
import Foundation
import DurableStorage
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `latest.json`: which generation an identity's folder holds. Dates are stored as whole
/// milliseconds since 1970 so that they read back exactly as they were written.
struct LatestBackupRecord: Codable, Equatable {
    var format = 1
    var generation: UInt64
    var byteCount: Int
    var modifiedMilliseconds: Int64
    var file: String

    init(generation: UInt64, byteCount: Int, modified: Date, file: String) {
        self.generation = generation
        self.byteCount = byteCount
        self.modifiedMilliseconds = modified.unixMilliseconds
        self.file = file
    }

    var metadata: CloudBackupMetadata {
        CloudBackupMetadata(
            generation: generation, byteCount: byteCount,
            modified: Date(unixMilliseconds: modifiedMilliseconds)
        )
    }

    func encoded() throws(CloudBackupError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        do {
            return Array(try encoder.encode(self))
        } catch {
            throw .storageFailure(reason: "cannot encode \(DirectoryCloudProvider.recordName)")
        }
    }
}

extension DirectoryCloudProvider {
    /// The record file in each identity's folder.
    static let recordName = "latest.json"
    static let lockName = ".lock"
    static let backupPrefix = "generation-"
    static let backupSuffix = ".backup"

    /// The name of the identity's folder, after checking the sign-in and the identity.
    func folderName(for identity: CloudIdentity) throws(CloudBackupError) -> String {
        guard let actual = deviceIdentity else { throw .notSignedIn }
        guard actual == identity else { throw .signedInAsAnotherIdentity(expected: identity, actual: actual) }
        do {
            return try SafeFileName.encode(identity.rawValue)
        } catch {
            throw .invalidIdentity(reason: error.reason)
        }
    }

    /// Throws `unreachable` unless ``root`` is an existing folder (the user's choice: it may be
    /// a symbolic link to one).
    func requireRoot() throws(CloudBackupError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unreachable
        }
    }

    /// The identity's folder, `root/<platform>/<identity>/`, created when missing. Neither
    /// folder may be a symbolic link (`ContainedDirectory`).
    func createFolder(for identity: CloudIdentity) throws(CloudBackupError) -> URL {
        let name = try folderName(for: identity)
        try requireRoot()
        return try Self.storage { () throws(StorageError) in
            try ContainedDirectory.create([platform.rawValue, name], in: root)
        }
    }

    /// The identity's folder when it exists; `notFound` when it does not. A symbolic link in
    /// its place (or in the platform's) is refused, never followed.
    func existingFolder(for identity: CloudIdentity) throws(CloudBackupError) -> URL {
        let name = try folderName(for: identity)
        try requireRoot()
        guard let folder = try Self.storage({ () throws(StorageError) in
            try ContainedDirectory.existing([platform.rawValue, name], in: root)
        }) else { throw .notFound }
        return folder
    }

    /// Runs `body` under the exclusive lock of `folder`, waiting at most ``lockTimeout``
    /// (without blocking a thread); a lock held longer is `busy`.
    func withLock<Result>(
        in folder: URL, _ body: () throws(CloudBackupError) -> Result
    ) async throws(CloudBackupError) -> Result {
        try await FileLock.withExclusiveLock(
            on: folder.appendingPathComponent(Self.lockName), timeout: lockTimeout, lockFailure: Self.translate, body
        )
    }

    /// The record, or `notFound` when the folder holds no backup.
    func readRecord(in folder: URL) throws(CloudBackupError) -> LatestBackupRecord {
        guard let record = try readRecordIfPresent(in: folder) else { throw .notFound }
        return record
    }

    /// The record, or `nil` when the folder holds no backup. Read bounded
    /// (``DirectoryCloudProvider/maximumRecordSize``); its stated size must be within
    /// ``maximumBackupSize``.
    func readRecordIfPresent(in folder: URL) throws(CloudBackupError) -> LatestBackupRecord? {
        let url = folder.appendingPathComponent(Self.recordName)
        guard let bytes = try Self.storage({ () throws(StorageError) in
            try AtomicFile.read(url, limit: Self.maximumRecordSize)
        }) else {
            return nil
        }
        guard let record = try? JSONDecoder().decode(LatestBackupRecord.self, from: Data(bytes)),
              record.format == 1, record.byteCount >= 0, Self.isBackupFileName(record.file)
        else {
            throw .storageFailure(reason: "\(url.path) is damaged")
        }
        guard record.byteCount <= maximumBackupSize else {
            throw .storageFailure(
                reason: "\(url.path) names a backup of \(record.byteCount) bytes, more than the \(maximumBackupSize) accepted")
        }
        return record
    }

    /// The first `length` bytes of `file`, which must be a regular file of at most
    /// ``maximumBackupSize`` bytes.
    func readPrefix(of file: URL, length: Int) throws(CloudBackupError) -> [UInt8] {
        let limit = maximumBackupSize
        guard let bytes = try Self.storage({ () throws(StorageError) in
            try AtomicFile.readPrefix(of: file, length: length, limit: limit)
        }) else {
            throw .storageFailure(reason: "\(file.path) named by \(Self.recordName) is missing")
        }
        guard bytes.count == length else {
            throw .storageFailure(reason: "\(file.path) is shorter than its record says")
        }
        return bytes
    }

    /// Removes leftover backup files (from replaced generations or interrupted uploads).
    /// Failures are ignored: the next upload tries again, and readers follow the record.
    func removeBackupFiles(in folder: URL, except kept: String?) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where Self.isBackupFileName(name) && name != kept {
            try? AtomicFile.remove(folder.appendingPathComponent(name))
        }
    }

    static func isBackupFileName(_ name: String) -> Bool {
        guard name.hasPrefix(backupPrefix), name.hasSuffix(backupSuffix) else { return false }
        let digits = name.dropFirst(backupPrefix.count).dropLast(backupSuffix.count)
        return !digits.isEmpty && digits.allSatisfy(\.isASCII) && UInt64(digits) != nil
    }

    /// Runs a file operation, translating its error.
    static func storage<Result>(_ body: () throws(StorageError) -> Result) throws(CloudBackupError) -> Result {
        do {
            return try body()
        } catch {
            throw translate(error)
        }
    }

    /// A vanished location is an unreachable cloud; a lock held past ``lockTimeout`` is a busy
    /// one; a full disk is a full cloud; a symbolic link, a non-regular file or an oversized
    /// file is a storage failure naming it.
    static func translate(_ error: StorageError) -> CloudBackupError {
        if error.isMissingLocation { return .unreachable }
        if case .lockTimedOut = error { return .busy }
        if case let .ioFailure(_, _, code) = error, code == ENOSPC || code == EDQUOT { return .quotaExceeded }
        return .storageFailure(reason: error.message)
    }
}
