import AuthenticatorKitEmbedded
import Foundation
import Testing
import AuthenticatorKit
import AuthenticatorKitTestSupport

/// Nothing secret — password, session token, escrow key — appears in an error, a description
/// or a dump.
@Suite("Recovery-account secrecy")
struct RecoveryAccountSecrecyTests {
    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    private func renderings(of value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), "\(value)", dumped]
    }

    @Test func aSessionNeverShowsItsToken() {
        let token: [UInt8] = Array(0xA0...0xBF)
        let session = RecoverySession(
            userName: "alice", token: SecureBytes(copying: token), expirationDate: Date(timeIntervalSince1970: 0))
        for text in renderings(of: session) {
            #expect(!text.contains(hex(token)))
            #expect(!text.lowercased().contains("a0a1a2"))
            #expect(!text.contains("160, 161"))
            #expect(text.contains("alice"))
        }
    }

    @Test func anEscrowKeyNeverShowsItsKey() {
        let key: [UInt8] = Array(0xC0...0xDF)
        let escrow = EscrowKey(identifier: EscrowKeyIdentifier(bytes: Array(repeating: 0x11, count: 16)), key: SecureBytes(copying: key))
        for text in renderings(of: escrow) {
            #expect(!text.contains(hex(key)))
            #expect(!text.contains("192, 193"))
            #expect(text.contains(String(repeating: "11", count: 16)))
        }
    }

    @Test func errorsFromWrongPasswordsNeverContainThePassword() async throws {
        let service = try LocalRecoveryAccountService.inTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let password = "hunter2-hunter2"
        try await service.createAccount(userName: "alice", password: SecureBytes(copying: password.utf8))
        do {
            _ = try await service.signIn(userName: "alice", password: SecureBytes(copying: "wrong-\(password)".utf8))
            Issue.record("a wrong password was accepted")
        } catch {
            for text in renderings(of: error) + [error.message] {
                #expect(!text.contains("hunter2"))
            }
        }
        do {
            try await service.createAccount(userName: "short", password: SecureBytes(copying: "hunter".utf8))
            Issue.record("a short password was accepted")
        } catch {
            for text in renderings(of: error) + [error.message] {
                #expect(!text.contains("hunter"))
            }
        }
    }

    @Test func everyRecoveryAccountErrorHasItsSwiftNameAsCaseName() {
        let errors: [RecoveryAccountError] = [
            .wrongCredentials, .sessionExpired, .sessionRevoked, .unreachable,
            .accountAlreadyExists(userName: "alice"), .accountNotFound(userName: "bob"),
            .invalidUserName(reason: "it is empty"), .passwordTooShort(minimumLength: 8),
            .serviceFailure(reason: "disk on fire"), .unsupportedCredential(.idToken),
            .tooManyAttempts(retryAfter: 30), .backupRecordRegressed(recorded: 2),
        ]
        #expect(errors.map(\.caseName) == [
            "wrongCredentials", "sessionExpired", "sessionRevoked", "unreachable", "accountAlreadyExists",
            "accountNotFound", "invalidUserName", "passwordTooShort", "serviceFailure", "unsupportedCredential",
            "tooManyAttempts", "backupRecordRegressed",
        ])
    }
}
