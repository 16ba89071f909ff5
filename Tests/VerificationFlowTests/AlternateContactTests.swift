import Foundation
import Testing
import VerificationFlow

@Suite("AlternateContact")
struct AlternateContactTests {
    @Test func anEmailAddressIsMaskedToItsFirstCharacterAndDomain() throws {
        #expect(try AlternateContact("alice@example.com").masked == "a•••@example.com")
        #expect(try AlternateContact("x@mail.example.org").masked == "x•••@mail.example.org")
    }

    @Test func aPhoneNumberIsMaskedToItsLastFourDigits() throws {
        #expect(try AlternateContact("+1 (555) 010-1234").masked == "•••• 1234")
        #expect(try AlternateContact("0612345678").masked == "•••• 5678")
    }

    @Test func anEmailAddressIsNormalisedToLowerCase() throws {
        let contact = try AlternateContact("  Alice@Example.COM ")
        #expect(contact.kind == .email)
        #expect(contact.value == "alice@example.com")
    }

    @Test func aPhoneNumberKeepsOnlyItsLeadingPlusAndDigits() throws {
        let contact = try AlternateContact("+44 (20) 7946.0958")
        #expect(contact.kind == .phone)
        #expect(contact.value == "+442079460958")
    }

    @Test(arguments: ["", "@", "alice@", "@example.com", "alice@example", "a@b@example.com", "alice @example.com", "alice@.com", "alice@example."])
    func aMalformedEmailAddressIsRefused(text: String) {
        #expect(throws: VerificationError.invalidContact(text)) { try AlternateContact(text) }
    }

    @Test(arguments: ["123456", "1234567890123456", "555-CALL-NOW", "12+3456789", "+"])
    func aMalformedPhoneNumberIsRefused(text: String) {
        #expect(throws: VerificationError.invalidContact(text)) { try AlternateContact(text) }
    }

    @Test func decodingValidatesTheContactAgain() throws {
        let good = try JSONDecoder().decode([AlternateContact].self, from: Data(#"["bob@example.com"]"#.utf8))
        #expect(good.first?.masked == "b•••@example.com")
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode([AlternateContact].self, from: Data(#"["not a contact"]"#.utf8))
        }
    }
}
