import Foundation

/// Fault injection for crash-safety tests: lets a test stop a write after the temporary
/// file is on disk but before it replaces the old one, as a power cut or kill would.
package struct TestHooks: Sendable {
    /// Called with the target file just before the rename. Throw to simulate a crash there.
    package var beforeRename: @Sendable (URL) throws(StorageError) -> Void

    /// Hooks that do nothing (production).
    package static let none = TestHooks(beforeRename: { _ throws(StorageError) in })

    private static let storage = HookBox()

    /// The hooks in force.
    package static var current: TestHooks {
        get { storage.lock.withLock { storage.hooks } }
        set { storage.lock.withLock { storage.hooks = newValue } }
    }
}

private final class HookBox: @unchecked Sendable {
    let lock = NSLock()
    var hooks = TestHooks.none
}
