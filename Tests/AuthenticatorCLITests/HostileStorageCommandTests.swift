import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 11, reproduction 5, through the command line: a hostile or shared cloud folder plants
/// a link to `/dev/zero` or a sparse 2 GiB file, holds the cloud's lock, or a stale device
/// deletes a newer backup. Each command fails at once with the error contract; the vault and
/// the cloud stay as they were.
@Suite("authenticator on hostile storage")
struct HostileStorageCommandTests {
    /// An android device `phone` backed up to the recovery account `alice`, and a new device
    /// `new` with an empty vault.
    struct World {
        let world = try! DeviceWorld()
        let phone: Device
        let new: Device
        let password: String

        var cloudFolder: URL { world.cloud.appendingPathComponent("android/alice", isDirectory: true) }
        var backupFile: URL { cloudFolder.appendingPathComponent("generation-1.backup") }

        init() async throws {
            phone = world.device("phone")
            new = world.device("new")
            try await phone.initialise("android")
            password = try world.file("password", "alice's recovery password\n")
            try await phone.createRecoveryAccount("alice", passwordFile: password)
            try await phone.addThirdParty()
            try await phone.enableBackup(recoveryAccount: "alice", passwordFile: password)
            try await new.initialise("android")
        }

        var restore: [String] { ["restore", "--recovery-account", "alice", "--password-file", password] }

        /// Every entry of the cloud and of both homes: a link's destination, a small file's bytes.
        func snapshot() throws -> [String: String] {
            var entries: [String: String] = [:]
            for top in [world.cloud, phone.home, new.home] {
                let enumerator = FileManager.default.enumerator(atPath: top.path)
                while let relative = enumerator?.nextObject() as? String {
                    let path = top.appendingPathComponent(relative).path
                    let attributes = try FileManager.default.attributesOfItem(atPath: path)
                    switch attributes[.type] as? FileAttributeType {
                    case .typeSymbolicLink?: entries[path] = try FileManager.default.destinationOfSymbolicLink(atPath: path)
                    case .typeRegular?:
                        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                        entries[path] = size > 1 << 20 ? "\(size) bytes" : try Data(contentsOf: URL(fileURLWithPath: path)).base64EncodedString()
                    default: entries[path] = "folder"
                    }
                }
            }
            return entries
        }
    }

    @Test func restoreFromABackupFileLinkedToDevZeroFailsAtOnce() async throws {
        let world = try await World()
        try FileManager.default.removeItem(at: world.backupFile)
        try FileManager.default.createSymbolicLink(atPath: world.backupFile.path, withDestinationPath: "/dev/zero")
        let before = try world.snapshot()
        let message = try await world.new.fail(world.restore, caseName: "serviceFailure")
        #expect(message.contains("symbolic link"))
        #expect(try world.snapshot() == before)
    }

    @Test func restoreFromASparseTwoGiBBackupFileFailsAtOnce() async throws {
        let world = try await World()
        #expect(truncate(world.backupFile.path, 2 << 30) == 0)
        let before = try world.snapshot()
        let start = ContinuousClock.now
        let message = try await world.new.fail(world.restore, caseName: "serviceFailure")
        #expect(message.contains("larger than"))
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(try world.snapshot() == before)
    }

