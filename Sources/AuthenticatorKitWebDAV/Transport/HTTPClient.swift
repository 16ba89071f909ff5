import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SodiumBridge

/// One HTTP request as the provider sends it.
struct HTTPRequest: Sendable {
    var method: String
    var url: URL
    var headers: [String: String] = [:]
    var body: Data?
    /// The whole exchange, connection to last byte, must end within this many seconds.
    var deadline: TimeInterval
    /// The most response-body bytes read.
    var responseLimit: Int
    /// `true`: stop reading at `responseLimit` bytes and answer with them (a header read);
    /// `false`: a longer body fails the request with ``HTTPFailure/responseTooLarge(limit:)``.
    var cutAtLimit = false
}

/// A response: status, headers (names lowercased) and the body read (within the limit).
struct HTTPResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]

    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Why no HTTP response came back.
enum HTTPFailure: Error, Sendable, Equatable {
    /// Connection refused, name not found, connection lost, timed out, cancelled.
    case unreachable(String)
    /// The TLS handshake failed (certificate not trusted, protocol error).
    case insecureConnection(String)
    /// The body was longer than the request's limit; reading stopped there.
    case responseTooLarge(limit: Int)
    /// Anything else URLSession reports (an unsupported URL…).
    case failed(String)
}

/// HTTP through `URLSession`, with a deadline per request and a size limit per response.
///
/// `URLSession` and not async-http-client: it is the system's HTTP stack on Apple platforms
/// (proxies, VPN and per-app network settings, cellular policy, App Transport Security, the
/// system trust store and the user's installed certificates) and ships with the toolchain
/// on Linux (`FoundationNetworking`), so the SDK adds no dependency (SwiftNIO) to apps that
/// only want a backup location. The provider needs only small, sequential requests, so
/// URLSession's delegate API is enough to bound each response's size.
///
/// Redirects are never followed (a redirect is reported, so credentials go only to the
/// configured server); nothing is cached and no cookie is kept.
final class HTTPClient: Sendable {
    private let session: URLSession
    private let delegate: SessionDelegate

    init(idleTimeout: TimeInterval, resourceTimeout: TimeInterval) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.timeoutIntervalForRequest = idleTimeout
        configuration.timeoutIntervalForResource = resourceTimeout
        configuration.httpMaximumConnectionsPerHost = 6
        let delegate = SessionDelegate()
        self.delegate = delegate
        self.session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        // A session keeps its delegate until it is invalidated.
        session.finishTasksAndInvalidate()
    }

    /// Sends `request` and reads its response within the request's deadline and size limit.
    func send(_ request: HTTPRequest) async throws(HTTPFailure) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData,
                                    timeoutInterval: request.deadline)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        let task = session.dataTask(with: urlRequest)
        let exchange = Exchange(limit: max(0, request.responseLimit), cutAtLimit: request.cutAtLimit)
        let delegate = delegate
        let deadline = request.deadline
        let outcome: Result<HTTPResponse, HTTPFailure> = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResponse, HTTPFailure>, Never>) in
                exchange.start(continuation)
                delegate.register(exchange, for: task)
                let watchdog = Task {
                    // The deadline covers the whole exchange, however slowly bytes arrive.
                    try? await Task.sleep(for: .seconds(deadline))
                    if !Task.isCancelled, exchange.markTimedOut() { task.cancel() }
                }
                exchange.onFinish { watchdog.cancel() }
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
        return try outcome.get()
    }
}

/// The state of one request while it runs; finished exactly once.
final class Exchange: @unchecked Sendable {
    private let lock = Lock()
    private let limit: Int
    private let cutAtLimit: Bool
    private var continuation: CheckedContinuation<Result<HTTPResponse, HTTPFailure>, Never>?
    private var finishHandler: (@Sendable () -> Void)?
    private var finished = false
    private var response: HTTPURLResponse?
    private var body: [UInt8] = []
    private var overflowed = false
    private var cut = false
    private var timedOut = false
    private var unauthorized = false

    init(limit: Int, cutAtLimit: Bool) {
        self.limit = limit
        self.cutAtLimit = cutAtLimit
    }

    func start(_ continuation: CheckedContinuation<Result<HTTPResponse, HTTPFailure>, Never>) {
        lock.withLock { self.continuation = continuation }
    }

    func onFinish(_ handler: @escaping @Sendable () -> Void) {
        let runNow = lock.withLock { () -> Bool in
            if finished { return true }
            finishHandler = handler
            return false
        }
        if runNow { handler() }
    }

