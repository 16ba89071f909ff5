// Backups carry accounts and settings; re-export `AccountModel` (and through it `OTP` and
// `SodiumBridge`) so that `import BackupFormat` is enough to seal and open one.
@_exported import AccountModel
