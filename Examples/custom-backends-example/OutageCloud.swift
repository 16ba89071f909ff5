import AuthenticatorKit
import Foundation

/// A custom ``CloudBackupProvider``: a cloud kept in memory that can go down.
///
/// A real app would talk to CloudKit or its identity provider's storage here; the SDK needs
/// only these five operations, with the generation compared and written in one step.
final class OutageCloud: CloudBackupProvider, @unchecked Sendable {
    let platform: Platform
    private let identity: CloudIdentity
    private let lock = NSLock()
    private var backups: [CloudIdentity: CloudBackup] = [:]
    private var online = true

    init(platform: Platform, signedInAs identity: CloudIdentity) {
        self.platform = platform
        self.identity = identity
    }

    /// Starts or ends the simulated outage.
    func setOnline(_ online: Bool) {
        lock.withLock { self.online = online }
    }

    func signedInIdentity() async throws(CloudBackupError) -> CloudIdentity? {
        identity  // known on the device: no network needed
    }

    func readLatestBackupHeader(for identity: CloudIdentity, maximumLength: Int) async throws(CloudBackupError) -> CloudBackupHeader {
        let backup = try latest(for: identity)
        return CloudBackupHeader(metadata: backup.metadata, leadingBytes: Array(backup.bytes.prefix(max(0, maximumLength))))
    }

    func downloadLatestBackup(for identity: CloudIdentity) async throws(CloudBackupError) -> CloudBackup {
        try latest(for: identity)
    }

    func uploadBackup(
        _ bytes: [UInt8], generation: UInt64, replacing expectedGeneration: UInt64?, for identity: CloudIdentity
    ) async throws(CloudBackupError) -> CloudBackupMetadata {
        try locked { () throws(CloudBackupError) -> CloudBackupMetadata in
            try checkReachable(identity)
            let stored = backups[identity]?.metadata.generation
            guard stored == expectedGeneration else { throw .generationConflict(expected: expectedGeneration, found: stored) }
            if let stored, generation <= stored { throw .generationMustIncrease(current: stored, proposed: generation) }
            let metadata = CloudBackupMetadata(generation: generation, byteCount: bytes.count, modified: Date())
            backups[identity] = CloudBackup(metadata: metadata, bytes: bytes)
            return metadata
        }
    }

    func deleteBackup(generation: UInt64, for identity: CloudIdentity) async throws(CloudBackupError) {
        try locked { () throws(CloudBackupError) in
            try checkReachable(identity)
            // Compare and delete in one step, like an upload: a stale device deletes nothing.
            guard let stored = backups[identity]?.metadata.generation else { throw .notFound }
            guard stored == generation else { throw .generationConflict(expected: generation, found: stored) }
            backups[identity] = nil
        }
    }

    private func latest(for identity: CloudIdentity) throws(CloudBackupError) -> CloudBackup {
        try locked { () throws(CloudBackupError) -> CloudBackup in
            try checkReachable(identity)
            guard let backup = backups[identity] else { throw .notFound }
            return backup
        }
    }

    /// Signed-in identity first, then reachability (the protocol's order). Call under the lock.
    private func checkReachable(_ requested: CloudIdentity) throws(CloudBackupError) {
        guard requested == identity else { throw .signedInAsAnotherIdentity(expected: requested, actual: identity) }
        guard online else { throw .unreachable }
    }

    /// Runs `body` under the lock: the compare and the write of an upload are one step.
    private func locked<Value>(_ body: () throws(CloudBackupError) -> Value) throws(CloudBackupError) -> Value {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
