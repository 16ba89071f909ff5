import AuthenticatorKitEmbedded
import Foundation
import AuthenticatorKit

extension LocalRecoveryAccountService {
    /// A service in a new, empty temporary folder, with the cheapest password hashing the SDK
    /// accepts (`PasswordHashingCost.minimum`, the floor). Remove `directory` when done.
    public static func inTemporaryDirectory(
        clock: any TimeSource = SystemTimeSource(),
        sessionLifetime: TimeInterval = LocalRecoveryAccountService.defaultSessionLifetime,
        random: any RandomSource = SystemRandom()
    ) throws -> LocalRecoveryAccountService {
        LocalRecoveryAccountService(
            directory: try makeTemporaryFolder(named: "recovery-service"), clock: clock,
            sessionLifetime: sessionLifetime, random: random, passwordHashing: .minimum)
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
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("authenticatorkit-\(name)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
