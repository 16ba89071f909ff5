import BackupServices
import SodiumBridge

// A WebDAV folder is a *portable* backup location: it belongs to neither the iOS platform
// cloud (iCloud) nor the Android one, and a device of either platform can reach it.
extension WebDAVCloudProvider {
    /// The platform the provider reports as ``platform``, from the device's.
    ///
    /// `Platform` has only `ios` and `android` today, so the provider reports the device's own
    /// platform (``WebDAVConfiguration/devicePlatform``); the SDK then writes it into each
    /// backup's header and records the location as that platform's cloud. When the cloud
    /// contract gains a portable location (e.g. `Platform.webDAV`), this one line becomes
    /// `return .webDAV`, and nothing else in the provider changes.
    static func contractPlatform(devicePlatform: Platform) -> Platform {
        devicePlatform
    }
}