    @Test func restoreWhileAnotherProcessHoldsTheCloudLockFailsInsteadOfWaitingForever() async throws {
        let world = try await World()
        let before = try world.snapshot()
        // Another open file description holds the folder's flock, as another process would.
        let fd = open(world.cloudFolder.appendingPathComponent(".lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
        defer { close(fd) }
        try await world.new.fail(world.restore + ["--lock-timeout", "0"], caseName: "networkUnavailable")
        #expect(try world.snapshot() == before)
        close(fd)
        try await world.new.succeed(world.restore + ["--lock-timeout", "0"])
    }

    @Test func aStaleDevicesBackupDeleteIsAGenerationConflictAndTheNewerBackupStays() async throws {
        let world = try await World()
        // `new` restores and continues the chain: generation 2.
        try await world.new.succeed(world.restore)
        try await world.new.succeed(["signin", "--recovery-account", "alice", "--password-file", world.password])
        try await world.new.addThirdParty(issuer: "Bank", account: "alice")
        #expect(try jsonObject(try await world.new.succeed(["backup", "status", "--json"]))["generation"] as? Int == 2)
        let before = try world.snapshot()
        // `phone` last uploaded generation 1.
        let message = try await world.phone.fail(["backup", "delete"], caseName: "generationConflict")
        #expect(message.contains("1") && message.contains("2"))
        #expect(try world.snapshot() == before)
        #expect(FileManager.default.fileExists(atPath: world.cloudFolder.appendingPathComponent("generation-2.backup").path))
        // The device that knows generation 2 may delete it.
        try await world.new.succeed(["backup", "delete"])
    }

    @Test func inspectAndImportReadNeitherADeviceNorASparseFile() async throws {
        let world = try await World()
        let zero = world.world.path("zero.backup")
        try FileManager.default.createSymbolicLink(atPath: zero, withDestinationPath: "/dev/zero")
        let message = try await world.new.fail(["inspect", zero], caseName: "unreadableFile", status: 66)
        #expect(message.contains("not a regular file"))
        let sparse = world.world.path("sparse.backup")
        #expect(FileManager.default.createFile(atPath: sparse, contents: nil))
        #expect(truncate(sparse, 2 << 30) == 0)
        let before = try world.snapshot()
        let refused = try await world.new.fail(["import", sparse, "--password-file", world.password], caseName: "unreadableFile", status: 66)
        #expect(refused.contains("larger than"))
        try await world.new.fail(["import", sparse, "--from", "aegis"], caseName: "unreadableFile", status: 66)
        // A small input file may be a pipe (`--secret-file <(…)`), so it is not refused for not
        // being a regular file; it is read at most 64 KiB + 1 bytes and refused as too large.
        try await world.new.fail(["add", "--issuer", "X", "--account", "y", "--secret-file", zero], caseName: "secretFileTooLarge", status: 66)
        #expect(try world.snapshot() == before)
    }

    @Test func aPasswordFileMayBeAPipeButNotAnEndlessDevice() async throws {
        let world = try await World()
        // `--password-file <(…)`: a named pipe whose writer sends the password and closes.
        let pipe = world.world.path("password.pipe")
        #expect(mkfifo(pipe, 0o600) == 0)
        // The writer blocks in `open` until the command opens the pipe: a thread of its own,
        // not one of the cooperative pool's.
        let written = Thread.detachedWrite(Data("alice's recovery password\n".utf8), to: pipe)
        try await world.new.succeed(world.restore.dropLast() + [pipe])
        #expect(await written.value)
        // A device that never ends is read at most 64 KiB + 1 bytes and refused.
        let zero = world.world.path("zero.password")
        try FileManager.default.createSymbolicLink(atPath: zero, withDestinationPath: "/dev/zero")
        let message = try await world.new.fail(["export", "--output", world.world.path("x.backup"), "--password-file", zero], caseName: "unreadableFile", status: 66)
        #expect(message.contains("larger than 65536 bytes"))
    }
}

extension Thread {
    /// Writes `data` to the file or pipe at `path` on a new thread; the task's value says
    /// whether all of it was written.
    static func detachedWrite(_ data: Data, to path: String) -> Task<Bool, Never> {
        let (stream, continuation) = AsyncStream<Bool>.makeStream()
        Thread {
            let handle = FileHandle(forWritingAtPath: path)
            let ok = (try? handle?.write(contentsOf: data)) != nil
            try? handle?.close()
            continuation.yield(ok && handle != nil)
            continuation.finish()
        }.start()
        return Task { for await ok in stream { return ok }; return false }
    }
}
