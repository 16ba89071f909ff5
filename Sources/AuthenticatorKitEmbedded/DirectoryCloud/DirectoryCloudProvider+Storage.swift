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

    /// The identity's folder, after checking the sign-in, the identity and the root.
    func folderURL(for identity: CloudIdentity) throws(CloudBackupError) -> URL {
        guard let actual = deviceIdentity else { throw .notSignedIn }
        guard actual == identity else { throw .signedInAsAnotherIdentity(expected: identity, actual: actual) }
        let name: String
        do {
            name = try SafeFileName.encode(identity.rawValue)
        } catch {
            throw .invalidIdentity(reason: error.reason)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unreachable
        }
        return root.appendingPathComponent(platform.rawValue, isDirectory: true)
            .appendingPathComponent(name, isDirectory: true)
    }

    /// The identity's folder when it exists; `notFound` when it does not.
    func existingFolder(for identity: CloudIdentity) throws(CloudBackupError) -> URL {
        let folder = try folderURL(for: identity)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw .notFound
        }
        guard isDirectory.boolValue else {
            throw .storageFailure(reason: "\(folder.path) is not a folder")
        }
        return folder
    }

    /// Runs `body` under the exclusive lock of `folder` (waiting for it without blocking a
    /// thread).
    func withLock<Result>(
        in folder: URL, _ body: () throws(CloudBackupError) -> Result
    ) async throws(CloudBackupError) -> Result {
        try await FileLock.withExclusiveLock(
            on: folder.appendingPathComponent(Self.lockName), lockFailure: Self.translate, body
        )
    }

    /// The record, or `notFound` when the folder holds no backup.
    func readRecord(in folder: URL) throws(CloudBackupError) -> LatestBackupRecord {
        guard let record = try readRecordIfPresent(in: folder) else { throw .notFound }
        return record
    }

    /// The record, or `nil` when the folder holds no backup.
    func readRecordIfPresent(in folder: URL) throws(CloudBackupError) -> LatestBackupRecord? {
        let url = folder.appendingPathComponent(Self.recordName)
        guard let bytes = try Self.storage({ () throws(StorageError) in try AtomicFile.read(url) }) else {
            return nil
        }
        guard let record = try? JSONDecoder().decode(LatestBackupRecord.self, from: Data(bytes)),
              record.format == 1, record.byteCount >= 0, Self.isBackupFileName(record.file)
        else {
            throw .storageFailure(reason: "\(url.path) is damaged")
        }
        return record
    }

    /// The first `length` bytes of `file`.
    func readPrefix(of file: URL, length: Int) throws(CloudBackupError) -> [UInt8] {
        do {
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            let data = try handle.read(upToCount: length) ?? Data()
            guard data.count == length else {
                throw CloudBackupError.storageFailure(reason: "\(file.path) is shorter than its record says")
            }
            return Array(data)
        } catch let error as CloudBackupError {
            throw error
        } catch {
            throw .storageFailure(reason: "cannot read \(file.path)")
        }
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

    /// A vanished location is an unreachable cloud; a full disk is a full cloud.
    static func translate(_ error: StorageError) -> CloudBackupError {
        if error.isMissingLocation { return .unreachable }
        if case let .ioFailure(_, _, code) = error, code == ENOSPC || code == EDQUOT { return .quotaExceeded }
        return .storageFailure(reason: error.message)
    }
}
