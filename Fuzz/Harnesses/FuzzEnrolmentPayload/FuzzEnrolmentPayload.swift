import FuzzDriver

/// libFuzzer on the `EnrolmentPayload` check (AuthenticatorKitFuzzChecks); built with -parse-as-library,
/// so this is the entry point SwiftPM links as `main`.
@_cdecl("FuzzEnrolmentPayload_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(named: "EnrolmentPayload", argc: argc, argv: argv)
}
