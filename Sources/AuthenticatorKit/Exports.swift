// AuthenticatorKit re-exports every module, so an app needs one import.
@_exported import SodiumBridge
@_exported import OTP
@_exported import AccountModel
@_exported import BackupFormat
@_exported import RestorePolicy
@_exported import VerificationFlow
