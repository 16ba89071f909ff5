import AuthenticatorKit
import Foundation

/// The kinds of account a benchmark vault mixes: every kind a backup carries.
public enum BenchmarkAccountKind: String, CaseIterable, Sendable {
    /// TOTP, SHA-1, 6 digits, 30 s, a 20-byte secret (the common case).
    case totpSHA1 = "totp-sha1"
    /// TOTP, SHA-256, 8 digits, 30 s, a 32-byte secret.
    case totpSHA256 = "totp-sha256"
    /// TOTP, SHA-512, 8 digits, 60 s, a 64-byte secret.
    case totpSHA512 = "totp-sha512"
    /// HOTP, SHA-1, 6 digits, a counter below 1,000, a 20-byte secret.
    case hotp = "hotp-sha1"
    /// Steam Guard, a 20-byte secret.
    case steam
    /// A personal account at the app's identity provider (metadata only in a backup; restored
    /// waiting for verification).
    case personal
    /// A work-or-school account (metadata only in a backup; restored waiting for verification).
    case workOrSchool = "work-or-school"

    /// Out of 100 accounts.
    var share: Int {
        switch self {
        case .totpSHA1: return 55
        case .totpSHA256: return 12
        case .totpSHA512: return 5
        case .hotp: return 10
        case .steam: return 5
        case .personal: return 6
        case .workOrSchool: return 7
        }
    }

    /// A kind drawn with the shares above.
    static func draw(using random: inout SeededRandom) -> BenchmarkAccountKind {
        var roll = Int(random.next() % 100)
        for kind in allCases {
            if roll < kind.share { return kind }
            roll -= kind.share
        }
        return .totpSHA1
    }
}

/// A vault of `accountCount` accounts of mixed kinds, the same for the same seed on every
/// machine (identifiers, labels, secrets, parameters, dates): what `make-vault` writes and
/// what the in-process backup benchmarks seal and open. Public API only.
public struct BenchmarkVault: Sendable {
    /// The vault (revision 1, default settings).
    public let vault: Vault
    /// How many accounts of each kind it holds.
    public let counts: [BenchmarkAccountKind: Int]
    /// The identifier of its last account, always a TOTP SHA-1 one: the account
    /// `authenticator code ID` is measured on (the last, in case a lookup walks the list).
    public let lookupID: AccountID

    /// The vault for `accountCount` (1…`VaultLimits.maximumAccounts`) and `seed`.
    /// - Throws: an `OTPError` if a generator's parameters were invalid (none is).
    public init(accountCount: Int, seed: UInt64, platform: Platform = .ios) throws {
        var random = SeededRandom(seed: seed)
        var counts: [BenchmarkAccountKind: Int] = [:]
        var accounts: [Account] = []
        accounts.reserveCapacity(accountCount)
        let start = Date(timeIntervalSince1970: 1_600_000_000)
        for index in 0..<accountCount {
            let kind = index == accountCount - 1 ? .totpSHA1 : BenchmarkAccountKind.draw(using: &random)
            counts[kind, default: 0] += 1
            accounts.append(try Self.account(index: index, kind: kind, createdAt: start.addingTimeInterval(Double(index) * 3_600), random: &random))
        }
        vault = Vault(accounts: accounts, settings: Settings(platform: platform), revision: 1)
        self.counts = counts
        lookupID = accounts.last?.id ?? AccountID(rawValue: "")
    }

    /// Service names, as people's vaults hold them (repeats included).
    private static let issuers = [
        "GitHub", "Google", "Microsoft", "Amazon Web Services", "Dropbox", "Slack", "GitLab", "Cloudflare",
        "DigitalOcean", "Facebook", "Twitter", "Reddit", "Discord", "Twitch", "PayPal", "Stripe", "Coinbase",
        "Kraken", "Binance", "npm", "PyPI", "Docker Hub", "Atlassian", "Heroku", "Salesforce", "Zoom", "Okta",
        "1Password", "Bitwarden", "Proton", "Fastmail", "Namecheap", "GoDaddy", "Hetzner", "OVHcloud", "Linode",
        "Vercel", "Netlify", "Epic Games", "Nintendo", "Ubisoft", "Mailchimp", "HubSpot", "Shopify", "WordPress",
        "Tumblr", "LinkedIn", "Instagram", "Snapchat", "Gemini Exchange",
    ]

    private static func account(index: Int, kind: BenchmarkAccountKind, createdAt: Date, random: inout SeededRandom) throws -> Account {
        let id = AccountID(rawValue: random.uuidString())
        let issuer = issuers[Int(random.next() % UInt64(issuers.count))]
        let userName = random.next() % 4 == 0 ? "user.\(index)" : "user.\(index)@example.com"
        let displayName = random.next() % 5 == 0 ? "\(issuer) (\(index % 7 == 0 ? "work" : "personal"))" : nil
        let iconReference = random.next() % 10 == 0 ? "icon-\(issuer.lowercased().replacingOccurrences(of: " ", with: "-"))" : nil
        let generator: Generator
        switch kind {
        case .personal, .workOrSchool:
            let providerKind: Account.ProviderKind = kind == .personal ? .personal : .workOrSchool
            let details = Account.ProviderDetails(
                kind: providerKind, issuer: kind == .personal ? "Example ID" : "Contoso",
                userName: userName, reference: ProviderAccountReference("ref-\(random.uuidString())"),
                pushApprovalsEnabled: random.next() % 2 == 0, device: .awaitingVerification(providerKind.verificationMethod))
            return Account(id: id, provider: details, displayName: displayName, iconReference: iconReference, createdAt: createdAt)
        case .totpSHA1:
            generator = try Self.generator(.timer(period: 30), secretLength: 20, algorithm: .sha1, format: .decimal(digits: 6), random: &random)
        case .totpSHA256:
            generator = try Self.generator(.timer(period: 30), secretLength: 32, algorithm: .sha256, format: .decimal(digits: 8), random: &random)
        case .totpSHA512:
            generator = try Self.generator(.timer(period: 60), secretLength: 64, algorithm: .sha512, format: .decimal(digits: 8), random: &random)
        case .hotp:
            let counter = random.next() % 1_000
            generator = try Self.generator(.counter(counter), secretLength: 20, algorithm: .sha1, format: .decimal(digits: 6), random: &random)
        case .steam:
            generator = try Self.generator(.timer(period: 30), secretLength: 20, algorithm: .sha1, format: .steam, random: &random)
        }
        return Account(
            id: id, token: Token(issuer: issuer, account: userName, generator: generator),
            displayName: displayName, iconReference: iconReference, createdAt: createdAt)
    }

    /// A generator with a secret drawn from `random`.
    private static func generator(
        _ factor: Factor, secretLength: Int, algorithm: Algorithm, format: CodeFormat, random: inout SeededRandom
    ) throws -> Generator {
        var bytes = random.bytes(secretLength)
        defer { ConstantTime.zero(&bytes) }
        return try Generator(factor: factor, secret: SecureBytes(copying: bytes), algorithm: algorithm, format: format)
    }
}
