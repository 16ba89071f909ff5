/// The BackupFormat module.
enum BackupFormatModule {}
