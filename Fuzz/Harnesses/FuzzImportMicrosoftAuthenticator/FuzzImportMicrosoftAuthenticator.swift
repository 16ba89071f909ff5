import FuzzDriver

/// libFuzzer on the `ImportMicrosoftAuthenticator` check (AuthenticatorKitFuzzChecks); built with -parse-as-library,
/// so this is the entry point SwiftPM links as `main`.
@_cdecl("FuzzImportMicrosoftAuthenticator_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(named: "ImportMicrosoftAuthenticator", argc: argc, argv: argv)
}
