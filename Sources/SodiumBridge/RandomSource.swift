internal import CSodium

/// A source of random bytes. The SDK takes one wherever it creates keys, nonces, salts or
/// codes, so tests and known-answer vectors can inject `DeterministicRandom`.
///
/// Implementation requirements: fill the whole buffer on every call; never fail. Production
/// code uses ``SystemRandom``.
public protocol RandomSource: Sendable {
    /// Fills `buffer` with random bytes.
    func fill(_ buffer: UnsafeMutableRawBufferPointer)
}

extension RandomSource {
    /// `count` random bytes as an array (for non-secret values such as nonces and salts).
    public func bytes(_ count: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: Swift.max(0, count))
        result.withUnsafeMutableBytes { fill($0) }
        return result
    }

    /// A uniformly distributed number below `upperBound` (which must be positive).
    public func uniform(below upperBound: UInt32) -> UInt32 {
        precondition(upperBound > 0, "upperBound must be positive")
        // Rejection sampling: discard values from the incomplete last range.
        let limit = UInt32.max - (UInt32.max % upperBound)
        while true {
            var value: UInt32 = 0
            withUnsafeMutableBytes(of: &value) { fill($0) }
            if value < limit { return value % upperBound }
        }
    }
}

/// The operating system's cryptographic random source (`randombytes_buf`).
public struct SystemRandom: RandomSource {
    /// The system source.
    public init() {}

    /// Fills `buffer` from `randombytes_buf`.
    public func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        Sodium.ensureInitialized()
        randombytes_buf(base, buffer.count)
    }
}

/// A reproducible random source for tests and known-answer vectors: the same seed gives the
/// same sequence of bytes, call after call. **Never use it for real secrets.**
///
/// Call *n* fills its buffer with `randombytes_buf_deterministic` under the key
/// `BLAKE2b-256(seed ‖ n as 8 little-endian bytes)`.
package final class DeterministicRandom: RandomSource, @unchecked Sendable {
    private let seed: [UInt8]
    private let lock = Lock()
    private var calls: UInt64 = 0

    /// A source that starts from `seed` (any length).
    package init(seed: [UInt8]) {
        self.seed = seed
    }

    /// A source seeded by the UTF-8 bytes of `seed`.
    package convenience init(seed: String) {
        self.init(seed: Array(seed.utf8))
    }

    /// Fills `buffer` with the next bytes of the sequence.
    package func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        let n = lock.withLock { () -> UInt64 in
            defer { calls += 1 }
            return calls
        }
        var input = seed
        withUnsafeBytes(of: n.littleEndian) { input.append(contentsOf: $0) }
        var key = Hash.blake2b(input, outputLength: Int(randombytes_SEEDBYTES))
        randombytes_buf_deterministic(base, buffer.count, key)
        ConstantTime.zero(&key)
    }
}
