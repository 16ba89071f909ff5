import BackupServices
import SodiumBridge

// A WebDAV folder is a *portable* backup location: it belongs to neither the iOS platform
// cloud (iCloud) nor the Android one, and a device of either platform can reach it.
extension WebDAVCloudProvider {
    /// The service name of WebDAV locations: `BackupLocationKind.portable("WebDAV")`.
    public static let serviceName = "WebDAV"

    /// `BackupLocationKind.portable("WebDAV")`: devices of either platform back up to the
    /// folder and restore from it, and backups are addressed by the WebDAV user at the folder
    /// (``WebDAVConfiguration/identity``), never by the recovery account or an Apple ID.
    public var locationKind: BackupLocationKind { .portable(Self.serviceName) }

    /// The platform the provider reports as ``platform``: the device's own
    /// (``WebDAVConfiguration/devicePlatform``), written into each backup's header. It says
    /// which device wrote the backup, not where it lives (that is ``locationKind``).
    static func contractPlatform(devicePlatform: Platform) -> Platform {
        devicePlatform
    }
}
