/// Where a recovery account's backup lives: which cloud (a platform's, or a portable one such
/// as a WebDAV folder), and which identity in it.
///
/// The backup coordinator records it with the recovery-account service after each upload, so
/// a device that cannot find the backup learns why: it is in the other platform's cloud, in
/// the iCloud of another Apple ID, or in a portable location such as a WebDAV folder.
///
/// Encoded as `{"platform": "ios", "cloudIdentity": …}` for a platform cloud (as before
/// portable locations existed, so stored records still decode) and
/// `{"portable": "WebDAV", "cloudIdentity": …}` for a portable location.
public struct BackupLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Which kind of cloud holds the backup.
    public var kind: BackupLocationKind
    /// The identity in that cloud: an Apple ID on `ios`, the recovery account on `android`,
    /// the provider's own identity (e.g. the WebDAV user at the folder) for a portable location.
    public var cloudIdentity: CloudIdentity

    /// A location in `platform`'s cloud.
    public init(platform: Platform, cloudIdentity: CloudIdentity) {
        self.init(kind: .platformCloud(platform), cloudIdentity: cloudIdentity)
    }

    /// A location from its parts.
    public init(kind: BackupLocationKind, cloudIdentity: CloudIdentity) {
        self.kind = kind
        self.cloudIdentity = cloudIdentity
    }

    /// The platform whose cloud holds the backup, or `nil` for a portable location (which
    /// devices of either platform reach).
    public var platform: Platform? {
        if case let .platformCloud(platform) = kind { return platform }
        return nil
    }

    /// `ios cloud of alice@icloud.com`, `WebDAV folder alice@dav.example.com/Authenticator`.
    public var description: String {
        switch kind {
        case let .platformCloud(platform): return "\(platform.rawValue) cloud of \(cloudIdentity.rawValue)"
        case let .portable(service): return "\(service) folder \(cloudIdentity.rawValue)"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case platform, portable, cloudIdentity
    }

    /// Decodes either encoding (see the type's documentation).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let identity = try container.decode(CloudIdentity.self, forKey: .cloudIdentity)
        if let service = try container.decodeIfPresent(String.self, forKey: .portable) {
            self.init(kind: .portable(service), cloudIdentity: identity)
        } else {
            self.init(platform: try container.decode(Platform.self, forKey: .platform), cloudIdentity: identity)
        }
    }

    /// Encodes a platform cloud as before portable locations existed; a portable one with
    /// its service name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch kind {
        case let .platformCloud(platform): try container.encode(platform, forKey: .platform)
        case let .portable(service): try container.encode(service, forKey: .portable)
        }
        try container.encode(cloudIdentity, forKey: .cloudIdentity)
    }
}

/// Which kind of cloud holds a backup.
public enum BackupLocationKind: Sendable, Hashable {
    /// A platform's own cloud: iCloud on `ios`, the identity provider's cloud on `android`.
    /// Only devices of that platform reach it.
    case platformCloud(Platform)
    /// A location any device reaches, whatever its platform, named by its service (e.g.
    /// `"WebDAV"`): a device of either platform backs up to it and restores from it.
    case portable(String)

    /// Whether devices of either platform reach it.
    public var isPortable: Bool {
        if case .portable = self { return true }
        return false
    }

    /// Which identity a backup in a location of this kind is addressed by.
    public var identityRule: CloudIdentityRule {
        switch self {
        case .platformCloud(.ios): return .namedByApp
        case .platformCloud(.android): return .recoveryAccount
        case .portable: return .provider
        }
    }
}

/// Which ``CloudIdentity`` a backup is addressed by: the one rule every part of an app (and
/// the SDK's coordinators) follows.
public enum CloudIdentityRule: Sendable, Hashable {
    /// The app names it (`ios`: the Apple ID whose iCloud holds the backup), and the device
    /// must be signed in to its cloud as it.
    case namedByApp
    /// The recovery account's user name (`android`: the backup lives in the identity
    /// provider's cloud, under the recovery account).
    case recoveryAccount
    /// The provider's own signed-in identity (a portable location: e.g. the WebDAV user at the
    /// folder); the app names nothing.
    case provider

    /// The identity a device backs up under, or `nil` when only the provider knows it
    /// (``provider``) or the app named none (``namedByApp``).
    ///
    /// - Parameters:
    ///   - recoveryAccount: the recovery account's user name.
    ///   - named: the identity the app names (the Apple ID on `ios`); ignored by the other rules.
    public func identity(recoveryAccount: RecoveryAccountName, named: CloudIdentity?) -> CloudIdentity? {
        switch self {
        case .namedByApp: return named
        case .recoveryAccount: return CloudIdentity(recoveryAccount.rawValue)
        case .provider: return nil
        }
    }

    /// Whether the app must name the identity (``namedByApp``).
    public var needsNamedIdentity: Bool { self == .namedByApp }
}
