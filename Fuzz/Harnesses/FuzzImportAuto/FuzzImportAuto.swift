import FuzzDriver

/// libFuzzer on the `ImportAuto` check (AuthenticatorKitFuzzChecks); built with -parse-as-library,
/// so this is the entry point SwiftPM links as `main`.
@_cdecl("FuzzImportAuto_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(named: "ImportAuto", argc: argc, argv: argv)
}
