import FuzzDriver

/// libFuzzer on the `ImportTwoFAS` check (AuthenticatorKitFuzzChecks); built with -parse-as-library,
/// so this is the entry point SwiftPM links as `main`.
@_cdecl("FuzzImportTwoFAS_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(named: "ImportTwoFAS", argc: argc, argv: argv)
}
