/// The largest file each embedded service reads from its folder. A file over its limit is
/// refused before a byte of it is read — as are symbolic links and anything but regular
/// files — so a damaged or planted file (a link to `/dev/zero`, a sparse file of gigabytes)
/// gives the service's typed "unavailable" or "damaged" error at once, never a hang or a crash.
///
/// `DirectoryCloudProvider` has its own limits: `DirectoryCloudProvider/maximumBackupSize`
/// and `DirectoryCloudProvider/maximumRecordSize`.
public enum EmbeddedStorageLimits {
    /// The largest account file of `LocalRecoveryAccountService` (`recovery-accounts/<user>.json`):
    /// 1 MiB. A real one is a few KiB (at most 64 sessions).
    public static let recoveryAccountFileSize = 1 << 20
    /// The largest external-token index of `LocalRecoveryAccountService`: 4 MiB.
    public static let recoveryTokenIndexSize = 4 << 20
    /// The largest sign-in failure index of `LocalRecoveryAccountService`
    /// (`recovery-accounts/sign-in-failures.index`): 1 MiB. A full one (1,024 user names) is
    /// about 150 KiB.
    public static let recoverySignInFailuresSize = 1 << 20
    /// The largest store of `LocalAccountProvider` (`accounts.json`): 16 MiB.
    public static let providerStoreSize = 16 << 20
}
