/// An account's one-time password: who it is for and how its codes are made.
///
/// `Hashable` on its public identity (issuer, account name, parameters); equality also
/// compares the secret, in constant time. Printing a token never shows the secret.
public struct Token: Sendable {
    /// The service, e.g. `GitHub`. May be empty.
    public var issuer: String
    /// The user's name at that service, e.g. `alice@example.com`.
    public var account: String
    /// The secret and its parameters.
    public var generator: Generator

    /// A token.
    public init(issuer: String = "", account: String, generator: Generator) {
        self.issuer = issuer
        self.account = account
        self.generator = generator
    }
}
