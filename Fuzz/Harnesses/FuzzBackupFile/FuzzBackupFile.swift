import FuzzDriver

/// libFuzzer on the `BackupFile` check (AuthenticatorKitFuzzChecks); built with -parse-as-library,
/// so this is the entry point SwiftPM links as `main`.
@_cdecl("FuzzBackupFile_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(named: "BackupFile", argc: argc, argv: argv)
}
