internal import CSodium

/// Guarded, locked memory for many small secrets, a few allocations for all of them.
///
/// `sodium_malloc` gives every allocation its own guard pages, canary and `mlock`ed pages:
/// about four memory mappings and ten system calls each. One per OTP secret made a vault of
/// 16,400 accounts hit the kernel's mapping limit (65,530) and spent most of its time in the
/// kernel. The arena instead cuts `sodium_malloc`ed slabs of ``slabSize`` bytes (guard pages
/// around each slab, locked in memory, canary) into chunks of one size class, so 50,000
/// secrets of up to 64 bytes take 49 slabs of a few mappings each.
///
/// What each secret keeps: it lives in locked memory that is never swapped, is zeroed
/// (`sodium_memzero`) the moment its last reference goes, and is never reused before that.
/// What it gives up: guard pages sit around a slab, not around each secret, so an overflow of
/// one chunk would reach its neighbours rather than fault (the SDK never writes a secret
/// through a computed length; ThreatModel.md says so). Secrets above the largest size class
/// keep their own `sodium_malloc` allocation.
final class SecretArena: @unchecked Sendable {
    /// The arena of the process.
    static let shared = SecretArena()

    /// Chunk sizes; a secret takes the smallest that holds it.
    static let sizeClasses = [16, 32, 64, 128, 256]
    /// The bytes of one slab: one `sodium_malloc` allocation.
    static let slabSize = 64 * 1024

    /// One slab: a `sodium_malloc` allocation cut into equal chunks.
    final class Slab: @unchecked Sendable {
        let base: UnsafeMutableRawPointer
        let chunkSize: Int
        let chunkCount: Int
        /// Indices of the chunks not in use (guarded by the arena's lock).
        var free: [Int]

        init?(chunkSize: Int) {
            guard let base = sodium_malloc(SecretArena.slabSize) else { return nil }
            sodium_memzero(base, SecretArena.slabSize)
            self.base = base
            self.chunkSize = chunkSize
            self.chunkCount = SecretArena.slabSize / chunkSize
            self.free = Array((0..<chunkCount).reversed())
        }

        var isUnused: Bool { free.count == chunkCount }

        deinit { sodium_free(base) }
    }

    private let lock = Lock()
    /// Per size class: the slabs that have free chunks.
    private var open: [[Slab]]
    /// How many slabs exist, for tests and diagnostics.
    private(set) var slabCount = 0

    /// An empty arena (the process uses ``shared``; tests make their own).
    init() {
        open = Array(repeating: [], count: Self.sizeClasses.count)
    }

    /// A zeroed chunk of at least `count` bytes and the slab it belongs to, or `nil` when
    /// `count` is above the largest size class or memory is exhausted.
    func allocate(_ count: Int) -> (slab: Slab, pointer: UnsafeMutableRawPointer)? {
        guard let sizeClass = Self.sizeClasses.firstIndex(where: { $0 >= count }) else { return nil }
        return lock.withLock {
            if open[sizeClass].isEmpty {
                guard let slab = Slab(chunkSize: Self.sizeClasses[sizeClass]) else { return nil }
                open[sizeClass].append(slab)
                slabCount += 1
            }
            let slab = open[sizeClass][open[sizeClass].count - 1]
            let index = slab.free.removeLast()
            if slab.free.isEmpty { open[sizeClass].removeLast() }
            return (slab, slab.base + index * slab.chunkSize)
        }
    }

    /// Zeroes the chunk at `pointer` and gives it back to `slab`; frees a slab left unused
    /// when another slab of its size class still has room.
    func release(_ pointer: UnsafeMutableRawPointer, in slab: Slab) {
        sodium_memzero(pointer, slab.chunkSize)
        let index = (pointer - slab.base) / slab.chunkSize
        guard let sizeClass = Self.sizeClasses.firstIndex(of: slab.chunkSize) else { return }
        lock.withLock {
            let wasFull = slab.free.isEmpty
            slab.free.append(index)
            if wasFull { open[sizeClass].append(slab) }
            if slab.isUnused, open[sizeClass].count > 1,
               let position = open[sizeClass].firstIndex(where: { $0 === slab }) {
                open[sizeClass].remove(at: position)
                slabCount -= 1
            }
        }
    }
}
