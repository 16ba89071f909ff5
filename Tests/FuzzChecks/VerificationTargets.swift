import AccountModel
import AuthenticatorKitEmbedded
import Foundation
import SodiumBridge
import VerificationFlow

/// The embedded provider the enrolment harness checks payloads against: one work account,
/// one payload issued for it (test values; a temporary directory).
final class EnrolmentFixture: @unchecked Sendable {
    static let shared = EnrolmentFixture()

    let provider: LocalAccountProvider
    let reference: ProviderAccountReference?
    let organisation = EnrolmentFixture.organisationName
    static let organisationName = "Fuzz Corp"
    /// The provider's directory: a temporary one of this process.
    static let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("fuzz-enrolment-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    /// The payload the provider issued (the seed), or "" when setting up failed.
    let issued: String
    /// The `akenrol1.<claims>` part of ``issued`` (what its tag signs).
    let issuedBody: String
    private let lock = Lock()
    /// Guarded by ``lock``.
    private var accepted: Set<String> = []

    private init() {
        let directory = Self.directory
        // The provider's files go when the process ends (a fuzzer or a test run).
        atexit { try? FileManager.default.removeItem(at: EnrolmentFixture.directory) }
        let provider = LocalAccountProvider(
            directory: directory, clock: FuzzKeys.clock, random: DeterministicRandom(seed: "fuzz enrolment"),
            passwordHashing: .minimum
        )
        let organisation = Self.organisationName
        let made = blockingWait { () -> (ProviderAccountReference, String)? in
            guard let account = try? await provider.createAccount(
                userName: "carol@fuzz.example", kind: .workOrSchool, organisation: organisation,
                password: SecureBytes(copying: Array("fuzz password".utf8))
            ), let payload = try? await provider.qrPayload(for: account.reference, lifetime: 3_600)
            else { return nil }
            return (account.reference, payload)
        }
        self.provider = provider
        self.reference = made?.0
        self.issued = made?.1 ?? ""
        self.issuedBody = issued.split(separator: ".", omittingEmptySubsequences: false).prefix(2).joined(separator: ".")
    }

    /// Records that `body` was accepted; false when it already was (a replay).
    func firstAcceptance(of body: String) -> Bool {
        lock.withLock { accepted.insert(body).inserted }
    }
}

extension FuzzTarget {
    /// The embedded provider's QR enrolment payloads (`LocalAccountProvider.checkEnrolmentPayload`).
    static let enrolmentPayload = FuzzTarget(
        "EnrolmentPayload",
        "`checkEnrolmentPayload` refuses every text with a typed `VerificationError` unless it carries the issued payload's signed claims, and accepts those at most once.",
        setUp: { _ = EnrolmentFixture.shared }
    ) { bytes throws(PropertyViolation) in
        let fixture = EnrolmentFixture.shared
        guard let reference = fixture.reference else {
            throw PropertyViolation("the enrolment fixture is set up", "the provider refused to create its account")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let provider = fixture.provider
        let organisation = fixture.organisation
        let outcome = blockingWait { () -> VerificationError? in
            do throws(VerificationError) {
                _ = try await provider.checkEnrolmentPayload(text, for: reference, organisation: organisation)
                return nil
            } catch {
                return error
            }
        }
        guard outcome == nil else { return }
        let body = text.split(separator: ".", omittingEmptySubsequences: false).prefix(2).joined(separator: ".")
        try require(body == fixture.issuedBody, "only the issued payload's signed claims are accepted", "accepted another payload")
        try require(fixture.firstAcceptance(of: body), "a payload is accepted at most once")
        Acceptances.note("EnrolmentPayload")
    }

    /// Alternate contacts (`AlternateContact.init(_:)`).
    static let alternateContact = FuzzTarget(
        "AlternateContact",
        "A contact that parses is normalised for good (its value parses to an equal contact), survives a JSON round trip, and its masked form never shows the whole value."
    ) { bytes throws(PropertyViolation) in
        guard let contact = try? AlternateContact(String(decoding: bytes, as: UTF8.self)) else { return }
        Acceptances.note("AlternateContact")
        try require((try? AlternateContact(contact.value)) == contact, "a normalised contact parses to itself", contact.kind.rawValue)
        let decoded = (try? JSONEncoder().encode(contact)).flatMap { try? JSONDecoder().decode(AlternateContact.self, from: $0) }
        try require(decoded == contact, "a contact survives a JSON round trip", contact.kind.rawValue)
        try require(!contact.masked.contains(contact.value), "the masked contact hides the value", contact.kind.rawValue)
    }
}
