import Foundation
import BackupServices
import SodiumBridge

// The WebDAV methods the provider uses, and how their answers become CloudBackupError.
extension WebDAVCloudProvider {
    /// Sends one request with the credentials, within its deadline and response limit.
    func send(
        _ method: String, _ url: URL, headers: [String: String] = [:], body: Data? = nil,
        deadline: TimeInterval? = nil, responseLimit: Int? = nil, cutAtLimit: Bool = false
    ) async throws(CloudBackupError) -> HTTPResponse {
        var request = HTTPRequest(
            method: method, url: url, headers: headers, body: body,
            deadline: deadline ?? configuration.requestTimeout,
            responseLimit: responseLimit ?? Self.smallResponseLimit, cutAtLimit: cutAtLimit)
        request.headers["Authorization"] = authorization()
        let response: HTTPResponse
        do {
            response = try await client.send(request)
        } catch {
            throw Self.translate(error, method: method, url: url)
        }
        // Wrong user name or password.
        if response.status == 401 { throw .notSignedIn }
        return response
    }

    /// The answers of small requests (MKCOL, MOVE, DELETE, error pages) are read up to 64 KiB.
    static let smallResponseLimit = 64 * 1024

    /// `Basic base64(user:password)`, made for each request and not kept.
    private func authorization() -> String {
        var credentials = Array(configuration.userName.utf8)
        credentials.append(UInt8(ascii: ":"))
        configuration.password.withUnsafeBytes { credentials.append(contentsOf: $0) }
        defer { for index in credentials.indices { credentials[index] = 0 } }
        return "Basic " + Data(credentials).base64EncodedString()
    }

    static func translate(_ failure: HTTPFailure, method: String, url: URL) -> CloudBackupError {
        switch failure {
        case .unreachable:
            return .unreachable
        case let .insecureConnection(reason):
            return .storageFailure(reason: "\(url.host ?? "the server"): \(reason)")
        case let .responseTooLarge(limit):
            return .storageFailure(reason: "the WebDAV server's answer to \(method) \(url.path) is longer than \(limit) bytes")
        case let .failed(reason):
            return .storageFailure(reason: "\(method) \(url.path): \(reason)")
        }
    }

    /// The error for a status no step expected. 401 never reaches here (see ``send``).
    func unexpected(_ response: HTTPResponse, _ method: String, _ url: URL, byteCount: Int? = nil) -> CloudBackupError {
        switch response.status {
        case 403:
            // The credentials are right (else 401) but this user may not use the folder: it is
            // another user's storage, or read-only for this one. The owner's identity is
            // unknown, so this cannot be signedInAsAnotherIdentity(expected:actual:).
            return .storageFailure(reason: "the WebDAV server refuses \(configuration.userName) access to "
                + "\(url.path) (HTTP 403): the folder belongs to another user or is read-only")
        case 404:
            return .notFound
        case 412:
            return .storageFailure(reason: "the WebDAV server refused \(method) \(url.path) (HTTP 412)")
        case 413:
            let size = byteCount ?? 0
            return .tooLarge(byteCount: size, limit: max(0, size - 1))
        case 507:
            return .quotaExceeded
        case 423:
            return .storageFailure(reason: "\(url.path) is locked on the WebDAV server (HTTP 423)")
        case 300..<400:
            let target = response.header("Location").map { " to \($0)" } ?? ""
            return .storageFailure(reason: "the WebDAV server redirects \(method) \(url.path)\(target) (HTTP "
                + "\(response.status)): configure the final folder URL")
        case 500..<600:
            return .unreachable
        default:
            return .storageFailure(reason: "the WebDAV server answered \(method) \(url.path) with HTTP \(response.status)")
        }
    }

    // MARK: Methods

