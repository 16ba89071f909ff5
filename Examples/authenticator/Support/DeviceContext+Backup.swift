import AuthenticatorKit

extension DeviceContext {
    /// After a change to the vault: when backup is on, uploads the change; a failure is
    /// one note on standard error (standard output stays the command's own).
    func backUpAfterChange(_ vault: Vault) async {
        // Filled in when the backup coordinator lands.
    }
}