    /// The server refused the credentials (an authentication challenge).
    func markUnauthorized() {
        lock.withLock { unauthorized = true }
    }

    /// Marks the exchange timed out unless it has finished; `true` when it was marked.
    func markTimedOut() -> Bool {
        lock.withLock { () -> Bool in
            if finished { return false }
            timedOut = true
            return true
        }
    }

    func received(_ response: URLResponse) {
        lock.withLock { self.response = response as? HTTPURLResponse }
    }

    /// Appends `data`; `false` when reading must stop (limit reached).
    func received(_ data: Data) -> Bool {
        lock.withLock { () -> Bool in
            if overflowed || cut { return false }
            let room = limit - body.count
            if data.count <= room {
                body.append(contentsOf: data)
                if cutAtLimit && body.count == limit { cut = true; return false }
                return true
            }
            if cutAtLimit {
                body.append(contentsOf: data.prefix(room))
                cut = true
            } else {
                overflowed = true
            }
            return false
        }
    }

    func complete(with error: Error?) {
        let (continuation, handler, result) = lock.withLock {
            () -> (CheckedContinuation<Result<HTTPResponse, HTTPFailure>, Never>?, (@Sendable () -> Void)?,
                   Result<HTTPResponse, HTTPFailure>) in
            let result = makeResult(error)
            finished = true
            let pending = (self.continuation, finishHandler, result)
            self.continuation = nil
            finishHandler = nil
            return pending
        }
        handler?()
        continuation?.resume(returning: result)
    }

    /// Called with the lock held.
    private func makeResult(_ error: Error?) -> Result<HTTPResponse, HTTPFailure> {
        if overflowed { return .failure(.responseTooLarge(limit: limit)) }
        if timedOut { return .failure(.unreachable("no complete answer within the request's time limit")) }
        if unauthorized { return .success(HTTPResponse(status: 401, headers: [:], body: [])) }
        if let error, !cut { return .failure(Self.translate(error)) }
        guard let response else { return .failure(.unreachable("the server sent no HTTP response")) }
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return .success(HTTPResponse(status: response.statusCode, headers: headers, body: body))
    }

    private static func translate(_ error: Error) -> HTTPFailure {
        guard let error = error as? URLError else { return .unreachable("the connection failed") }
        switch error.code {
        case .secureConnectionFailed, .serverCertificateHasBadDate, .serverCertificateUntrusted,
             .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .clientCertificateRejected,
             .clientCertificateRequired:
            return .insecureConnection("the TLS connection failed (\(error.code.rawValue)): is the server's certificate trusted?")
        case .unsupportedURL, .badURL:
            return .failed("the URL is not supported")
        case .cancelled:
            return .unreachable("the request was cancelled")
        case .unknown:
            // FoundationNetworking reports libcurl's TLS failures as "unknown", with curl's text
            // ("SSL certificate problem: self-signed certificate").
            let text = (error as NSError).localizedDescription
            if text.contains("SSL") || text.contains("certificate") || text.contains("TLS") {
                return .insecureConnection("the TLS connection failed (\(text)): is the server's certificate trusted?")
            }
            return .unreachable("the connection failed (\(text))")
        default:
            return .unreachable("the connection failed (URL error \(error.code.rawValue))")
        }
    }
}

/// Routes URLSession's per-task callbacks to their ``Exchange``.
final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = Lock()
    private var exchanges: [Int: Exchange] = [:]

    func register(_ exchange: Exchange, for task: URLSessionTask) {
        lock.withLock { exchanges[task.taskIdentifier] = exchange }
    }

    private func exchange(for task: URLSessionTask) -> Exchange? {
        lock.withLock { exchanges[task.taskIdentifier] }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        exchange(for: dataTask)?.received(response)
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let exchange = exchange(for: dataTask) else { return }
        if !exchange.received(data) { dataTask.cancel() }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        // Never follow: the redirect itself is the answer (credentials stay with the configured server).
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        // The credentials go in the Authorization header of every request; a challenge means
        // they were refused (401). Nothing else to offer: the exchange ends as a 401.
        exchange(for: task)?.markUnauthorized()
        completionHandler(.cancelAuthenticationChallenge, nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        let exchange = lock.withLock { exchanges.removeValue(forKey: task.taskIdentifier) }
        exchange?.complete(with: error)
    }
}
