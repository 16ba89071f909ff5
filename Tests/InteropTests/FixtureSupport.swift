import SodiumBridge
import Foundation
import Interop
import OTP
import Testing

/// The fixtures written by `Fixtures/generate.py` and what that script expects of them.
enum Fixtures {
    struct Expectations: Decodable {
        let time: Int64
        let fixtures: [Fixture]
    }

    struct Fixture: Decodable, CustomTestStringConvertible {
        let file: String
        let format: String
        let password: String?
        let entries: [Entry]
        let recordsWithoutOTP: Int
        var testDescription: String { file }
    }

    struct Entry: Decodable {
        let position: Int
        let issuer: String
        let account: String
        let token: ExpectedToken?
        let problem: String?
        let dropped: [String]
    }

    struct ExpectedToken: Decodable {
        let secret: String
        let kind: String
        let algorithm: String
        let digits: Int
        let period: Int64?
        let counter: UInt64?
        let code: String
    }

    static let directory: URL = {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            preconditionFailure("the Fixtures resource is missing from the test bundle")
        }
        return url
    }()

    static let expectations: Expectations = {
        do {
            let data = try Data(contentsOf: directory.appendingPathComponent("expected.json"))
            return try JSONDecoder().decode(Expectations.self, from: data)
        } catch {
            preconditionFailure("expected.json cannot be read: \(error)")
        }
    }()

    static var all: [Fixture] { expectations.fixtures }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }

    static func fixture(_ name: String) throws -> Fixture {
        try #require(all.first { $0.file == name })
    }
}

/// A password in secure memory.
func secure(_ text: String) -> SecureBytes {
    SecureBytes(copying: Array(text.utf8))
}

/// The error a throwing call throws, or `nil`.
func interopError<T>(_ body: () throws(InteropError) -> T) -> InteropError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}
