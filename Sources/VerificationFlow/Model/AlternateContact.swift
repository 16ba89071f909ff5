import Foundation

/// An alternate e-mail address or phone number a personal account has on file, where a
/// one-time code can be sent.
///
/// Only providers and verification services hold the full value; apps see a
/// ``MaskedContact``. The value is normalised when parsed: e-mail addresses are lower-cased,
/// phone numbers keep only a leading `+` and their digits.
public struct AlternateContact: Sendable, Hashable, Codable {
    /// Whether a contact is an e-mail address or a phone number.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An e-mail address.
        case email
        /// A phone number (a code goes there by text message).
        case phone
    }

    /// E-mail address or phone number.
    public let kind: Kind
    /// The normalised address or number.
    public let value: String

    /// Parses `text` as an e-mail address (it contains `@`) or a phone number.
    ///
    /// An e-mail address needs exactly one `@`, something before it, and a domain with a dot
    /// and no spaces. A phone number may hold digits, spaces, `-`, `.`, `(`, `)` and a leading
    /// `+`, and must have 7 to 15 digits (E.164's maximum).
    /// - Throws: ``VerificationError/invalidContact(_:)`` otherwise.
    public init(_ text: String) throws(VerificationError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.contains("@") {
            let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, let local = parts.first, let domain = parts.last,
                  !local.isEmpty, !domain.isEmpty, domain.contains("."),
                  !domain.hasPrefix("."), !domain.hasSuffix("."),
                  !trimmed.contains(where: { $0.isWhitespace })
            else { throw .invalidContact(text) }
            self.kind = .email
            self.value = trimmed.lowercased()
        } else {
            let allowed = Set("0123456789 -.()")
            var digits = ""
            for (index, character) in trimmed.enumerated() {
                if character == "+" && index == 0 { continue }
                guard allowed.contains(character) else { throw .invalidContact(text) }
                if character.isASCII && character.isNumber { digits.append(character) }
            }
            guard (7...15).contains(digits.count) else { throw .invalidContact(text) }
            self.kind = .phone
            self.value = (trimmed.hasPrefix("+") ? "+" : "") + digits
        }
    }

    /// The contact as shown to the user: `a•••@example.com` for an e-mail address (first
    /// character and domain), `•••• 1234` for a phone number (last four digits).
    public var masked: String {
        switch kind {
        case .email:
            let local = value.prefix { $0 != "@" }
            let domain = value.drop { $0 != "@" }
            return "\(local.prefix(1))•••\(domain)"
        case .phone:
            return "•••• \(value.suffix(4))"
        }
    }

    /// Decodes and re-validates a contact.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(container.decode(String.self))
    }

    /// Encodes the normalised value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
