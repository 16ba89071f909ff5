// Flows and enrolment take and return `Account` values; re-export `AccountModel` (and with
// it `OTP` and `SodiumBridge`) so that `import VerificationFlow` is enough.
@_exported import AccountModel
