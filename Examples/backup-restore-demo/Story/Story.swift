import AuthenticatorKitEmbedded
import AuthenticatorKit
import Foundation

/// The whole story, chapter by chapter: one iPhone backs up, another restores, the restored
/// accounts are verified, and then every reason a backup can be unavailable is shown once.
///
/// Each chapter checks what it shows and throws ``DemoFailure`` when something else happens.
struct Story {
    let world: DemoWorld
    let narrator = Narrator()

    /// The old iPhone, set up in ``setUpTheOldIPhone()``.
    var oldPhone: DemoDevice?
    /// The new iPhone, set up in ``restoreOnTheNewIPhone()``.
    var newPhone: DemoDevice?
    /// The accounts of the story.
    var githubID: AccountID?
    var personalID: AccountID?
    var workID: AccountID?

    init(world: DemoWorld) {
        self.world = world
    }

    /// Runs every chapter in order.
    mutating func run() async throws {
        introduce()
        try await setUpTheIdentityProvider()
        try await setUpTheOldIPhone()
        try await backUpTheOldIPhone()
        try await restoreOnTheNewIPhone()
        try await checkTheThirdPartyAccount()
        try await verifyThePersonalAccount()
        try await verifyTheWorkAccount()
        try await checkBothDevicesWork()
        try await showWhenNoBackupIsAvailable()
    }

    private func introduce() {
        narrator.say("AuthenticatorKit: back up one iPhone, restore on another.")
        narrator.say("")
        narrator.say("Everything runs on this computer, in temporary folders under")
        narrator.say("  \(world.root.path)")
        narrator.say("with the SDK's embedded defaults: FileAccountStore (each phone's vault),")
        narrator.say("DirectoryCloudProvider (a folder playing iCloud), LocalRecoveryAccountService and")
        narrator.say("LocalAccountProvider (the identity provider). Passwords are hashed with")
        narrator.say("PasswordHashingCost.minimum, the SDK's floor (libsodium's interactive Argon2id cost,")
        narrator.say("2 passes over 64 MiB), so the demo runs in seconds.")
    }

    // MARK: Shared helpers

    func required<Value>(_ value: Value?, _ what: String) throws -> Value {
        guard let value else { throw DemoFailure("\(what) is missing: an earlier chapter did not run") }
        return value
    }

    /// Alice's recovery-account password.
    static var password: SecureBytes { secure(DemoWorld.password) }
}

/// Text as secure bytes, as a password field would hand it over.
func secure(_ text: String) -> SecureBytes {
    SecureBytes(copying: Array(text.utf8))
}

extension String {
    /// The text with its first letter in upper case, for messages shown as sentences.
    var sentence: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst() + (hasSuffix(".") ? "" : ".")
    }
}
