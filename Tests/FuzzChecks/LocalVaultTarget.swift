import AccountModel
import AuthenticatorKitTestSupport
import SodiumBridge

/// Local vault files (`LocalVaultFormat`, the file `FileAccountStore` keeps).
enum LocalVaultSeeds {
    /// A sealed vault under ``FuzzKeys/vaultKey``: its bytes 6‥21 are the key identifier.
    static let sealedSample: [UInt8] = {
        do {
            return try LocalVaultFormat.seal(try SampleVaults.withBackupState(), key: FuzzKeys.vaultKey, using: FuzzKeys.random)
        } catch {
            preconditionFailure("the sample vault cannot be sealed: \(error)")
        }
    }()

    static var keyIdentifier: ArraySlice<UInt8> { sealedSample[6..<22] }

    /// The file whose 46-byte header is `bytes`' (with the right key identifier) and whose
    /// payload is `bytes[46...]` encrypted under the vault key: the payload grammar sees the
    /// fuzzed plaintext after authentication. `nil` for inputs shorter than a header.
    static func file(sealing bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= LocalVaultFormat.headerLength else { return nil }
        let header = Array(bytes[0..<6]) + keyIdentifier + bytes[22..<46]
        let nonce = Array(bytes[22..<46])
        guard let ciphertext = try? XChaCha20Poly1305.seal(
            Array(bytes[46...]), key: FuzzKeys.vaultKey, nonce: nonce, associatedData: header
        ) else { return nil }
        return header + ciphertext
    }

    /// A seed: the header of a sealed file followed by its plaintext (what ``file(sealing:)`` reads).
    static func seed(of vault: Vault) -> [UInt8]? {
        guard let sealed = try? LocalVaultFormat.seal(vault, key: FuzzKeys.vaultKey, using: FuzzKeys.random),
              let plaintext = try? XChaCha20Poly1305.open(
                Array(sealed[46...]), key: FuzzKeys.vaultKey, nonce: Array(sealed[22..<46]), associatedData: Array(sealed[0..<46])
              )
        else { return nil }
        return Array(sealed[0..<46]) + plaintext.withUnsafeBytes { Array($0) }
    }
}

extension FuzzTarget {
    /// The local vault file, as given and with its payload sealed under the right key.
    static let localVault = FuzzTarget(
        "LocalVault",
        "A vault file is refused with `storeDamaged`/`unsupportedStoreVersion`/`keyMismatch`, or opens to a vault that, sealed again, opens to the same vault (every field, device credentials included).",
        setUp: { _ = LocalVaultSeeds.sealedSample }
    ) { bytes throws(PropertyViolation) in
        try checkVaultFile(bytes, keyIsRight: false)
        if let file = LocalVaultSeeds.file(sealing: bytes) { try checkVaultFile(file, keyIsRight: true) }
    }

    private static func checkVaultFile(_ file: [UInt8], keyIsRight: Bool) throws(PropertyViolation) {
        let vault: Vault
        do throws(AccountModelError) {
            vault = try LocalVaultFormat.open(file, key: FuzzKeys.vaultKey)
        } catch {
            switch error {
            case .storeDamaged, .unsupportedStoreVersion: return
            case .keyMismatch where !keyIsRight: return
            default: throw PropertyViolation("a vault file is refused as damaged, unsupported or under another key", error.caseName)
            }
        }
        Acceptances.note("LocalVault")
        let reopened: Vault
        do throws(AccountModelError) {
            reopened = try LocalVaultFormat.open(
                try LocalVaultFormat.seal(vault, key: FuzzKeys.vaultKey, using: FuzzKeys.random), key: FuzzKeys.vaultKey
            )
        } catch {
            throw PropertyViolation("a vault that was read can be stored and read again", error.caseName)
        }
        let differences = VaultComparison.differences(vault, reopened)
        try require(differences.isEmpty, "a vault stored again reads back the same", differences.joined(separator: "; "))
    }
}
