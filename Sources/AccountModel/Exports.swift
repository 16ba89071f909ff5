// Accounts hold OTP tokens; re-export `OTP` so `import AccountModel` is enough.
@_exported import OTP
