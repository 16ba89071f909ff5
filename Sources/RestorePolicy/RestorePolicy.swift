/// The RestorePolicy module.
enum RestorePolicyModule {}
