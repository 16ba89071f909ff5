import Foundation

/// Temporary folders a test process hands out and removes when it exits, so that a run of the
/// suite leaves nothing in the temporary directory (it used to leave a few hundred folders a
/// run, and a long-used machine tens of thousands, which slowed every test that lists it).
///
/// ``atExit`` removes its folders in an `atexit` handler, after the last test, because tests
/// hand the path to embedded servers that outlive any one call; a process that crashes leaves
/// its folders behind.
package final class TemporaryFolders: @unchecked Sendable {
    /// The folders removed when the process exits.
    package static let atExit: TemporaryFolders = {
        atexit { TemporaryFolders.atExit.removeAll() }
        return TemporaryFolders()
    }()

    private let lock = NSLock()
    // Guarded by `lock`.
    private var folders: [URL] = []

    /// A registry of its own (tests of the registry; everything else uses ``atExit``).
    package init() {}

    /// A fresh path in the temporary directory, `label-UUID` (not created), to be removed with
    /// everything in it by ``removeAll()``.
    package func path(_ label: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        lock.withLock { folders.append(url) }
        return url
    }

    /// Removes every folder handed out so far that exists, with its contents.
    package func removeAll() {
        let handedOut = lock.withLock { () -> [URL] in
            defer { folders = [] }
            return folders
        }
        for folder in handedOut { try? FileManager.default.removeItem(at: folder) }
    }
}
