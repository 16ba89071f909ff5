import AuthenticatorKitTestSupport
import Foundation
import Testing

/// Test folders that do not outlive the test process (`TemporaryFolders`).
@Suite("Temporary folders")
struct TemporaryFoldersTests {
    @Test func aFolderHandedOutIsRemovedWithItsContentsAndOneNeverMadeIsNoError() throws {
        let folders = TemporaryFolders()
        let made = folders.path("temporary-folders-test")
        let neverMade = folders.path("temporary-folders-test")
        #expect(made != neverMade)
        #expect(made.deletingLastPathComponent().standardizedFileURL == FileManager.default.temporaryDirectory.standardizedFileURL)
        try FileManager.default.createDirectory(at: made.appendingPathComponent("inner"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: made.appendingPathComponent("inner/file"))
        folders.removeAll()
        #expect(!FileManager.default.fileExists(atPath: made.path))
        #expect(!FileManager.default.fileExists(atPath: neverMade.path))
    }

    @Test func aFolderHandedOutAfterARemovalIsKeptUntilTheNext() throws {
        let folders = TemporaryFolders()
        folders.removeAll()
        let later = folders.path("temporary-folders-test")
        try FileManager.default.createDirectory(at: later, withIntermediateDirectories: true)
        #expect(FileManager.default.fileExists(atPath: later.path))
        folders.removeAll()
        #expect(!FileManager.default.fileExists(atPath: later.path))
    }
}
