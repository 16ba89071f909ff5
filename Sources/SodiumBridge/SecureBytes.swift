internal import CSodium

/// Secret bytes kept in libsodium's guarded memory and zeroed when released.
///
/// `SecureBytes` is an immutable value. Its storage is locked memory from `sodium_malloc`
/// (guard pages, canary): secrets of up to 256 bytes share slabs of it (`SecretArena`, so a
/// vault of 50,000 accounts needs a few dozen allocations, not 50,000), larger ones get their
/// own. Either way the bytes are zeroed (`sodium_memzero`) when the last copy of the value is
/// released. Equality is
/// constant time (`sodium_memcmp`) for equal lengths. Printing, interpolating or dumping a
/// value never shows the bytes: `SecureBytes(20 bytes, redacted)`.
///
/// The bytes can be read only inside ``withUnsafeBytes(_:)``; do not let the buffer escape.
public struct SecureBytes: Sendable {
    private let storage: Storage

    /// Copies `bytes` into secure memory. The caller remains responsible for its own copy.
    public init<Bytes: Sequence>(copying bytes: Bytes) where Bytes.Element == UInt8 {
        let array = Array(bytes)
        self.storage = Storage(count: array.count)
        array.withUnsafeBytes { source in
            if let base = source.baseAddress, !source.isEmpty {
                storage.pointer.copyMemory(from: base, byteCount: source.count)
            }
        }
    }

    /// Creates `count` bytes and lets `initializer` write them in place, so the secret never
    /// exists outside secure memory.
    public init(count: Int, initializer: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        self.storage = Storage(count: Swift.max(0, count))
        try initializer(UnsafeMutableRawBufferPointer(start: storage.pointer, count: storage.count))
    }

    /// `count` bytes from the operating system's cryptographic random source.
    public init(randomCount count: Int) {
        self.init(randomCount: count, using: SystemRandom())
    }

    /// `count` bytes from `random` (inject `DeterministicRandom` in tests).
    public init(randomCount count: Int, using random: some RandomSource) {
        self.init(count: count) { random.fill($0) }
    }

    /// The number of bytes.
    public var count: Int { storage.count }

    /// Whether there are no bytes.
    public var isEmpty: Bool { storage.count == 0 }

    /// Calls `body` with read access to the bytes. The buffer is valid only during the call.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: storage.pointer, count: storage.count))
    }

    /// Internal: the storage as a typed pointer (never null; one byte is allocated even when
    /// `count` is 0), for the C calls in this module.
    func withBytePointer<Result>(_ body: (UnsafePointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(storage.pointer.assumingMemoryBound(to: UInt8.self))
    }

    /// Internal: creates `count` bytes written in place by a C call through a typed pointer.
    init(count: Int, writingWith body: (UnsafeMutablePointer<UInt8>) throws -> Void) rethrows {
        self.storage = Storage(count: Swift.max(0, count))
        try body(storage.pointer.assumingMemoryBound(to: UInt8.self))
    }

    /// A copy of the bytes as an ordinary array, for the few places (serialising a backup
    /// payload that is about to be encrypted) where a plain buffer is unavoidable. Prefer
    /// ``withUnsafeBytes(_:)``.
    public func copyBytes() -> [UInt8] {
        withUnsafeBytes { Array($0) }
    }
}

extension SecureBytes: Equatable {
    /// Constant-time comparison of the contents (lengths are compared first and may leak).
    public static func == (lhs: SecureBytes, rhs: SecureBytes) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.count == 0 { return true }
        return lhs.withUnsafeBytes { a in
            rhs.withUnsafeBytes { b in ConstantTime.equals(a, b) }
        }
    }
}

extension SecureBytes: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `SecureBytes(N bytes, redacted)`: never the bytes.
    public var description: String { "SecureBytes(\(count) bytes, redacted)" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// An empty mirror, so `dump` shows nothing of the contents.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension SecureBytes {
    /// The owner of the secret's memory: a chunk of a ``SecretArena`` slab, or its own
    /// `sodium_malloc` allocation when it is larger than the arena's chunks.
    private final class Storage: @unchecked Sendable {
        // Immutable after `init` fills it; zeroed and given back in `deinit`.
        let pointer: UnsafeMutableRawPointer
        let count: Int
        private let slab: SecretArena.Slab?

        init(count: Int) {
            Sodium.ensureInitialized()
            // Always at least one byte, so the pointer is never null.
            if let chunk = SecretArena.shared.allocate(Swift.max(1, count)) {
                self.pointer = chunk.pointer
                self.slab = chunk.slab
            } else {
                guard let raw = sodium_malloc(Swift.max(1, count)) else {
                    // Out of memory: the process cannot continue safely.
                    preconditionFailure("sodium_malloc failed to allocate \(count) bytes")
                }
                sodium_memzero(raw, Swift.max(1, count))
                self.pointer = raw
                self.slab = nil
            }
            self.count = count
        }

        deinit {
            if let slab {
                SecretArena.shared.release(pointer, in: slab)
            } else {
                sodium_free(pointer)
            }
        }
    }
}

extension SecureBytes {
    /// How many slabs the process's secret arena holds now (for tests and diagnostics).
    package static var arenaSlabCount: Int { SecretArena.shared.slabCount }
}
