import AccountModel

extension Account {
    /// The account's ``Account/providerAccountReference`` as the contracts name it, or `nil`
    /// when it has none (an empty reference counts as none).
    var providerReference: ProviderAccountReference? {
        guard let reference = providerAccountReference, !reference.isEmpty else { return nil }
        return ProviderAccountReference(reference)
    }
}
