import AuthenticatorKit

/// Reusable checks that a `CloudBackupProvider` meets its implementation requirements.
///
/// Call them from your own tests with your implementation (against a test container or a
/// fake of your cloud's API). Each throws a ``ConformanceFailure`` naming the broken
/// requirement, which fails the test that called it:
///
/// ```swift
/// @Test func myProviderConforms() async throws {
///     let provider = MyCloudProvider(...)   // signed in, no backup stored for its identity
///     try await CloudBackupProviderConformance.checkBackupLifecycle(of: provider)
///     try await CloudBackupProviderConformance.checkConcurrentUploads(to: provider)
///     try await CloudBackupProviderConformance.checkDeleteRacingUpload(on: provider)
/// }
/// ```
///
/// The checks upload, replace and delete a backup of the signed-in identity: never run them
/// against a cloud holding real backups.
public enum CloudBackupProviderConformance {
    /// Checks the life of one backup. `provider` must be signed in and hold no backup for its
    /// identity; it holds none again afterwards.
    ///
    /// Checked: the signed-in identity is reported; reading, downloading and deleting a missing
    /// backup throw `notFound`; an upload replacing nothing succeeds and reads back byte for byte
    /// with its generation and size; the header holds the first bytes (all of them when asked
    /// for more, none for zero); a stale or wrong expected generation is refused with both
    /// generations and changes nothing; a generation that does not grow is refused; a newer
    /// upload replaces the backup; an operation for `otherIdentity` reports the identity the
    /// device is signed in as; a delete naming another generation than the stored one (a stale
    /// device's) is refused with both generations and changes nothing; deleting the stored
    /// generation leaves `notFound`.
    public static func checkBackupLifecycle(
        of provider: some CloudBackupProvider,
        otherIdentity: CloudIdentity = "conformance-check-other-identity"
    ) async throws(ConformanceFailure) {
        let identity = try await signedInIdentity(of: provider)
        try ConformanceStep.check(
            identity != otherIdentity, "otherIdentity must differ from the signed-in identity",
            observed: "both are \(identity)")

        try await ConformanceStep.expect(CloudBackupError.notFound, "reading the header of a missing backup throws notFound") {
            () throws(CloudBackupError) in try await provider.readLatestBackupHeader(for: identity, maximumLength: 16)
        }
        try await ConformanceStep.expect(CloudBackupError.notFound, "downloading a missing backup throws notFound") {
            () throws(CloudBackupError) in try await provider.downloadLatestBackup(for: identity)
        }
        try await ConformanceStep.expect(CloudBackupError.notFound, "deleting a missing backup throws notFound") {
            () throws(CloudBackupError) in try await provider.deleteBackup(generation: 1, for: identity)
        }

        let first = payload(count: 1000, seed: 1)
        let firstMetadata = try await ConformanceStep.require("an upload replacing nothing succeeds when there is no backup") {
            () throws(CloudBackupError) in
            try await provider.uploadBackup(first, generation: 1, replacing: nil, for: identity)
        }
        try ConformanceStep.check(
            firstMetadata.generation == 1 && firstMetadata.byteCount == first.count,
            "an upload returns the generation and size it stored", observed: "\(firstMetadata)")
        try await expectStored(first, metadata: firstMetadata, in: provider, for: identity)

        let header = try await ConformanceStep.require("reading the header of a backup succeeds") {
            () throws(CloudBackupError) in try await provider.readLatestBackupHeader(for: identity, maximumLength: 64)
        }
        try ConformanceStep.check(
            header.leadingBytes == Array(first.prefix(64)) && header.metadata == firstMetadata,
            "the header holds the backup's metadata and its first maximumLength bytes",
            observed: "\(header.leadingBytes.count) bytes, metadata \(header.metadata)")
        let whole = try await ConformanceStep.require("reading a header longer than the backup succeeds") {
            () throws(CloudBackupError) in try await provider.readLatestBackupHeader(for: identity, maximumLength: 5000)
        }
        try ConformanceStep.check(
            whole.leadingBytes == first, "a header longer than the backup holds the whole backup",
            observed: "\(whole.leadingBytes.count) bytes")
        let empty = try await ConformanceStep.require("reading a header of length zero succeeds") {
            () throws(CloudBackupError) in try await provider.readLatestBackupHeader(for: identity, maximumLength: 0)
        }
        try ConformanceStep.check(
            empty.leadingBytes.isEmpty, "a header of length zero holds no bytes",
            observed: "\(empty.leadingBytes.count) bytes")

        let stale = payload(count: 500, seed: 2)
        try await ConformanceStep.expect(
            CloudBackupError.generationConflict(expected: nil, found: 1),
            "an upload replacing nothing is refused while a backup exists"
        ) { () throws(CloudBackupError) in
            try await provider.uploadBackup(stale, generation: 2, replacing: nil, for: identity)
        }
        try await ConformanceStep.expect(
            CloudBackupError.generationConflict(expected: 7, found: 1),
            "an upload replacing another generation than the stored one is refused with both generations"
        ) { () throws(CloudBackupError) in
            try await provider.uploadBackup(stale, generation: 8, replacing: 7, for: identity)
        }
        try await ConformanceStep.expect(
            CloudBackupError.generationMustIncrease(current: 1, proposed: 1),
            "an upload must carry a generation greater than the one it replaces"
        ) { () throws(CloudBackupError) in
            try await provider.uploadBackup(stale, generation: 1, replacing: 1, for: identity)
        }
        try await expectStored(first, metadata: firstMetadata, in: provider, for: identity)

        let second = payload(count: 1200, seed: 3)
        let secondMetadata = try await ConformanceStep.require("an upload replacing the stored generation succeeds") {
            () throws(CloudBackupError) in
            try await provider.uploadBackup(second, generation: 2, replacing: 1, for: identity)
        }
        try ConformanceStep.check(
            secondMetadata.generation == 2 && secondMetadata.byteCount == second.count,
            "an upload returns the generation and size it stored", observed: "\(secondMetadata)")
        try await expectStored(second, metadata: secondMetadata, in: provider, for: identity)
        try await ConformanceStep.expect(
            CloudBackupError.generationConflict(expected: 1, found: 2),
            "a device that last saw the replaced generation is refused"
        ) { () throws(CloudBackupError) in
            try await provider.uploadBackup(stale, generation: 2, replacing: 1, for: identity)
        }

        let another = CloudBackupError.signedInAsAnotherIdentity(expected: otherIdentity, actual: identity)
        let anotherRequirement = "an operation for another identity reports the signed-in identity"
        try await ConformanceStep.expect(another, anotherRequirement) { () throws(CloudBackupError) in
            try await provider.readLatestBackupHeader(for: otherIdentity, maximumLength: 16)
        }
        try await ConformanceStep.expect(another, anotherRequirement) { () throws(CloudBackupError) in
            try await provider.downloadLatestBackup(for: otherIdentity)
        }
        try await ConformanceStep.expect(another, anotherRequirement) { () throws(CloudBackupError) in
            try await provider.uploadBackup(stale, generation: 1, replacing: nil, for: otherIdentity)
        }
        try await ConformanceStep.expect(another, anotherRequirement) { () throws(CloudBackupError) in
            try await provider.deleteBackup(generation: 2, for: otherIdentity)
        }
        try await expectStored(second, metadata: secondMetadata, in: provider, for: identity)

        try await ConformanceStep.expect(
            CloudBackupError.generationConflict(expected: 1, found: 2),
            "a delete of a replaced generation is refused with both generations (a stale device cannot delete a newer backup)"
        ) { () throws(CloudBackupError) in
            try await provider.deleteBackup(generation: 1, for: identity)
        }
        try await ConformanceStep.expect(
            CloudBackupError.generationConflict(expected: 3, found: 2),
            "a delete of a generation the cloud never held is refused with both generations"
        ) { () throws(CloudBackupError) in
            try await provider.deleteBackup(generation: 3, for: identity)
        }
        try await expectStored(second, metadata: secondMetadata, in: provider, for: identity)

        try await ConformanceStep.require("deleting the stored generation succeeds") { () throws(CloudBackupError) in
            try await provider.deleteBackup(generation: 2, for: identity)
        }
        try await ConformanceStep.expect(CloudBackupError.notFound, "deleting a deleted backup throws notFound") {
            () throws(CloudBackupError) in try await provider.deleteBackup(generation: 2, for: identity)
        }
        try await ConformanceStep.expect(CloudBackupError.notFound, "a deleted backup is not found") {
            () throws(CloudBackupError) in try await provider.downloadLatestBackup(for: identity)
        }
        try await ConformanceStep.expect(
            CloudBackupError.generationConflict(expected: 2, found: nil),
            "an upload replacing a deleted backup is refused"
        ) { () throws(CloudBackupError) in
            try await provider.uploadBackup(stale, generation: 3, replacing: 2, for: identity)
        }
    }

