// `SecureBytes` appears in this module's public API; re-export its module so that
// `import OTP` is enough to use it.
@_exported import SodiumBridge
