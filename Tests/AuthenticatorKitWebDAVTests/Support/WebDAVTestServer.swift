import AuthenticatorKit
import AuthenticatorKitWebDAV
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real WebDAV server started by `.ci/webdav/start-servers` and named in the environment:
/// `WEBDAV_APACHE_URL`, `WEBDAV_RCLONE_URL`, `WEBDAV_USER`, `WEBDAV_PASSWORD` and, for the
/// 403 test, `WEBDAV_APACHE_FOREIGN_URL` (another user's folder on the Apache server).
struct WebDAVTestServer: Sendable, CustomStringConvertible {
    /// The text a skipped test reports; `.ci/run` fails when it appears in the output.
    static let skipReason: Comment = "WebDAV test servers are not configured (run .ci/run, or source .ci/webdav/start-servers)"

    enum Kind: String, Sendable, CaseIterable, CustomStringConvertible {
        case apache
        case rclone
        var description: String { rawValue }
    }

    let kind: Kind
    let root: URL
    let user: String
    let password: String

    var description: String { kind.rawValue }

    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Whether every server is configured: the WebDAV tests run only then.
    static var configured: Bool { Kind.allCases.allSatisfy { named($0) != nil } }

    static func named(_ kind: Kind) -> WebDAVTestServer? {
        let variable = kind == .apache ? "WEBDAV_APACHE_URL" : "WEBDAV_RCLONE_URL"
        guard let text = environment[variable], let root = URL(string: text),
              let user = environment["WEBDAV_USER"], let password = environment["WEBDAV_PASSWORD"]
        else { return nil }
        return WebDAVTestServer(kind: kind, root: root, user: user, password: password)
    }

    static func require(_ kind: Kind) throws -> WebDAVTestServer {
        guard let server = named(kind) else { throw TestSetupError("\(kind) is not configured") }
        return server
    }

    /// A new, empty folder of its own (`MKCOL`) for one test.
    func freshFolder(_ label: String) async throws -> URL {
        let folder = root.appendingPathComponent("\(label)-\(UUID().uuidString.lowercased())", isDirectory: true)
        let status = try await rawRequest("MKCOL", folder)
        guard status == 201 else { throw TestSetupError("MKCOL \(folder) answered \(status)") }
        return folder
    }

    /// A provider for `folder` on this server (or through `port` on loopback, for a proxy).
    func provider(
        for folder: URL, password: String? = nil, throughPort port: UInt16? = nil, platform: Platform = .android,
        maximumBackupSize: Int = WebDAVConfiguration.defaultMaximumBackupSize
    ) throws -> WebDAVCloudProvider {
        var target = folder
        if let port, var components = URLComponents(url: folder, resolvingAgainstBaseURL: false) {
            components.port = Int(port)
            target = components.url ?? folder
        }
        var configuration = try WebDAVConfiguration(
            folder: target, userName: user, password: SecureBytes(copying: Array((password ?? self.password).utf8)),
            devicePlatform: platform)
        // Generous: CI runs these beside the whole suite on two cores. The tests of failures
        // cut connections or refuse them, so they never wait for these.
        configuration.requestTimeout = 30
        configuration.transferTimeout = 60
        configuration.maximumBackupSize = maximumBackupSize
        return try WebDAVCloudProvider(configuration: configuration)
    }

    /// One request without the provider (test setup only); its status.
    func rawRequest(_ method: String, _ url: URL, headers: [String: String] = [:]) async throws -> Int {
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.httpMethod = method
        let credentials = Data("\(user):\(password)".utf8).base64EncodedString()
        request.setValue("Basic \(credentials)", forHTTPHeaderField: "Authorization")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    /// The names in `folder` (PROPFIND Depth 1), for checks on what the provider left.
    func childNames(of folder: URL) async throws -> [String] {
        var request = URLRequest(url: folder, timeoutInterval: 10)
        request.httpMethod = "PROPFIND"
        request.setValue("1", forHTTPHeaderField: "Depth")
        let credentials = Data("\(user):\(password)".utf8).base64EncodedString()
        request.setValue("Basic \(credentials)", forHTTPHeaderField: "Authorization")
        let (data, _) = try await URLSession.shared.data(for: request)
        let text = String(decoding: data, as: UTF8.self)
        let own = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "href>") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "</") else { break }
            let href = String(rest[..<close.lowerBound])
            let path = URL(string: href, relativeTo: folder)?.path ?? href
            let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
            if trimmed + "/" != own, let name = trimmed.split(separator: "/").last { names.append(String(name)) }
            rest = rest[close.upperBound...]
            if let end = rest.range(of: "href>") { rest = rest[end.upperBound...] }
        }
        return names.sorted()
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Recognisable bytes for a test upload.
func testPayload(_ count: Int, seed: UInt64) -> [UInt8] {
    // A plain loop over the buffer: `map` with a closure costs ~30 ns a byte in a debug build,
    // and the tests make megabytes of these.
    [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
        for index in 0..<count {
            buffer[index] = UInt8(truncatingIfNeeded: UInt64(index) &* 31 &+ seed &* 97 &+ UInt64(index >> 8))
        }
        initialized = count
    }
}
