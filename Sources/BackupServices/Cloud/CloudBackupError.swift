import SodiumBridge

/// Why a cloud backup operation failed. Every case says what an app needs to tell the user.
///
/// Messages never contain backup contents; they may contain a cloud identity (which the user
/// already knows) and, for ``storageFailure(reason:)``, a file path of the embedded provider.
public enum CloudBackupError: ReportableError, Equatable, Hashable {
    /// The cloud cannot be reached: no network, the service is down, or (for
    /// `DirectoryCloudProvider`) the folder is missing, like an unmounted or offline drive.
    case unreachable
    /// The cloud is busy: another device or process holds the backup's lock and did not let go
    /// within the provider's time limit (for `DirectoryCloudProvider`, its `lockTimeout`). Nothing
    /// was read or changed; try again later. A provider never waits for a lock without a bound.
    case busy
    /// The device is not signed in to its platform's cloud (no Apple ID in iCloud settings, or
    /// no recovery account on Android), or the cloud refused the credentials it was given (a
    /// WebDAV server answering 401: a wrong user name or password).
    case notSignedIn
    /// The device is signed in to its cloud, but as `actual` and not as the `expected`
    /// identity that holds (or will hold) the backup — e.g. another Apple ID.
    case signedInAsAnotherIdentity(expected: CloudIdentity, actual: CloudIdentity)
    /// There is no backup for this identity in this cloud (never made, or deleted).
    case notFound
    /// The cloud holds generation `found` (`nil`: no backup at all), not the `expected` one
    /// the caller last saw (`nil`: the caller expected no backup). Another device has
    /// uploaded since; nothing was overwritten.
    case generationConflict(expected: UInt64?, found: UInt64?)
    /// An upload must carry a generation greater than the one it replaces.
    case generationMustIncrease(current: UInt64, proposed: UInt64)
    /// The backup is larger than the cloud accepts.
    case tooLarge(byteCount: Int, limit: Int)
    /// The user's cloud storage is full.
    case quotaExceeded
    /// The identity cannot be used to address backups (empty, a path such as `..`, control
    /// characters, or too long); `reason` says which.
    case invalidIdentity(reason: String)
    /// The cloud's storage failed in a way not listed above (permissions, damaged metadata);
    /// `reason` says what happened.
    case storageFailure(reason: String)

    /// What went wrong, in plain words.
    public var message: String {
        switch self {
        case .unreachable:
            return "the cloud cannot be reached (no network, or its storage is offline)"
        case .busy:
            return "the cloud is busy: another device or process is using the backup; nothing was changed, try again later"
        case .notSignedIn:
            return "this device is not signed in to its cloud, or the cloud refused its credentials (for a WebDAV folder: a wrong user name or password)"
        case let .signedInAsAnotherIdentity(expected, actual):
            return "this device is signed in to its cloud as \(actual), not as \(expected)"
        case .notFound:
            return "there is no backup in the cloud for this identity"
        case let .generationConflict(expected, found):
            return "the cloud holds \(Self.describe(found)), not \(Self.describe(expected)) as expected: "
                + "another device has changed it; nothing was overwritten"
        case let .generationMustIncrease(current, proposed):
            return "an upload replacing generation \(current) must have a greater generation, not \(proposed)"
        case let .tooLarge(byteCount, limit):
            return "the backup is \(byteCount) bytes; the cloud accepts at most \(limit)"
        case .quotaExceeded:
            return "the cloud storage is full"
        case let .invalidIdentity(reason):
            return "the cloud identity cannot be used: \(reason)"
        case let .storageFailure(reason):
            return "the cloud storage failed: \(reason)"
        }
    }

    private static func describe(_ generation: UInt64?) -> String {
        generation.map { "generation \($0)" } ?? "no backup"
    }
}

extension CloudBackupError {
    /// The case name scripts match, e.g. `unreachable`: a constant that stays the same whatever
    /// the compiler keeps of the type's metadata.
    public var caseName: String {
        switch self {
        case .unreachable: return "unreachable"
        case .busy: return "busy"
        case .notSignedIn: return "notSignedIn"
        case .signedInAsAnotherIdentity: return "signedInAsAnotherIdentity"
        case .notFound: return "notFound"
        case .generationConflict: return "generationConflict"
        case .generationMustIncrease: return "generationMustIncrease"
        case .tooLarge: return "tooLarge"
        case .quotaExceeded: return "quotaExceeded"
        case .invalidIdentity: return "invalidIdentity"
        case .storageFailure: return "storageFailure"
        }
    }
}
