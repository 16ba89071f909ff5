import SodiumBridge

/// What a device signs in to a recovery account with: a user name and password it asks the
/// user for, or a token from a sign-in the app ran itself with the identity provider.
///
/// ```swift
/// // A user name and password the app asked for:
/// let credential = RecoveryCredential.password(userName: "alice", password: password)
/// // The result of the app's own OpenID Connect sign-in in the browser
/// // (authorization-code flow with PKCE; the app never sees the password):
/// let credential = RecoveryCredential.externalToken(
///     .authorizationCode(code, codeVerifier: verifier, redirectURI: "com.example.app:/oauth2redirect",
///                        issuer: "https://login.example.com", nonce: nonce))
/// ```
///
/// With ``password(userName:password:)`` the device names the account and the service checks
/// the password. With ``externalToken(_:)`` the device names nobody: the service verifies the
/// token and decides which recovery account it proves, and the ``RecoverySession`` it returns
/// says who signed in (``RecoverySession/userName``).
///
/// Printing or dumping a credential never shows the password or the token.
public enum RecoveryCredential: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The kinds of credential, for errors and logs (never secret).
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// ``RecoveryCredential/password(userName:password:)``.
        case password
        /// An external OpenID Connect ID token (``IdentityProviderToken/Kind/idToken``).
        case idToken
        /// An external OAuth 2 access token or other opaque bearer token
        /// (``IdentityProviderToken/Kind/accessToken``).
        case accessToken
        /// An external OAuth 2 authorization code with its PKCE verifier
        /// (``IdentityProviderToken/Kind/authorizationCode``).
        case authorizationCode
    }

    /// The recovery account `userName` and its password, checked by the service.
    case password(userName: RecoveryAccountName, password: SecureBytes)
    /// A token the app obtained from the identity provider itself; the service verifies it
    /// and decides which account it proves.
    case externalToken(IdentityProviderToken)

    /// Which kind of credential this is.
    public var kind: Kind {
        switch self {
        case .password: return .password
        case let .externalToken(token):
            switch token.kind {
            case .idToken: return .idToken
            case .accessToken: return .accessToken
            case .authorizationCode: return .authorizationCode
            }
        }
    }

    /// The user name the device asserts: the password's, or `nil` for an external token
    /// (then only the service's session says who signed in).
    public var assertedUserName: RecoveryAccountName? {
        if case let .password(userName, _) = self { return userName }
        return nil
    }

    /// `RecoveryCredential(password, user: alice, redacted)` or
    /// `RecoveryCredential(idToken, issuer: https://…, redacted)`: never a secret.
    public var description: String {
        switch self {
        case let .password(userName, _):
            return "RecoveryCredential(password, user: \(userName), redacted)"
        case let .externalToken(token):
            return "RecoveryCredential(\(token.kind.rawValue), issuer: \(token.issuer ?? "unspecified"), redacted)"
        }
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// The kind only, so `dump` shows nothing secret.
    public var customMirror: Mirror {
        Mirror(self, children: ["kind": kind.rawValue], displayStyle: .enum)
    }
}

/// A token from the app's own sign-in with an identity provider (Microsoft, Google, Apple,
/// any OpenID Connect provider), for ``RecoveryCredential/externalToken(_:)``.
///
/// Map the result of the app's browser sign-in onto one of three kinds:
/// - ``idToken(_:issuer:nonce:)``: the provider's ID token (a signed JWT). The service checks
///   its signature against the issuer's keys, the issuer, the audience (the app's client ID),
///   the expiry and the nonce, and maps the `sub` claim to a recovery account.
/// - ``authorizationCode(_:codeVerifier:redirectURI:issuer:nonce:)``: the authorization code
///   with its PKCE code verifier and the redirect URI used. The service redeems it at the
///   provider's token endpoint itself and verifies the ID token it gets back. This keeps the
///   provider's tokens off the device.
/// - ``accessToken(_:issuer:)``: an opaque OAuth 2 access token (or another bearer token) the
///   service checks with its issuer, for example by token introspection.
///
/// The token, the verifier and the nonce are kept in `SecureBytes`; the issuer and the
/// redirect URI are not secret. Printing or dumping a token never shows a secret.
public struct IdentityProviderToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// What ``value`` is.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// An OpenID Connect ID token.
        case idToken
        /// An OAuth 2 access token or another opaque bearer token.
        case accessToken
        /// An OAuth 2 authorization code, redeemed by the service with ``codeVerifier``.
        case authorizationCode
    }

    /// What ``value`` is.
    public let kind: Kind
    /// The token or the authorization code, as the provider issued it (for a JWT, its UTF-8
    /// compact serialization).
    public let value: SecureBytes
    /// The PKCE code verifier, for ``Kind/authorizationCode``; `nil` otherwise.
    public let codeVerifier: SecureBytes?
    /// The redirect URI the authorization request used, for ``Kind/authorizationCode`` (the
    /// token endpoint requires the same one); `nil` otherwise.
    public let redirectURI: String?
    /// The issuer that signed the user in, e.g. its OpenID Connect issuer URL, so that a
    /// service trusting several providers knows which one to ask; `nil` when it trusts one.
    public let issuer: String?
    /// The nonce the app put in its authorization request, for the service to compare with
    /// the ID token's `nonce` claim; `nil` when none was used.
    public let nonce: SecureBytes?

    private init(
        kind: Kind, value: SecureBytes, codeVerifier: SecureBytes? = nil, redirectURI: String? = nil,
        issuer: String?, nonce: SecureBytes? = nil
    ) {
        self.kind = kind
        self.value = value
        self.codeVerifier = codeVerifier
        self.redirectURI = redirectURI
        self.issuer = issuer
        self.nonce = nonce
    }

    /// An OpenID Connect ID token, for the service to verify (signature, issuer, audience,
    /// expiry, `nonce`) and map to a recovery account by its `sub` claim.
    public static func idToken(_ token: SecureBytes, issuer: String? = nil, nonce: SecureBytes? = nil) -> Self {
        Self(kind: .idToken, value: token, issuer: issuer, nonce: nonce)
    }

    /// An OAuth 2 access token or another opaque bearer token, for the service to check with
    /// its issuer. `LocalRecoveryAccountService`'s tokens are of this kind.
    public static func accessToken(_ token: SecureBytes, issuer: String? = nil) -> Self {
        Self(kind: .accessToken, value: token, issuer: issuer)
    }

    /// An OAuth 2 authorization code from the authorization-code flow with PKCE, for the
    /// service to redeem at the provider's token endpoint with `codeVerifier` and
    /// `redirectURI`.
    public static func authorizationCode(
        _ code: SecureBytes, codeVerifier: SecureBytes, redirectURI: String, issuer: String? = nil,
        nonce: SecureBytes? = nil
    ) -> Self {
        Self(kind: .authorizationCode, value: code, codeVerifier: codeVerifier, redirectURI: redirectURI,
             issuer: issuer, nonce: nonce)
    }

    /// `IdentityProviderToken(idToken, issuer: https://…, redacted)`: never a secret.
    public var description: String {
        "IdentityProviderToken(\(kind.rawValue), issuer: \(issuer ?? "unspecified"), redacted)"
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// The kind, issuer and redirect URI only, so `dump` shows nothing secret.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "kind": kind.rawValue, "issuer": issuer as Any, "redirectURI": redirectURI as Any,
        ], displayStyle: .struct)
    }
}
