import SodiumBridge

/// Heap memory for a pair of secret hash states (an HMAC's precomputed inner and outer
/// states): written once, in `init`, read-only afterwards, and zeroed with `sodium_memzero`
/// before it is freed.
///
/// The states must be plain values (C structs such as BoringSSL's `SHA_CTX`), so that
/// zeroing their bytes erases them.
final class SecretStateStorage: @unchecked Sendable {
    // `@unchecked`: the memory is written only in `init`, before the object is shared.
    private let base: UnsafeMutableRawPointer
    private let byteCount: Int
    private let stateType: Any.Type

    /// Copies `inner` and then `outer` into new memory.
    init<State>(_ inner: State, _ outer: State) {
        let typed = UnsafeMutablePointer<State>.allocate(capacity: 2)
        typed.initialize(to: inner)
        (typed + 1).initialize(to: outer)
        base = UnsafeMutableRawPointer(typed)
        byteCount = 2 * MemoryLayout<State>.stride
        stateType = State.self
    }

    /// The two states, inner then outer; valid while this object lives.
    func states<State>(as type: State.Type) -> UnsafePointer<State> {
        precondition(type == stateType, "SecretStateStorage read as another type than it was written with")
        return UnsafePointer(base.assumingMemoryBound(to: State.self))
    }

    deinit {
        ConstantTime.zero(UnsafeMutableRawBufferPointer(start: base, count: byteCount))
        base.deallocate()
    }
}
