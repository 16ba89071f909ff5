import FuzzDriver

/// libFuzzer on the `AlternateContact` check (AuthenticatorKitFuzzChecks); built with -parse-as-library,
/// so this is the entry point SwiftPM links as `main`.
@_cdecl("FuzzAlternateContact_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(named: "AlternateContact", argc: argc, argv: argv)
}
