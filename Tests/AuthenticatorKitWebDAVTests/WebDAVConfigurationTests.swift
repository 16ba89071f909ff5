#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AuthenticatorKit
import AuthenticatorKitTestSupport
import AuthenticatorKitWebDAV
import Foundation
import Testing

/// What needs no server: the configuration, the identity, redaction, refused connections.
@Suite("WebDAV configuration and offline behaviour")
struct WebDAVConfigurationTests {
    private let password = SecureBytes(copying: Array("correct horse battery staple".utf8))

    private func configuration(_ url: String, user: String = "alice") throws -> WebDAVConfiguration {
        try WebDAVConfiguration(
            folder: try #require(URL(string: url)), userName: user, password: password, devicePlatform: .ios)
    }

    @Test func theIdentityIsTheUserAtTheFolder() throws {
        #expect(try configuration("https://cloud.example.com/remote.php/dav/files/alice/Authenticator").identity
            == "alice@cloud.example.com/remote.php/dav/files/alice/Authenticator")
        #expect(try configuration("http://NAS.local:8080/dav/").identity == "alice@nas.local:8080/dav")
        #expect(try configuration("https://cloud.example.com:443/My%20Backups/").identity == "alice@cloud.example.com/My Backups")
    }

    @Test func theFolderAlwaysEndsInASlash() throws {
        #expect(try configuration("https://cloud.example.com/dav/backups").folder.absoluteString
            == "https://cloud.example.com/dav/backups/")
    }

    @Test func thePasswordIsNeverInADescription() throws {
        let provider = try WebDAVCloudProvider(configuration: try configuration("https://cloud.example.com/dav/"))
        var dumped = ""
        dump(provider.configuration, to: &dumped)
        for text in ["\(provider)", "\(provider.configuration)", String(reflecting: provider.configuration), dumped] {
            #expect(!text.contains("horse"), "\(text)")
        }
        #expect("\(provider.configuration)" == "WebDAV folder https://cloud.example.com/dav/ as alice (password redacted)")
    }

    @Test func unusableFoldersAndUserNamesAreRefused() throws {
        let cases: [(String, String, WebDAVConfigurationError)] = [
            ("ftp://cloud.example.com/dav/", "alice", .unsupportedScheme("ftp")),
            ("https://bob:secret@cloud.example.com/dav/", "alice", .credentialsInURL),
            ("https://cloud.example.com/dav/?x=1", "alice", .queryOrFragment),
            ("https://cloud.example.com/dav/", "", .emptyUserName),
            ("https://cloud.example.com/dav/", "al:ice", .colonInUserName),
            ("https://cloud.example.com/dav/", "al\nice", .controlCharacterInUserName),
        ]
        for (url, user, expected) in cases {
            #expect(throws: expected) { try configuration(url, user: user) }
        }
    }

    @Test func limitsOutOfRangeAreRefused() throws {
        var bad = try configuration("https://cloud.example.com/dav/")
        bad.requestTimeout = 0
        #expect(throws: WebDAVConfigurationError.invalidLimit) { try WebDAVCloudProvider(configuration: bad) }
        var large = try configuration("https://cloud.example.com/dav/")
        large.maximumBackupSize = WebDAVConfiguration.defaultMaximumBackupSize + 1
        #expect(throws: WebDAVConfigurationError.invalidLimit) { try WebDAVCloudProvider(configuration: large) }
    }

    @Test func aWebDAVLocationReportsTheDevicePlatformUntilTheContractHasAPortableOne() throws {
        let provider = try WebDAVCloudProvider(configuration: try configuration("https://cloud.example.com/dav/"))
        #expect(provider.platform == .ios)
    }

    @Test func anotherIdentityIsNamedBeforeAnyRequest() async throws {
        // Port 9 on loopback: nothing is sent anyway.
        let provider = try WebDAVCloudProvider(configuration: try configuration("http://127.0.0.1:9/dav/"))
        await #expect(throws: CloudBackupError.signedInAsAnotherIdentity(expected: "bob", actual: "alice@127.0.0.1:9/dav")) {
            try await provider.downloadLatestBackup(for: "bob")
        }
    }

    @Test func aBackupLargerThanTheLimitIsRefusedBeforeAnyRequest() async throws {
        // Port 9 on loopback: nothing is sent.
        let provider = try WebDAVCloudProvider(configuration: try configuration("http://127.0.0.1:9/dav/"))
        let limit = WebDAVConfiguration.defaultMaximumBackupSize
        await #expect(throws: CloudBackupError.tooLarge(byteCount: limit + 1, limit: limit)) {
            try await provider.uploadBackup(
                [UInt8](repeating: 7, count: limit + 1), generation: 1, replacing: nil, for: provider.configuration.identity)
        }
    }

    @Test func aServerThatRefusesConnectionsIsUnreachable() async throws {
        let port = try Self.closedLoopbackPort()
        let provider = try WebDAVCloudProvider(configuration: try configuration("http://127.0.0.1:\(port)/dav/"))
        try await CloudBackupProviderConformance.checkUnreachableIsReported(by: provider)
    }

    @Test func aHostThatDoesNotResolveIsUnreachable() async throws {
        // `.invalid` never resolves (RFC 2606).
        let provider = try WebDAVCloudProvider(configuration: try configuration("https://webdav.invalid/dav/"))
        await #expect(throws: CloudBackupError.unreachable) {
            try await provider.downloadLatestBackup(for: provider.configuration.identity)
        }
    }

    /// A loopback port that was free a moment ago (bound, then closed: connections are refused).
    static func closedLoopbackPort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw TestSetupError("bind failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }
}

@Suite("WebDAV backup location")
struct WebDAVBackupLocationTests {
    @Test func aWebDAVFolderIsAPortableLocationNamedByItsIdentity() throws {
        let configuration = try WebDAVConfiguration(
            folder: try #require(URL(string: "https://cloud.example.com/dav/Authenticator/")), userName: "alice",
            password: SecureBytes(copying: Array("pw".utf8)), devicePlatform: .android)
        let location = try WebDAVCloudProvider(configuration: configuration).location
        #expect(location.isPortable)
        #expect("\(location)" == "WebDAV folder alice@cloud.example.com/dav/Authenticator")
        #expect(location.backupLocation == BackupLocation(kind: .portable("WebDAV"), cloudIdentity: configuration.identity))
    }
}
