internal import CSodium

/// The libsodium library, initialised once.
///
/// Every public entry point of this module calls ``Sodium/ensureInitialized()`` before it
/// touches libsodium, so callers never need to.
package enum Sodium {
    /// Result of `sodium_init()`, computed exactly once, thread-safely (a Swift global).
    private static let initialization: Int32 = sodium_init()

    /// Initialises libsodium if that has not happened yet. Safe from any thread, any number
    /// of times.
    ///
    /// `sodium_init` returns 0 on the first call, 1 when already initialised and -1 only when
    /// the system offers no source of randomness, in which case nothing here can be safe: it
    /// is a broken platform, not bad input, so the process stops.
    @inline(__always)
    package static func ensureInitialized() {
        precondition(initialization >= 0, "libsodium could not be initialised: no system randomness")
    }

    /// The version string of the linked libsodium, for diagnostics.
    package static var version: String {
        ensureInitialized()
        return String(cString: sodium_version_string())
    }
}
