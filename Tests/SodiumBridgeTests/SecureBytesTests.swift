import Testing
import SodiumBridge

@Suite("SecureBytes")
struct SecureBytesTests {
    @Test func descriptionNeverShowsTheBytes() {
        let secret = SecureBytes(copying: Array("12345678901234567890".utf8))
        #expect(secret.description == "SecureBytes(20 bytes, redacted)")
        #expect(secret.debugDescription == "SecureBytes(20 bytes, redacted)")
        #expect(!"\(secret)".contains("1234"))
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("49"))
        #expect(!dumped.contains("1234"))
    }

    @Test func equalityComparesContents() {
        let a = SecureBytes(copying: [1, 2, 3])
        #expect(a == SecureBytes(copying: [1, 2, 3]))
        #expect(a != SecureBytes(copying: [1, 2, 4]))
        #expect(a != SecureBytes(copying: [1, 2]))
        #expect(SecureBytes(copying: []) == SecureBytes(copying: []))
    }

    @Test func copyBytesReturnsWhatWasStored() {
        #expect(SecureBytes(copying: [9, 8, 7]).copyBytes() == [9, 8, 7])
    }

    @Test func randomBytesDiffer() {
        #expect(SecureBytes(randomCount: 32) != SecureBytes(randomCount: 32))
    }
}

@Suite("ReportableError")
struct ReportableErrorTests {
    @Test func caseNameIsTheSwiftCaseNameWithOrWithoutPayload() {
        #expect(SodiumError.authenticationFailed.caseName == "authenticationFailed")
        #expect(SodiumError.invalidLength(what: "key", expected: 32, actual: 3).caseName == "invalidLength")
        #expect(SodiumError.invalidLength(what: "key", expected: 32, actual: 3).message == "key must be 32 bytes, got 3")
    }
}
