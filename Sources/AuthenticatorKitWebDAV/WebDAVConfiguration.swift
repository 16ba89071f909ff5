import Foundation
import BackupServices
import SodiumBridge
import SodiumBridge

/// Where a ``WebDAVCloudProvider`` keeps backups, and how it signs in: a folder URL, a user
/// name and a password, plus the limits every request keeps to.
///
/// The password stays in `SecureBytes` (guarded memory, zeroed when released)
/// and never appears in a description: printing, interpolating or dumping a configuration
/// shows `WebDAV folder https://cloud.example/dav/Backups/ as alice (password redacted)`.
/// (`URLSession` takes the `Authorization` header as a `String`, so a copy of the encoded
/// credentials exists in ordinary memory while each request is being sent.)
public struct WebDAVConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The largest backup uploaded or downloaded: 16 MiB, the backup format's own limit.
    public static let defaultMaximumBackupSize = 16 * 1024 * 1024
    /// The largest PROPFIND answer read: 256 KiB (a folder listing of a few dozen entries is
    /// a few KiB).
    public static let defaultMaximumListingSize = 256 * 1024

    /// The folder that holds the backup, always ending in `/`, e.g.
    /// `https://cloud.example.com/remote.php/dav/files/alice/Authenticator/`. The provider
    /// creates it (not its parent) on the first upload.
    public let folder: URL
    /// The WebDAV user name (HTTP Basic authentication).
    public let userName: String
    /// The password, in secure memory.
    public let password: SecureBytes
    /// The platform of this device. A WebDAV folder belongs to neither platform's cloud;
    /// until the cloud contract has a portable platform, the provider reports this one (see
    /// ``WebDAVCloudProvider/platform``).
    public let devicePlatform: Platform

    /// Seconds a listing, a folder creation, a move or a deletion may take, all included.
    public var requestTimeout: TimeInterval = 30
    /// Seconds the upload or download of a whole backup may take, all included.
    public var transferTimeout: TimeInterval = 120
    /// The largest backup, in bytes: at most ``defaultMaximumBackupSize``.
    public var maximumBackupSize: Int = WebDAVConfiguration.defaultMaximumBackupSize
    /// The largest PROPFIND answer, in bytes (see ``defaultMaximumListingSize``): 4 KiB to 4 MiB.
    public var maximumListingSize: Int = WebDAVConfiguration.defaultMaximumListingSize
    /// How old (by the server's clock) an unfinished claim or a leftover temporary upload must
    /// be before another device skips or removes it: 10 minutes. Keep it far above
    /// ``requestTimeout`` and ``transferTimeout`` — the compare-and-swap relies on no request
    /// of a live upload arriving this late (see <doc:CompareAndSwap>).
    public var abandonedClaimAge: TimeInterval = 600

    /// A configuration for `folder`, signing in as `userName` with `password` (its UTF-8 bytes).
    ///
    /// `folder` must be an `http` or `https` URL with a host and no user, password, query or
    /// fragment; a `/` is added to its path when missing. `userName` must be non-empty, without
    /// `:` (HTTP Basic authentication cannot carry it) or control characters. Prefer `https`:
    /// over `http` the password crosses the network readable by anyone on the way.
    public init(
        folder: URL, userName: String, password: SecureBytes, devicePlatform: Platform
    ) throws(WebDAVConfigurationError) {
        guard let scheme = folder.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            throw .unsupportedScheme(folder.scheme ?? "")
        }
        guard var components = URLComponents(url: folder, resolvingAgainstBaseURL: true),
              let host = components.host, !host.isEmpty
        else { throw .missingHost }
        guard components.user == nil, components.password == nil else { throw .credentialsInURL }
        guard components.query == nil, components.fragment == nil else { throw .queryOrFragment }
        guard !userName.isEmpty else { throw .emptyUserName }
        guard !userName.contains(":") else { throw .colonInUserName }
        guard !userName.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .controlCharacterInUserName
        }
        components.scheme = scheme
        if !components.percentEncodedPath.hasSuffix("/") { components.percentEncodedPath += "/" }
        guard let normalized = components.url else { throw .missingHost }
        self.folder = normalized
        self.userName = userName
        self.password = password
        self.devicePlatform = devicePlatform
    }

    /// The cloud identity of this folder: `user@host/path`, e.g.
    /// `alice@cloud.example.com/remote.php/dav/files/alice/Authenticator` — the port follows
    /// the host when it is not the scheme's default (`alice@127.0.0.1:8080/dav`); the path is
    /// percent-decoded, without its final `/`. The scheme is left out: `http` and `https` reach
    /// the same storage.
    public var identity: CloudIdentity {
        let host = (folder.host ?? "").lowercased()
        let port = folder.port.flatMap { port -> String? in
            let isDefault = (folder.scheme == "https" && port == 443) || (folder.scheme == "http" && port == 80)
            return isDefault ? nil : ":\(port)"
        } ?? ""
        var path = folder.path
        while path.hasSuffix("/") { path.removeLast() }
        return CloudIdentity("\(userName)@\(host)\(port)\(path)")
    }

    /// `WebDAV folder <url> as <user> (password redacted)`.
    public var description: String { "WebDAV folder \(folder.absoluteString) as \(userName) (password redacted)" }

    /// The same as ``description``: never the password.
    public var debugDescription: String { description }

    /// Shows the folder and the user only.
    public var customMirror: Mirror {
        Mirror(self, children: ["folder": folder, "userName": userName], displayStyle: .struct)
    }

    /// Checks the limits; the provider calls it before every operation.
    func checkLimits() throws(WebDAVConfigurationError) {
        guard requestTimeout > 0, requestTimeout <= 3600, transferTimeout > 0, transferTimeout <= 3600,
              maximumBackupSize > 0, maximumBackupSize <= Self.defaultMaximumBackupSize,
              maximumListingSize >= 4096, maximumListingSize <= 4 * 1024 * 1024,
              abandonedClaimAge > 0, abandonedClaimAge <= 7 * 24 * 3600
        else { throw .invalidLimit }
    }
}

