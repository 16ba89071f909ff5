import SodiumBridge

/// Gives ``FileAccountStore`` the 32-byte key that encrypts the vault on this device.
///
/// The SDK embeds ``FileKeyProvider`` (a key file with permissions `0600`). Apps plug in the
/// platform's key storage instead: a Keychain item readable only on this device
/// (`kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly`), or a key wrapped by the Android
/// Keystore.
///
/// ## Implementation requirements
/// - Return the same key on every call: the first call on a device creates it (32 bytes from
///   a cryptographic random source) and stores it durably before returning it.
/// - Keep the key on this device only: never in a backup or a synced keychain, never in a log.
/// - Return it in `SecureBytes`; the store checks the length is 32.
/// - When the key cannot be produced, throw ``AccountModelError/keyUnavailable(reason:)``
///   (or ``AccountModelError/insecureKeyFile(path:mode:)`` for a key file others can read);
///   never hand out a new key in place of one that exists but cannot be read.
public protocol LocalKeyProvider: Sendable {
    /// The vault key (32 bytes), created on first use.
    func key() async throws(AccountModelError) -> SecureBytes
}
