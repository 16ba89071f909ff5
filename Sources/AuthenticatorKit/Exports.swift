// The umbrella module re-exports every library module, so an app needs one import. It is
// the only module that re-exports anything.
@_exported import SodiumBridge
@_exported import OTP
@_exported import BackupServices
@_exported import AccountModel
@_exported import BackupFormat
@_exported import RestorePolicy
@_exported import VerificationFlow