/// Why a ``WebDAVConfiguration`` cannot be made.
public enum WebDAVConfigurationError: ReportableError, Equatable, Hashable {
    /// The folder URL is not `http` or `https`.
    case unsupportedScheme(String)
    /// The folder URL names no host.
    case missingHost
    /// The folder URL carries a user or password: pass them separately.
    case credentialsInURL
    /// The folder URL has a query or a fragment.
    case queryOrFragment
    /// The user name is empty.
    case emptyUserName
    /// The user name contains `:`, which HTTP Basic authentication cannot carry.
    case colonInUserName
    /// The user name contains a control character.
    case controlCharacterInUserName
    /// A timeout is not between 0 and 3600 seconds, or a size limit is out of range.
    case invalidLimit

    /// What is wrong, in plain words.
    public var message: String {
        switch self {
        case let .unsupportedScheme(scheme):
            return "a WebDAV folder URL must start with https:// or http://, not \(scheme.isEmpty ? "nothing" : scheme + "://")"
        case .missingHost:
            return "the WebDAV folder URL names no server"
        case .credentialsInURL:
            return "the WebDAV folder URL must not contain a user name or password; give them separately"
        case .queryOrFragment:
            return "the WebDAV folder URL must not have a query (?…) or fragment (#…)"
        case .emptyUserName:
            return "the WebDAV user name is empty"
        case .colonInUserName:
            return "the WebDAV user name must not contain ':'"
        case .controlCharacterInUserName:
            return "the WebDAV user name contains a control character"
        case .invalidLimit:
            return "a WebDAV timeout must be between 0 and 3600 seconds, the backup limit at most 16 MiB "
                + "and the listing limit between 4 KiB and 4 MiB"
        }
    }
}

extension WebDAVConfigurationError {
    /// The case name scripts match: a constant per case, never derived by reflection.
    public var caseName: String {
        switch self {
        case .unsupportedScheme: return "unsupportedScheme"
        case .missingHost: return "missingHost"
        case .credentialsInURL: return "credentialsInURL"
        case .queryOrFragment: return "queryOrFragment"
        case .emptyUserName: return "emptyUserName"
        case .colonInUserName: return "colonInUserName"
        case .controlCharacterInUserName: return "controlCharacterInUserName"
        case .invalidLimit: return "invalidLimit"
        }
    }
}
