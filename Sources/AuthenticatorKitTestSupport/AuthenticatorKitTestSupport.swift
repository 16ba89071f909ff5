/// The AuthenticatorKitTestSupport module.
enum AuthenticatorKitTestSupportModule {}
