/// An account's one-time password: who it is for and how its codes are made.
///
/// `Hashable` on its public identity (issuer, account name, parameters); equality also
/// compares the secret, in constant time. Printing, interpolating or dumping a token never
/// shows the secret.
///
/// ```swift
/// let token = try Token(uri: scannedText)       // from a QR code
/// let shown = try token.generator.timedCode(at: Date())
/// ```
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

extension Token: Hashable {
    /// Same issuer, account, parameters and secret (the secret compared in constant time).
    public static func == (lhs: Token, rhs: Token) -> Bool {
        let sameGenerator = lhs.generator == rhs.generator
        return lhs.issuer == rhs.issuer && lhs.account == rhs.account && sameGenerator
    }

    /// Hashes the public identity: issuer, account and parameters, never the secret.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(issuer)
        hasher.combine(account)
        hasher.combine(generator)
    }
}

extension Token: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Issuer, account and parameters, e.g.
    /// `Token(issuer: "ACME", account: "alice", Generator(totp, period 30 s, SHA1, 6 digits, secret redacted))`.
    public var description: String {
        "Token(issuer: \(String(reflecting: issuer)), account: \(String(reflecting: account)), \(generator))"
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// Issuer, account and the generator's parameters; never the secret.
    public var customMirror: Mirror {
        Mirror(self, children: ["issuer": issuer, "account": account, "generator": generator], displayStyle: .struct)
    }
}
