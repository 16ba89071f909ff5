#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SodiumBridge

/// A TCP proxy on loopback in front of a test server, which a test can stop (the server
/// "goes away": the listener closes and every connection is cut), start again on the same
/// port, or cut after a number of bytes from client to server (the server dies in the
/// middle of a request).
final class LoopbackProxy: @unchecked Sendable {
    private let lock = Lock()
    private let upstreamPort: UInt16
    private(set) var port: UInt16 = 0
    private var listener: Int32 = -1
    private var sockets: Set<Int32> = []
    private var budget: Int?
    private var forwarded = 0

    /// A running proxy to `127.0.0.1:upstreamPort` on a free loopback port.
    init(upstreamPort: UInt16) throws {
        self.upstreamPort = upstreamPort
        try start()
    }

    deinit { stop() }

    /// Bytes sent from clients to the server since the proxy was made.
    var upstreamBytes: Int { lock.withLock { forwarded } }

    /// Starts listening (again, on the same port after ``stop()``).
    func start() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSetupError("socket() failed") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: lock.withLock { port })
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw TestSetupError("cannot listen on loopback: errno \(errno)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        lock.withLock {
            listener = fd
            port = UInt16(bigEndian: actual.sin_port)
            budget = nil
        }
        let thread = Thread { [self] in acceptLoop(fd) }
        thread.start()
    }

    /// Stops: closes the listener (new connections are refused) and cuts every connection.
    func stop() {
        let (fd, open) = lock.withLock { () -> (Int32, Set<Int32>) in
            let pending = (listener, sockets)
            listener = -1
            return pending
        }
        if fd >= 0 {
            shutdown(fd, Int32(SHUT_RDWR))
            close(fd)
        }
        for socket in open { shutdown(socket, Int32(SHUT_RDWR)) }
    }

    /// Stops once `count` more bytes have gone from clients to the server (the bytes beyond
    /// are never sent).
    func cut(afterUpstreamBytes count: Int) {
        lock.withLock { budget = count }
    }

    private func acceptLoop(_ fd: Int32) {
        while true {
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return }
            let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: upstreamPort)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            let accepted = lock.withLock { () -> Bool in
                guard listener == fd, connected == 0 else { return false }
                sockets.insert(client)
                sockets.insert(upstream)
                return true
            }
            guard accepted else {
                close(client)
                close(upstream)
                continue
            }
            // Forward each chunk at once: with Nagle's algorithm on a relayed connection, small
            // writes wait for the delayed ACK (~40 ms a request).
            for socket in [client, upstream] {
                var yes: Int32 = 1
                setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            }
            let connection = Connection(client: client, upstream: upstream)
            Thread { [self] in pump(from: client, to: upstream, counted: true, connection) }.start()
            Thread { [self] in pump(from: upstream, to: client, counted: false, connection) }.start()
        }
    }

    private func pump(from source: Int32, to destination: Int32, counted: Bool, _ connection: Connection) {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        loop: while true {
            let count = buffer.withUnsafeMutableBytes { recv(source, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            var allowed = count
            var cutNow = false
            if counted {
                lock.withLock {
                    if let remaining = budget {
                        allowed = min(count, remaining)
                        budget = remaining - allowed
                        cutNow = budget == 0
                    }
                    forwarded += allowed
                }
            }
            var sent = 0
            while sent < allowed {
                let written = buffer.withUnsafeBytes {
                    send(destination, $0.baseAddress.map { $0 + sent }, allowed - sent, Int32(MSG_NOSIGNAL))
                }
                guard written > 0 else { break loop }
                sent += written
            }
            if cutNow {
                stop()
                break
            }
        }
        shutdown(source, Int32(SHUT_RDWR))
        shutdown(destination, Int32(SHUT_RDWR))
        if connection.finishOne() {
            lock.withLock {
                sockets.remove(connection.client)
                sockets.remove(connection.upstream)
            }
            close(connection.client)
            close(connection.upstream)
        }
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// Both directions of one proxied connection; the second to finish closes the sockets.
    private final class Connection: @unchecked Sendable {
        let client: Int32
        let upstream: Int32
        private let lock = Lock()
        private var finished = 0

        init(client: Int32, upstream: Int32) {
            self.client = client
            self.upstream = upstream
        }

        func finishOne() -> Bool {
            lock.withLock {
                finished += 1
                return finished == 2
            }
        }
    }
}