    /// Checks that `contenders` uploads racing to replace the same generation cannot both
    /// succeed: exactly one wins, the others get `generationConflict`, and the winner's bytes are
    /// stored. `provider` must be signed in and hold no backup for its identity; it holds none
    /// again afterwards.
    public static func checkConcurrentUploads(
        to provider: some CloudBackupProvider, contenders: Int = 8
    ) async throws(ConformanceFailure) {
        let identity = try await signedInIdentity(of: provider)
        let outcomes = await withTaskGroup(of: (Int, Result<CloudBackupMetadata, CloudBackupError>).self) { group in
            for contender in 0..<max(2, contenders) {
                group.addTask {
                    do throws(CloudBackupError) {
                        let bytes = payload(count: 300, seed: UInt8(truncatingIfNeeded: contender))
                        return (contender, .success(
                            try await provider.uploadBackup(bytes, generation: 1, replacing: nil, for: identity)))
                    } catch {
                        return (contender, .failure(error))
                    }
                }
            }
            var all: [(Int, Result<CloudBackupMetadata, CloudBackupError>)] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        let winners = outcomes.filter { if case .success = $0.1 { return true } else { return false } }
        try ConformanceStep.check(
            winners.count == 1, "exactly one of several racing uploads replacing the same generation succeeds",
            observed: "\(winners.count) succeeded")
        for (contender, outcome) in outcomes {
            if case let .failure(error) = outcome {
                try ConformanceStep.check(
                    error == CloudBackupError.generationConflict(expected: nil, found: 1),
                    "a racing upload that loses is refused with generationConflict",
                    observed: "contender \(contender) threw \(error)")
            }
        }
        let winner = winners[0]
        let stored = try await ConformanceStep.require("the winning upload can be downloaded") {
            () throws(CloudBackupError) in try await provider.downloadLatestBackup(for: identity)
        }
        try ConformanceStep.check(
            stored.bytes == payload(count: 300, seed: UInt8(truncatingIfNeeded: winner.0)),
            "the stored backup is the winning upload's", observed: "other bytes are stored")
        try await ConformanceStep.require("deleting a backup succeeds") { () throws(CloudBackupError) in
            try await provider.deleteBackup(generation: 1, for: identity)
        }
    }

    /// Checks that a delete and an upload racing for the same stored generation cannot both
    /// succeed: the compare-and-swap of `CloudBackupProvider/deleteBackup(generation:for:)` is
    /// atomic with the upload's. Either the delete wins (the upload gets `generationConflict`
    /// finding no backup, and none is stored) or the upload wins (the delete gets
    /// `generationConflict` finding the new generation, which stays stored). `provider` must be
    /// signed in and hold no backup for its identity; it holds none again afterwards.
    public static func checkDeleteRacingUpload(on provider: some CloudBackupProvider) async throws(ConformanceFailure) {
        let identity = try await signedInIdentity(of: provider)
        try await ConformanceStep.require("an upload replacing nothing succeeds when there is no backup") {
            () throws(CloudBackupError) in
            _ = try await provider.uploadBackup(payload(count: 200, seed: 9), generation: 1, replacing: nil, for: identity)
        }
        async let deletion: Result<Void, CloudBackupError> = {
            do throws(CloudBackupError) {
                return .success(try await provider.deleteBackup(generation: 1, for: identity))
            } catch {
                return .failure(error)
            }
        }()
        async let upload: Result<CloudBackupMetadata, CloudBackupError> = {
            do throws(CloudBackupError) {
                return .success(try await provider.uploadBackup(
                    payload(count: 200, seed: 10), generation: 2, replacing: 1, for: identity))
            } catch {
                return .failure(error)
            }
        }()
        let (deleted, uploaded) = await (deletion, upload)
        switch (deleted, uploaded) {
        case (.success, .failure(let error)):
            try ConformanceStep.check(
                error == CloudBackupError.generationConflict(expected: 1, found: nil),
                "an upload losing to a delete is refused with generationConflict finding no backup",
                observed: "it threw \(error)")
            try await ConformanceStep.expect(CloudBackupError.notFound, "after the delete won, no backup is stored") {
                () throws(CloudBackupError) in try await provider.downloadLatestBackup(for: identity)
            }
        case (.failure(let error), .success):
            try ConformanceStep.check(
                error == CloudBackupError.generationConflict(expected: 1, found: 2),
                "a delete losing to an upload is refused with generationConflict finding the new generation",
                observed: "it threw \(error)")
            try await ConformanceStep.require("deleting a backup succeeds") { () throws(CloudBackupError) in
                try await provider.deleteBackup(generation: 2, for: identity)
            }
        case (.success, .success):
            throw ConformanceFailure(
                requirement: "a delete and an upload of the same stored generation cannot both succeed",
                observed: "both succeeded")
        case let (.failure(deleteError), .failure(uploadError)):
            throw ConformanceFailure(
                requirement: "of a delete and an upload racing for the same stored generation, one succeeds",
                observed: "the delete threw \(deleteError), the upload \(uploadError)")
        }
    }

    /// Checks that a provider signed in to nothing says so: `CloudBackupProvider/signedInIdentity()`
    /// is `nil` and every operation for `identity` throws `notSignedIn`.
    public static func checkNotSignedInIsReported(
        by provider: some CloudBackupProvider, identity: CloudIdentity = "conformance-check-identity"
    ) async throws(ConformanceFailure) {
        let signedIn = try await ConformanceStep.require("signedInIdentity() answers") { () throws(CloudBackupError) in
            try await provider.signedInIdentity()
        }
        try ConformanceStep.check(
            signedIn == nil, "a provider signed in to nothing reports no identity", observed: "\(String(describing: signedIn))")
        try await expectEveryOperation(of: provider, for: identity, toThrow: .notSignedIn)
    }

    /// Checks that a provider whose cloud cannot be reached (set it up offline) throws
    /// `unreachable` from every operation for its signed-in identity.
    public static func checkUnreachableIsReported(by provider: some CloudBackupProvider) async throws(ConformanceFailure) {
        let identity = try await signedInIdentity(of: provider)
        try await expectEveryOperation(of: provider, for: identity, toThrow: .unreachable)
    }

    // MARK: Steps

    private static func signedInIdentity(of provider: some CloudBackupProvider) async throws(ConformanceFailure) -> CloudIdentity {
        let identity = try await ConformanceStep.require("signedInIdentity() answers") { () throws(CloudBackupError) in
            try await provider.signedInIdentity()
        }
        guard let identity else {
            throw ConformanceFailure(requirement: "the provider under test must be signed in", observed: "it reports no identity")
        }
        return identity
    }

    private static func expectStored(
        _ bytes: [UInt8], metadata: CloudBackupMetadata, in provider: some CloudBackupProvider, for identity: CloudIdentity
    ) async throws(ConformanceFailure) {
        let backup = try await ConformanceStep.require("downloading a stored backup succeeds") { () throws(CloudBackupError) in
            try await provider.downloadLatestBackup(for: identity)
        }
        try ConformanceStep.check(
            backup.bytes == bytes, "a download returns the uploaded bytes unchanged",
            observed: "\(backup.bytes.count) bytes, \(backup.bytes == bytes ? "equal" : "different") to the \(bytes.count) uploaded")
        try ConformanceStep.check(
            backup.metadata == metadata, "a download returns the metadata the upload returned",
            observed: "\(backup.metadata), not \(metadata)")
    }

    private static func expectEveryOperation(
        of provider: some CloudBackupProvider, for identity: CloudIdentity, toThrow expected: CloudBackupError
    ) async throws(ConformanceFailure) {
        let requirement = "every operation throws \(expected.caseName)"
        try await ConformanceStep.expect(expected, requirement) { () throws(CloudBackupError) in
            try await provider.readLatestBackupHeader(for: identity, maximumLength: 16)
        }
        try await ConformanceStep.expect(expected, requirement) { () throws(CloudBackupError) in
            try await provider.downloadLatestBackup(for: identity)
        }
        try await ConformanceStep.expect(expected, requirement) { () throws(CloudBackupError) in
            try await provider.uploadBackup([1, 2, 3], generation: 1, replacing: nil, for: identity)
        }
        try await ConformanceStep.expect(expected, requirement) { () throws(CloudBackupError) in
            try await provider.deleteBackup(generation: 1, for: identity)
        }
    }

    /// Distinct, recognisable test bytes.
    static func payload(count: Int, seed: UInt8) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed) &* 97) }
    }
}
