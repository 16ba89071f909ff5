import AuthenticatorKit
import Foundation

/// Personal verifications in progress, kept between processes in
/// `<home>/verifications/<account id>.json` (permissions 0600): `verify ID --password-file F
/// --contact C` sends the code in one process, `verify ID --code CODE` finishes in another.
///
/// A snapshot holds the verification ticket, a short-lived bearer secret; it is deleted when
/// the verification ends.
struct VerificationSnapshots {
    /// The device's directory.
    let home: URL

    /// The folder of snapshots.
    private var folder: URL { home.appendingPathComponent("verifications", isDirectory: true) }

    /// The snapshot of `id`'s verification, or `nil` when none is in progress.
    func snapshot(for id: AccountID) throws -> PersonalVerification.Snapshot? {
        let url = file(for: id)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        // The device's own file in --home: bounded, and a planted symbolic link is refused.
        let bytes = try InputFile.bytes(
            at: url.path, what: "verification in progress", limit: 1 << 20, followingSymbolicLinks: false)
        guard let snapshot = try? JSONDecoder().decode(PersonalVerification.Snapshot.self, from: Data(bytes)) else {
            // A damaged snapshot is a verification that cannot be resumed: start again.
            try? FileManager.default.removeItem(at: url)
            return nil
        }
        return snapshot
    }

    /// Keeps `flow` for the next process, or forgets it when it has ended.
    func keep(_ flow: PersonalVerification) throws {
        switch flow.step {
        case .enterPassword, .verified, .cancelled:
            forget(flow.accountID)
        default:
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = try encoder.encode(flow.snapshot)
            try OutputFile.write(Array(data), to: file(for: flow.accountID).path, replacing: true)
        }
    }

    /// Deletes `id`'s snapshot, if any.
    func forget(_ id: AccountID) {
        try? FileManager.default.removeItem(at: file(for: id))
    }

    /// The file of `id`: the identifier itself when it is a plain name (as SDK identifiers
    /// are), else its hex encoding, so that no identifier can name a path elsewhere.
    private func file(for id: AccountID) -> URL {
        let plain = id.rawValue.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        let name = plain && !id.rawValue.isEmpty ? id.rawValue : "x" + id.rawValue.utf8.map { String(format: "%02x", $0) }.joined()
        return folder.appendingPathComponent(name + ".json")
    }
}
