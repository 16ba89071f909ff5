import Foundation

/// The names inside a backup folder (see <doc:CompareAndSwap>):
///
/// ```
/// <folder>/s<k>/                   the k-th state of the chain (k = 1, 2, …), claimed by MKCOL
/// <folder>/s<k>/c/                 its claim: a whole folder moved in with Overwrite: F
/// <folder>/s<k>/c/g<N>.backup      …holding the backup of generation N, or nothing (deleted)
/// <folder>/tmp-<uuid>/             an upload being prepared (or left by a crash)
/// ```
enum FolderLayout {
    static let slotPrefix = "s"
    static let claimName = "c"
    static let backupPrefix = "g"
    static let backupSuffix = ".backup"
    static let temporaryPrefix = "tmp-"

    static func slotName(_ index: UInt64) -> String { "\(slotPrefix)\(index)" }

    static func backupName(_ generation: UInt64) -> String { "\(backupPrefix)\(generation)\(backupSuffix)" }

    /// `k` of `s<k>` (decimal, no leading zero, k ≥ 1).
    static func slotIndex(_ name: String) -> UInt64? {
        guard name.hasPrefix(slotPrefix) else { return nil }
        return canonicalNumber(name.dropFirst(slotPrefix.count)).flatMap { $0 >= 1 ? $0 : nil }
    }

    /// `N` of `g<N>.backup`.
    static func backupGeneration(_ name: String) -> UInt64? {
        guard name.hasPrefix(backupPrefix), name.hasSuffix(backupSuffix) else { return nil }
        return canonicalNumber(name.dropFirst(backupPrefix.count).dropLast(backupSuffix.count))
    }

    static func isTemporary(_ name: String) -> Bool { name.hasPrefix(temporaryPrefix) }

    static func newTemporaryName() -> String { temporaryPrefix + UUID().uuidString.lowercased() }

    private static func canonicalNumber(_ digits: Substring) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 20, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let value = UInt64(digits), String(value) == digits
        else { return nil }
        return value
    }

    /// `base` (a folder URL) followed by `names`, the last one a folder when `lastIsFolder`.
    static func url(_ base: URL, _ names: [String], lastIsFolder: Bool) -> URL {
        var url = base
        for (position, name) in names.enumerated() {
            url = url.appendingPathComponent(name, isDirectory: position < names.count - 1 || lastIsFolder)
        }
        return url
    }
}
