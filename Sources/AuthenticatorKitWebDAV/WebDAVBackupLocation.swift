import BackupServices
import SodiumBridge

/// Where a WebDAV backup lives: a *portable* location, reachable from devices of either
/// platform, named by the WebDAV user at the folder (``WebDAVConfiguration/identity``).
///
/// The SDK records a backup's location as a `BackupLocation`; this type names the WebDAV one
/// for the app (settings screens, "your backup is in …"), and ``backupLocation`` is the record
/// the coordinator keeps: `BackupLocationKind.portable("WebDAV")` and the identity.
public struct WebDAVBackupLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The WebDAV user at the folder, `user@host[:port]/path`.
    public var cloudIdentity: CloudIdentity
    /// The platform of the device that writes the backup (recorded in the backup's header).
    public var devicePlatform: Platform

    /// A location from its parts.
    public init(cloudIdentity: CloudIdentity, devicePlatform: Platform) {
        self.cloudIdentity = cloudIdentity
        self.devicePlatform = devicePlatform
    }

    /// Always `true`: any device with the URL and the credentials reaches a WebDAV folder.
    public var isPortable: Bool { true }

    /// The record the SDK keeps: a portable location (`WebDAV`) and the identity.
    public var backupLocation: BackupLocation {
        BackupLocation(kind: .portable(WebDAVCloudProvider.serviceName), cloudIdentity: cloudIdentity)
    }

    /// `WebDAV folder alice@cloud.example.com/dav/Authenticator`.
    public var description: String { "WebDAV folder \(cloudIdentity.rawValue)" }
}

extension WebDAVCloudProvider {
    /// Where this provider keeps the backup.
    public var location: WebDAVBackupLocation {
        WebDAVBackupLocation(cloudIdentity: configuration.identity, devicePlatform: configuration.devicePlatform)
    }
}
