/// The three kinds of account an authenticator holds.
public enum AccountKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// An account of the app's own identity provider.
    case personal
    /// An account of an organisation's identity provider.
    case workOrSchool = "work-or-school"
    /// Any other service (Google, GitHub, Facebook…) that gave the user an OTP secret.
    case thirdParty = "third-party"
}
