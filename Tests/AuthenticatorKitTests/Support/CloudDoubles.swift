import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation

/// A cloud that stores something other than what it is given (one byte changed in the
/// middle) while `corrupting` is on: the upload "succeeds", the read-back does not match.
final class CorruptingCloud: ForwardingCloud, @unchecked Sendable {
    let base: InMemoryCloudProvider
    private let lock = Lock()
    private var corrupting = true

    init(_ base: InMemoryCloudProvider) { self.base = base }

    func setCorrupting(_ on: Bool) { lock.withLock { corrupting = on } }

    func uploadBackup(
        _ bytes: [UInt8], generation: UInt64, replacing expectedGeneration: UInt64?, for identity: CloudIdentity
    ) async throws(CloudBackupError) -> CloudBackupMetadata {
        var stored = bytes
        if lock.withLock({ corrupting }) { stored[stored.count / 2] ^= 0x01 }
        return try await base.uploadBackup(stored, generation: generation, replacing: expectedGeneration, for: identity)
    }
}

/// A cloud that runs `beforeUpload` once, just before the next upload (to make another
/// writer change the vault while a backup is in flight).
final class InterferingCloud: ForwardingCloud, @unchecked Sendable {
    let base: InMemoryCloudProvider
    private let lock = Lock()
    private var beforeUpload: (@Sendable () async -> Void)?

    init(_ base: InMemoryCloudProvider, beforeUpload: @escaping @Sendable () async -> Void) {
        self.base = base
        self.beforeUpload = beforeUpload
    }

    func uploadBackup(
        _ bytes: [UInt8], generation: UInt64, replacing expectedGeneration: UInt64?, for identity: CloudIdentity
    ) async throws(CloudBackupError) -> CloudBackupMetadata {
        let action = lock.withLock { () -> (@Sendable () async -> Void)? in
            defer { beforeUpload = nil }
            return beforeUpload
        }
        await action?()
        return try await base.uploadBackup(bytes, generation: generation, replacing: expectedGeneration, for: identity)
    }
}

/// A cloud double that changes only uploads: everything else goes to `base` unchanged.
protocol ForwardingCloud: CloudBackupProvider {
    var base: InMemoryCloudProvider { get }
}

extension ForwardingCloud {
    var platform: Platform { base.platform }

    func signedInIdentity() async throws(CloudBackupError) -> CloudIdentity? { try await base.signedInIdentity() }

    func readLatestBackupHeader(for identity: CloudIdentity, maximumLength: Int) async throws(CloudBackupError) -> CloudBackupHeader {
        try await base.readLatestBackupHeader(for: identity, maximumLength: maximumLength)
    }

    func downloadLatestBackup(for identity: CloudIdentity) async throws(CloudBackupError) -> CloudBackup {
        try await base.downloadLatestBackup(for: identity)
    }

    func deleteBackup(generation: UInt64, for identity: CloudIdentity) async throws(CloudBackupError) {
        try await base.deleteBackup(generation: generation, for: identity)
    }
}