    /// PROPFIND with `Depth: 1`: the folder's own entry and its children, or `nil` when the
    /// folder does not exist.
    func list(_ folder: URL) async throws(CloudBackupError) -> (children: [ListedResource], serverDate: Date?)? {
        let response = try await send(
            "PROPFIND", folder,
            headers: ["Depth": "1", "Content-Type": "application/xml; charset=utf-8"],
            body: PropfindBody.properties, responseLimit: configuration.maximumListingSize)
        switch response.status {
        case 207:
            guard let resources = MultistatusParser.parse(response.body, relativeTo: folder) else {
                throw .storageFailure(reason: "the WebDAV server's listing of \(folder.path) cannot be read")
            }
            let own = MultistatusParser.trimmedPath(folder)
            let children = resources.filter { $0.path != own }
            return (children, response.header("Date").flatMap(HTTPDate.parse))
        case 404, 409:
            return nil
        default:
            throw unexpected(response, "PROPFIND", folder)
        }
    }

    /// MKCOL: `true` when this request created the folder, `false` when it already existed
    /// (405) or another request holds it (423).
    func makeFolder(_ url: URL) async throws(CloudBackupError) -> Bool {
        let response = try await send("MKCOL", url)
        switch response.status {
        case 201: return true
        case 405, 423: return false
        case 403:
            // Apache answers 403 when another MKCOL created the folder between its existence
            // check and its mkdir: then the folder is there. Otherwise access is refused.
            if try await exists(url) { return false }
            throw unexpected(response, "MKCOL", url)
        case 409: throw .storageFailure(reason: "the folder that should hold \(url.path) does not exist on the WebDAV server")
        default: throw unexpected(response, "MKCOL", url)
        }
    }

    /// Whether `url` exists (PROPFIND with `Depth: 0`).
    func exists(_ url: URL) async throws(CloudBackupError) -> Bool {
        let response = try await send(
            "PROPFIND", url, headers: ["Depth": "0", "Content-Type": "application/xml; charset=utf-8"],
            body: PropfindBody.properties, responseLimit: configuration.maximumListingSize)
        switch response.status {
        case 207: return true
        case 404: return false
        default: throw unexpected(response, "PROPFIND", url)
        }
    }

    /// PUT of a whole file.
    func put(_ bytes: [UInt8], to url: URL) async throws(CloudBackupError) {
        let response = try await send(
            "PUT", url, headers: ["Content-Type": "application/octet-stream"], body: Data(bytes),
            deadline: configuration.transferTimeout)
        switch response.status {
        case 200, 201, 204: return
        case 404, 409: throw .storageFailure(reason: "the temporary folder for the upload vanished from the WebDAV server")
        default: throw unexpected(response, "PUT", url, byteCount: bytes.count)
        }
    }

    /// What a MOVE with `Overwrite: F` did.
    enum MoveOutcome { case moved, destinationTaken, sourceMissing }

    /// MOVE `source` to `destination`, never replacing what is there.
    func moveWithoutOverwriting(_ source: URL, to destination: URL) async throws(CloudBackupError) -> MoveOutcome {
        let response = try await send("MOVE", source, headers: ["Destination": destination.absoluteString, "Overwrite": "F"])
        switch response.status {
        case 201, 204: return .moved
        // Taken (412), locked by a concurrent MOVE (423), or its slot was removed (409).
        case 412, 423, 409: return .destinationTaken
        case 404: return .sourceMissing
        default: throw unexpected(response, "MOVE", source)
        }
    }

    /// DELETE; `true` when something was deleted, `false` when there was nothing.
    @discardableResult
    func delete(_ url: URL) async throws(CloudBackupError) -> Bool {
        let response = try await send("DELETE", url)
        switch response.status {
        case 200, 202, 204: return true
        case 404: return false
        default: throw unexpected(response, "DELETE", url)
        }
    }

    /// GET of `url`: its first `length` bytes (`range`), or all of it.
    func get(_ url: URL, firstBytes length: Int?, limit: Int) async throws(CloudBackupError) -> [UInt8]? {
        var headers: [String: String] = [:]
        if let length { headers["Range"] = "bytes=0-\(length - 1)" }
        let response = try await send(
            "GET", url, headers: headers, deadline: configuration.transferTimeout,
            responseLimit: length ?? limit, cutAtLimit: length != nil)
        switch response.status {
        case 200, 206: return response.body
        case 404: return nil
        default: throw unexpected(response, "GET", url)
        }
    }
}
