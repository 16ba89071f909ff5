import Foundation
import Testing

/// Project Wycheproof test vector files in `Tests/SodiumBridgeTests/Vectors` (see the
/// README there for their source and licence).
enum Wycheproof {
    /// A case's expected outcome. Anything else in a file fails the decoding.
    enum Result: String, Decodable {
        /// Must be accepted (and, for AEAD, produce the given ciphertext and tag).
        case valid
        /// Must be refused.
        case invalid
        /// Either outcome conforms; the implementation must behave consistently.
        case acceptable
    }

    /// The common top level of a vector file.
    struct File<Group: Decodable>: Decodable {
        let algorithm: String
        let numberOfTests: Int
        let testGroups: [Group]
    }

    /// An `aead_test_schema_v1.json` group.
    struct AeadGroup: Decodable {
        let ivSize: Int
        let keySize: Int
        let tagSize: Int
        let type: String
        let tests: [AeadCase]
    }

    /// One AEAD case; byte fields are hex in the file.
    struct AeadCase: Decodable {
        let tcId: Int
        let comment: String
        let flags: [String]
        let key: String
        let iv: String
        let aad: String
        let msg: String
        let ct: String
        let tag: String
        let result: Result
    }

    /// An `eddsa_verify_schema_v1.json` group: one public key, several cases.
    struct EddsaGroup: Decodable {
        struct PublicKey: Decodable {
            let curve: String
            let pk: String
        }

        let type: String
        let publicKey: PublicKey
        let tests: [EddsaCase]
    }

    /// One signature verification case.
    struct EddsaCase: Decodable {
        let tcId: Int
        let comment: String
        let flags: [String]
        let msg: String
        let sig: String
        let result: Result
    }

    /// Decodes `Vectors/<name>.json`.
    static func load<Group: Decodable>(_ name: String, as group: Group.Type) throws -> File<Group> {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Vectors"))
        return try JSONDecoder().decode(File<Group>.self, from: Data(contentsOf: url))
    }

    /// The bytes of a hex string from a vector file (written here rather than taken from the
    /// module under test).
    static func bytes(_ hex: String) throws -> [UInt8] {
        let digits = Array(hex.utf8)
        try #require(digits.count % 2 == 0, "odd-length hex \(hex)")
        var result: [UInt8] = []
        result.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            let high = try #require(nibble(digits[index]), "bad hex \(hex)")
            let low = try #require(nibble(digits[index + 1]), "bad hex \(hex)")
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
