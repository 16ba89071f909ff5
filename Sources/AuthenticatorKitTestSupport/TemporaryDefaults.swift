import AuthenticatorKitEmbedded
import Foundation
import AuthenticatorKit

extension LocalRecoveryAccountService {
    /// A service in a new, empty temporary folder, with test-only password hashing (1 pass
    /// over 8 KiB, below the floor `PasswordHashingCost.minimum` that apps are held to, so
    /// that a test's sign-ins cost microseconds). Only this service, or another one made
    /// here, reads the accounts it writes. Remove `directory` when done.
    public static func inTemporaryDirectory(
        clock: any TimeSource = SystemTimeSource(),
        sessionLifetime: TimeInterval = LocalRecoveryAccountService.defaultSessionLifetime,
        random: any RandomSource = SystemRandom()
    ) throws -> LocalRecoveryAccountService {
        LocalRecoveryAccountService(
            directory: try makeTemporaryFolder(named: "recovery-service"), clock: clock,
            sessionLifetime: sessionLifetime, random: random, passwordHashing: .testing)
    }
}

extension DirectoryCloudProvider {
    /// A provider whose root is a new, empty temporary folder. Remove `root` when done.
    public static func inTemporaryDirectory(
        platform: Platform, signedInIdentity: CloudIdentity?, clock: any TimeSource = SystemTimeSource()
    ) throws -> DirectoryCloudProvider {
        DirectoryCloudProvider(
            root: try makeTemporaryFolder(named: "cloud"), platform: platform,
            signedInIdentity: signedInIdentity, clock: clock)
    }
}

/// A new folder in the system's temporary directory, unique to this call.
private func makeTemporaryFolder(named name: String) throws -> URL {
    let url = TemporaryFolders.atExit.path("authenticatorkit-\(name)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
