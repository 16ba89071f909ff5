import Foundation

/// For tests that drive a helper executable of their package as a second process (a writer
/// killed mid-save, a racing uploader): finding it beside the test bundle, and reading its
/// progress lines without blocking the cooperative thread pool.
public enum ChildProcessSupport {
    /// The executable `name` built beside the running test bundle.
    /// - Throws: `CocoaError(.fileNoSuchFile)` naming the folders searched.
    public static func executable(named name: String) throws -> URL {
        var directories: [URL] = []
        #if os(Linux)
        directories.append(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent())
        #endif
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        directories.append(Bundle.main.bundleURL)
        for directory in directories {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "\(name) next to \(directories.map(\.path))"])
    }

    /// The next line `handle` delivers (without its line break), or `nil` when it closes
    /// first. Reads on a dispatch queue, so waiting for a child blocks no task thread.
    public static func readLine(from handle: FileHandle) async -> String? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var bytes: [UInt8] = []
                while true {
                    let chunk = handle.readData(ofLength: 1)
                    guard let byte = chunk.first else { return continuation.resume(returning: nil) }
                    if byte == UInt8(ascii: "\n") {
                        return continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
                    }
                    bytes.append(byte)
                }
            }
        }
    }
}
