import Testing

extension Tag {
    /// Tests on vaults of 50,000 accounts, skipped unless `BigVaultTests.enabled`
    /// (`AUTHENTICATORKIT_BIG_VAULTS=1`).
    @Tag static var bigVault: Self
}
