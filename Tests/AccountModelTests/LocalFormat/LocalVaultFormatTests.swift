import BackupServices
import SodiumBridge
import OTP
import AccountModel
import AuthenticatorKitTestSupport
import Foundation
import Testing

@Suite("Local vault format")
struct LocalVaultFormatTests {
    let key = SecureBytes(copying: [UInt8](repeating: 0x42, count: 32))

    @Test func sealedVaultOpensToTheSameContents() throws {
        let vault = try SampleVaults.everyShape()
        let opened = try LocalVaultFormat.open(try LocalVaultFormat.seal(vault, key: key), key: key)
        #expect(VaultComparison.differences(vault, opened) == [])
    }

    @Test func deviceCredentialSurvivesWithItsPrivateKeyAndCodes() throws {
        let vault = try SampleVaults.everyShape()
        let opened = try LocalVaultFormat.open(try LocalVaultFormat.seal(vault, key: key), key: key)
        let original = try #require(vault.accounts.first { $0.deviceCredential != nil }?.deviceCredential)
        let restored = try #require(opened.account(withID: AccountID(rawValue: "a-personal"))?.deviceCredential)
        let challenge = Array("approve sign-in 1234".utf8)
        #expect(Ed25519.isValidSignature(restored.signApproval(challenge), of: challenge, publicKey: original.publicKey))
        #expect(restored.generator.code(forCounter: 1) == original.generator.code(forCounter: 1))
    }

    @Test func emptyVaultRoundTrips() throws {
        let vault = Vault(platform: .ios)
        let opened = try LocalVaultFormat.open(try LocalVaultFormat.seal(vault, key: key), key: key)
        #expect(VaultComparison.differences(vault, opened) == [])
    }

    @Test func headerHasMagicVersionKeyIdentifierAndNonce() throws {
        let sealed = try LocalVaultFormat.seal(Vault(platform: .ios), key: key)
        #expect(Array(sealed[0..<4]) == Array("AKVS".utf8))
        #expect(Array(sealed[4..<6]) == [0, 5])
        #expect(LocalVaultFormat.headerLength == 46)
        // Payload of an empty vault: revision 8 + settings record 4+4 + 4 account count + 1 backup-state flag.
        #expect(sealed.count == 46 + 21 + 16)
    }

    @Test func emptyVaultPayloadFollowsTheDocumentedGrammar() throws {
        #expect(try plaintext(of: Vault(platform: .ios)) == versionThreeEmptyVaultPayload())
    }

    @Test func accountPayloadFollowsTheDocumentedGrammar() throws {
        let generator = try Generator(factor: .timer(period: 30), secret: SecureBytes(copying: [1, 2, 3]))
        let account = Account(
            id: AccountID(rawValue: "x"), token: Token(issuer: "I", account: "u", generator: generator),
            createdAt: Date(timeIntervalSinceReferenceDate: 0), modifiedAt: Date(timeIntervalSinceReferenceDate: 1)
        )
        let vault = Vault(accounts: [account], settings: Settings(platform: .ios), revision: 0)
        var expected = Array(versionThreeEmptyVaultPayload().dropLast(5)) + [0, 0, 0, 1]  // one account
        expected += [0, 0, 0, 44]  // the account record: the backup payload's encoding
        expected += [1] + [0, 1] + Array("x".utf8) + [0, 1] + Array("I".utf8) + [0, 1] + Array("u".utf8)
        expected += [0, 0]  // no display name, no icon reference
        expected += [0, 0, 0, 227, 199, 167, 52, 0]  // created: 978,307,200,000 ms after 1970 (2001-01-01)
        expected += [1, 1, 6, 2] + [0, 0, 0, 0, 0, 0, 0, 30] + [0, 0, 0, 0, 0, 0, 0, 0]  // SHA-1, 6 digits, TOTP 30 s, T0 0
        expected += [3, 1, 2, 3]  // secret
        expected += [0x3F, 0xF0, 0, 0, 0, 0, 0, 0]  // device part: modified 1.0 s after 2001-01-01
        expected += [0]  // third party: no device state
        expected += [0]  // no backup state
        #expect(try plaintext(of: vault) == expected)
    }

    @Test func providerAccountPayloadKeepsItsDeviceStateInTheEnvelope() throws {
        let account = Account(
            id: AccountID(rawValue: "w"),
            provider: Account.ProviderDetails(
                kind: .workOrSchool, issuer: "F", userName: "a", reference: "t/1", pushApprovalsEnabled: true,
                device: .awaitingVerification(.providerQRCode)),
            createdAt: Date(timeIntervalSinceReferenceDate: 0), modifiedAt: Date(timeIntervalSinceReferenceDate: 1)
        )
        let vault = Vault(accounts: [account], settings: Settings(platform: .ios), revision: 0)
        var expected = Array(versionThreeEmptyVaultPayload().dropLast(5)) + [0, 0, 0, 1]
        expected += [0, 0, 0, 27]
        expected += [3] + [0, 1] + Array("w".utf8) + [0, 1] + Array("F".utf8) + [0, 1] + Array("a".utf8) + [0, 0]
        expected += [0, 0, 0, 227, 199, 167, 52, 0]
        expected += [1, 0, 3] + Array("t/1".utf8) + [1]  // provider reference, push approvals on
        expected += [0x3F, 0xF0, 0, 0, 0, 0, 0, 0]  // modified
        expected += [4, 2]  // awaiting verification by the provider's QR code
        expected += [0]
        #expect(try plaintext(of: vault) == expected)
    }

    @Test func everyAccountShapeRoundTripsThroughVersionThree() throws {
        let vault = try SampleVaults.everyAccountShape()
        let opened = try LocalVaultFormat.open(try LocalVaultFormat.seal(vault, key: key), key: key)
        #expect(VaultComparison.differences(vault, opened) == [])
    }

    @Test func aThirdPartyRecordWithoutItsTokenIsDamaged() throws {
        var payload = Array(versionThreeEmptyVaultPayload().dropLast(5)) + [0, 0, 0, 1]
        payload += [0, 0, 0, 18] + [1] + [0, 1] + Array("x".utf8) + [0, 0] + [0, 0] + [0, 0]  // third party "x"
        payload += [0, 0, 0, 0, 0, 0, 0, 0]  // created; the record ends where its token should start
        payload += [0x3F, 0xF0, 0, 0, 0, 0, 0, 0] + [0]  // device part
        payload += [0]  // no backup state
        #expect(throws: AccountModelError.storeDamaged(reason: "OTP algorithm runs past the end of the vault")) {
            try LocalVaultFormat.open(try sealRaw(payload, version: 3), key: key)
        }
    }

    @Test func aVersionTwoThirdPartyAccountWithoutItsTokenIsDamaged() throws {
        var payload = Array(emptyVaultPayload().dropLast(5)) + [0, 0, 0, 1]
        payload += [0, 0, 0, 1] + Array("x".utf8) + [0, 0, 0, 11] + Array("third-party".utf8)
        payload += [0, 0, 0, 1] + Array("I".utf8) + [0, 0, 0, 1] + Array("u".utf8) + [0, 0]
        payload += [0]  // no token
        payload += [0, 0, 0, 0]  // no provider reference, push off, no credential, active
        payload += [UInt8](repeating: 0, count: 16)  // created, modified
        payload += [0]  // no backup state
        #expect(throws: AccountModelError.storeDamaged(reason: "a third-party account has no OTP token")) {
            try LocalVaultFormat.open(try sealRaw(payload, version: 2), key: key)
        }
    }

    @Test func aHandWrittenVersionTwoAccountStillOpens() throws {
        let opened = try LocalVaultFormat.open(try sealRaw(versionTwoAccountPayload(), version: 2), key: key)
        let account = try #require(opened.accounts.first)
        #expect(account.id == AccountID(rawValue: "x"))
        #expect(account.kind == .thirdParty)
        #expect(account.issuer == "I")
        #expect(account.userName == "u")
        #expect(account.token?.generator.secret.copyBytes() == [1, 2, 3])
        #expect(account.createdAt == Date(timeIntervalSinceReferenceDate: 0))
        #expect(account.modifiedAt == Date(timeIntervalSinceReferenceDate: 1))
    }

    @Test func versionTwoDeviceFieldsBecomeTheStateTheyMeant() throws {
        // kind, reference, push, credential flag, restore state as version 2 stored them.
        func provider(restoreState: [UInt8]) -> [UInt8] {
            var payload = Array(emptyVaultPayload().dropLast(5)) + [0, 0, 0, 1]
            payload += [0, 0, 0, 1] + Array("p".utf8) + [0, 0, 0, 8] + Array("personal".utf8)
            payload += [0, 0, 0, 1] + Array("C".utf8) + [0, 0, 0, 1] + Array("a".utf8) + [0, 0]
            payload += [0]  // no token
            payload += [1, 0, 0, 0, 1] + Array("r".utf8) + [1]  // reference "r", push on
            payload += [0] + restoreState  // no credential
            payload += [UInt8](repeating: 0, count: 16)  // created, modified
            return payload + [0]
        }
        let enrolling = try LocalVaultFormat.open(try sealRaw(provider(restoreState: [0]), version: 2), key: key)
        guard case .awaitingEnrolment? = enrolling.accounts.first?.provider?.device else {
            Issue.record("an active provider account without credential or token awaits enrolment")
            return
        }
        let waiting = try LocalVaultFormat.open(
            try sealRaw(provider(restoreState: [1, 0, 0, 0, 30] + Array("password-and-alternate-contact".utf8)), version: 2), key: key)
        #expect(waiting.accounts.first?.restoreState == .needsVerification(.passwordAndAlternateContact))
        #expect(waiting.accounts.first?.providerAccountReference == "r")
        #expect(waiting.accounts.first?.pushApprovalsEnabled == true)
    }

    @Test func aVersionTwoFileReSavesAsVersionFive() throws {
        let opened = try LocalVaultFormat.open(try sealRaw(versionTwoAccountPayload(), version: 2), key: key)
        let resealed = try LocalVaultFormat.seal(opened, key: key)
        #expect(Array(resealed[4..<6]) == [0, 5])
        #expect(VaultComparison.differences(opened, try LocalVaultFormat.open(resealed, key: key)) == [])
    }

    @Test func everySealUsesAFreshNonce() throws {
        let vault = try SampleVaults.everyShape()
        let first = try LocalVaultFormat.seal(vault, key: key)
        let second = try LocalVaultFormat.seal(vault, key: key)
        #expect(first[22..<46] != second[22..<46])
        #expect(first[46...] != second[46...])
        #expect(first[0..<22] == second[0..<22])
    }

    @Test func sealingWithADeterministicSourceIsReproducible() throws {
        let vault = try SampleVaults.everyShape()
        let first = try LocalVaultFormat.seal(vault, key: key, using: DeterministicRandom(seed: "nonce"))
        let second = try LocalVaultFormat.seal(vault, key: key, using: DeterministicRandom(seed: "nonce"))
        #expect(first == second)
    }

    @Test func sealedFileHoldsNoSecretOrNameInClear() throws {
        let vault = try SampleVaults.everyShape()
        let sealed = try LocalVaultFormat.seal(vault, key: key)
        for needle in ["alice", "GitHub", "12345678901234567890", "Contoso", "theme", "dark"] {
            #expect(!contains(sealed, Array(needle.utf8)), "\(needle) appears in clear")
        }
        for account in vault.accounts {
            if let secret = account.token?.generator.secret {
                #expect(!contains(sealed, secret.copyBytes()))
            }
        }
    }

    @Test func anotherKeyIsReportedAsKeyMismatch() throws {
        let sealed = try LocalVaultFormat.seal(try SampleVaults.everyShape(), key: key)
        let other = SecureBytes(copying: [UInt8](repeating: 0x43, count: 32))
        #expect(throws: AccountModelError.keyMismatch) { try LocalVaultFormat.open(sealed, key: other) }
    }

    @Test(arguments: [0, 16, 31, 33, 64])
    func keyOfAWrongLengthIsKeyUnavailable(_ length: Int) throws {
        let bad = SecureBytes(copying: [UInt8](repeating: 1, count: length))
        #expect(throws: AccountModelError.keyUnavailable(reason: "the key provider gave \(length) bytes instead of 32")) {
            try LocalVaultFormat.seal(Vault(platform: .ios), key: bad)
        }
        let sealed = try LocalVaultFormat.seal(Vault(platform: .ios), key: key)
        #expect(throws: AccountModelError.keyUnavailable(reason: "the key provider gave \(length) bytes instead of 32")) {
            try LocalVaultFormat.open(sealed, key: bad)
        }
    }

    @Test func unknownVersionIsReportedWithTheVersionFound() throws {
        var sealed = try LocalVaultFormat.seal(Vault(platform: .ios), key: key)
        sealed[4] = 0x01
        sealed[5] = 0x02
        #expect(throws: AccountModelError.unsupportedStoreVersion(0x0102)) { try LocalVaultFormat.open(sealed, key: key) }
    }

    @Test func fileWithoutTheMagicIsNotAVault() {
        let bytes = Array("{\"accounts\": []} and then some more bytes to pass the size check".utf8)
        #expect(throws: AccountModelError.storeDamaged(reason: "the file is not a vault file")) {
            try LocalVaultFormat.open(bytes, key: key)
        }
    }

    @Test func oversizedFileIsRefusedBeforeAnyWork() {
        let bytes = [UInt8](repeating: 0, count: LocalVaultFormat.maximumFileSize + 1)
        #expect(throws: AccountModelError.storeDamaged(reason: "the file is larger than 64 MiB")) {
            try LocalVaultFormat.open(bytes, key: key)
        }
    }

    @Test func everyTruncationIsRefused() throws {
        let sealed = try LocalVaultFormat.seal(try SampleVaults.everyShape(), key: key)
        for length in 0..<sealed.count {
            #expect(throws: AccountModelError.self) { try LocalVaultFormat.open(Array(sealed.prefix(length)), key: key) }
        }
    }

    @Test func payloadWithTrailingBytesIsDamaged() throws {
        #expect(throws: AccountModelError.storeDamaged(reason: "1 unexpected bytes after the vault")) {
            try LocalVaultFormat.open(try sealRaw(emptyVaultPayload() + [0]), key: key)
        }
    }

    @Test func payloadCutShortIsDamaged() throws {
        #expect(throws: AccountModelError.storeDamaged(reason: "number of accounts runs past the end of the vault")) {
            try LocalVaultFormat.open(try sealRaw(Array(emptyVaultPayload().dropLast(2))), key: key)
        }
    }

    @Test func payloadWithAnUnknownPlatformIsDamaged() throws {
        var payload = emptyVaultPayload()
        payload.replaceSubrange(12..<15, with: Array("web".utf8))
        #expect(throws: AccountModelError.storeDamaged(reason: "unknown platform \"web\"")) {
            try LocalVaultFormat.open(try sealRaw(payload), key: key)
        }
    }

    @Test func payloadWithAFlagOtherThanZeroOrOneIsDamaged() throws {
        var payload = emptyVaultPayload()
        payload[15] = 2
        #expect(throws: AccountModelError.storeDamaged(reason: "backupEnabled has flag value 2")) {
            try LocalVaultFormat.open(try sealRaw(payload), key: key)
        }
    }

    @Test func payloadClaimingMoreAccountsThanItHoldsIsDamagedWithoutAllocating() throws {
        var payload = emptyVaultPayload()
        payload.replaceSubrange(22..<26, with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(throws: AccountModelError.storeDamaged(reason: "number of accounts (4294967295) is more than the vault can hold")) {
            try LocalVaultFormat.open(try sealRaw(payload), key: key)
        }
    }

    @Test func payloadWithInvalidUTF8IsDamaged() throws {
        var payload = emptyVaultPayload()
        payload.replaceSubrange(12..<15, with: [0xC3, 0x28, 0x41])
        #expect(throws: AccountModelError.storeDamaged(reason: "platform is not valid UTF-8")) {
            try LocalVaultFormat.open(try sealRaw(payload), key: key)
        }
    }

    // MARK: Backup state (version 2)

    @Test func backupStateRoundTripsWithItsSessionToken() throws {
        let state = sampleBackupState()
        let vault = Vault(accounts: [], settings: Settings(platform: .android), revision: 3, backupState: state)
        let opened = try LocalVaultFormat.open(try LocalVaultFormat.seal(vault, key: key), key: key)
        #expect(opened.backupState == state)
        #expect(opened.backupState?.session?.token.copyBytes() == [9, 9])
    }

    @Test func backupStatePayloadFollowsTheDocumentedGrammar() throws {
        let vault = Vault(accounts: [], settings: Settings(platform: .ios), revision: 0, backupState: sampleBackupState())
        var expected = Array(versionThreeEmptyVaultPayload().dropLast())
        expected += [1]  // has backup state
        expected += [0, 1] + Array("r".utf8)  // recovery account
        expected += [1, 0, 2] + Array("me".utf8)  // cloud identity
        expected += [1, 0, 2, 9, 9]  // session token
        expected += [0x3F, 0xF0, 0, 0, 0, 0, 0, 0]  // expires 1.0 s after 2001-01-01
        expected += [1, 0, 0, 0, 0, 0, 0, 0, 3]  // last uploaded generation 3
        expected += [0]  // no upload date
        expected += [1, 0, 0, 0, 0, 0, 0, 0, 5]  // backed-up revision 5
        expected += Array(1...16)  // backup identifier
        expected += [1, 0, 12] + Array("cloudFailure".utf8)  // last failure, by its recorded name
        expected += [1, 0, 1] + Array("x".utf8)  // its detail
        expected += [0]  // no conflicting generation
        expected += [1, 0, 0, 0, 0, 0, 0, 0, 4]  // unverified generation 4
        expected += [0]  // never verified (version 4)
        expected += [1, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0]  // failing since 1.0 s after 2001-01-01 (version 4)
        expected += [0]  // no upload intent (version 5)
        var state = try #require(vault.backupState)
        state.failingSince = Date(timeIntervalSinceReferenceDate: 1)
        let failing = Vault(accounts: [], settings: vault.settings, revision: 0, backupState: state)
        #expect(try plaintext(of: failing) == expected)
    }

    /// An empty vault's payload with `sampleBackupState()` as version 3 wrote it: the
    /// fields versions 4 and 5 add come after these bytes.
    private func versionThreeBackupStatePayload() -> [UInt8] {
        var payload = Array(versionThreeEmptyVaultPayload().dropLast())
        payload += [1]  // has backup state
        payload += [0, 1] + Array("r".utf8)  // recovery account
        payload += [1, 0, 2] + Array("me".utf8)  // cloud identity
        payload += [1, 0, 2, 9, 9]  // session token
        payload += [0x3F, 0xF0, 0, 0, 0, 0, 0, 0]  // expires 1.0 s after 2001-01-01
        payload += [1, 0, 0, 0, 0, 0, 0, 0, 3]  // last uploaded generation 3
        payload += [0]  // no upload date
        payload += [1, 0, 0, 0, 0, 0, 0, 0, 5]  // backed-up revision 5
        payload += Array(1...16)  // backup identifier
        payload += [1, 0, 12] + Array("cloudFailure".utf8)  // last failure, by its recorded name
        payload += [1, 0, 1] + Array("x".utf8)  // its detail
        payload += [0]  // no conflicting generation
        payload += [1, 0, 0, 0, 0, 0, 0, 0, 4]  // unverified generation 4
        return payload
    }

    @Test func aVersionThreeBackupStateOpensWithoutItsHealth() throws {
        let payload = versionThreeBackupStatePayload()
        let opened = try LocalVaultFormat.open(try sealRaw(payload, version: 3), key: key)
        #expect(opened.backupState == sampleBackupState())
        #expect(opened.backupState?.lastVerified == nil)
        #expect(opened.backupState?.failingSince == nil)
        // The same bytes as version 4 run out before the health fields: damaged.
        #expect(throws: AccountModelError.self) { try LocalVaultFormat.open(try sealRaw(payload, version: 4), key: key) }
    }

    @Test func anUploadIntentRoundTripsAndFollowsTheDocumentedGrammar() throws {
        var state = sampleBackupState()
        state.uploadIntent = BackupFingerprint(generation: 7, digest: Array(100..<132))
        let vault = Vault(accounts: [], settings: Settings(platform: .android), revision: 3, backupState: state)
        let opened = try LocalVaultFormat.open(try LocalVaultFormat.seal(vault, key: key), key: key)
        #expect(opened.backupState == state)
        let bytes = try plaintext(of: vault)
        #expect(Array(bytes.suffix(1 + 8 + 32)) == [1, 0, 0, 0, 0, 0, 0, 0, 7] + Array(100..<132))
    }

    @Test func aVersionFourBackupStateOpensWithoutAnUploadIntent() throws {
        var payload = versionThreeBackupStatePayload()
        payload += [0, 0]  // never verified, not failing (version 4)
        let opened = try LocalVaultFormat.open(try sealRaw(payload, version: 4), key: key)
        #expect(opened.backupState == sampleBackupState())
        #expect(opened.backupState?.uploadIntent == nil)
        // The same bytes as version 5 run out before the upload intent: damaged.
        #expect(throws: AccountModelError.self) { try LocalVaultFormat.open(try sealRaw(payload, version: 5), key: key) }
    }

    @Test func aRolledBackFailureRoundTripsWithBothGenerations() throws {
        var state = sampleBackupState()
        state.unverifiedGeneration = nil
        state.lastFailure = .backupRolledBack(found: 1, recorded: 3)
        let vault = Vault(accounts: [], settings: Settings(platform: .android), revision: 3, backupState: state)
        let opened = try LocalVaultFormat.open(try LocalVaultFormat.seal(vault, key: key), key: key)
        #expect(opened.backupState?.lastFailure == .backupRolledBack(found: 1, recorded: 3))
    }

    @Test func backupHealthRoundTrips() throws {
        var state = sampleBackupState()
        state.lastVerified = Date(timeIntervalSinceReferenceDate: 12.5)
        state.failingSince = Date(timeIntervalSinceReferenceDate: 20)
        let vault = Vault(accounts: [], settings: Settings(platform: .android), revision: 3, backupState: state)
        let opened = try LocalVaultFormat.open(try LocalVaultFormat.seal(vault, key: key), key: key)
        #expect(opened.backupState == state)
    }

    @Test func aHandWrittenVersionTwoBackupStateStillOpens() throws {
        var payload = versionOneEmptyVaultPayload()
        payload += [1]  // has backup state
        payload += [0, 0, 0, 1] + Array("r".utf8)  // recovery account
        payload += [1, 0, 0, 0, 2] + Array("me".utf8)  // cloud identity
        payload += [1, 0, 0, 0, 2, 9, 9]  // session token
        payload += [0x3F, 0xF0, 0, 0, 0, 0, 0, 0]  // expires 1.0 s after 2001-01-01
        payload += [1, 0, 0, 0, 0, 0, 0, 0, 3]  // last uploaded generation 3
        payload += [0]  // no upload date
        payload += [1, 0, 0, 0, 0, 0, 0, 0, 5]  // backed-up revision 5
        payload += Array(1...16)  // backup identifier
        payload += [1, 0, 0, 0, 12] + Array("cloudFailure".utf8)  // last failure, by its recorded name
        payload += [1, 0, 0, 0, 1] + Array("x".utf8)  // its detail
        payload += [0]  // no conflicting generation
        payload += [1, 0, 0, 0, 0, 0, 0, 0, 4]  // unverified generation 4
        let opened = try LocalVaultFormat.open(try sealRaw(payload, version: 2), key: key)
        #expect(opened.backupState == sampleBackupState())
    }

    @Test func versionOneFileOpensWithoutBackupState() throws {
        let file = try sealRaw(versionOneEmptyVaultPayload(), version: 1)
        let opened = try LocalVaultFormat.open(file, key: key)
        #expect(opened.backupState == nil)
        #expect(opened.accounts.isEmpty)
        #expect(opened.settings.platform == .ios)
    }

    @Test func versionTwoPayloadInAVersionOneFileIsDamaged() throws {
        #expect(throws: AccountModelError.storeDamaged(reason: "1 unexpected bytes after the vault")) {
            try LocalVaultFormat.open(try sealRaw(emptyVaultPayload(), version: 1), key: key)
        }
    }

    @Test func versionSixIsUnsupported() throws {
        var sealed = try LocalVaultFormat.seal(Vault(platform: .ios), key: key)
        sealed[5] = 6
        #expect(throws: AccountModelError.unsupportedStoreVersion(6)) { try LocalVaultFormat.open(sealed, key: key) }
    }

    @Test func sessionTokenNeverAppearsInClearInTheFile() throws {
        let token = Array("session-token-0123456789abcdef".utf8)
        var state = sampleBackupState()
        state.session = RecoverySession(userName: "r", token: SecureBytes(copying: token), expirationDate: Date())
        let sealed = try LocalVaultFormat.seal(
            Vault(accounts: [], settings: Settings(platform: .ios), revision: 1, backupState: state), key: key)
        #expect(!contains(sealed, token))
    }

    @Test func backupStateDescriptionNeverShowsTheSessionToken() throws {
        var state = sampleBackupState()
        state.session = RecoverySession(
            userName: "r", token: SecureBytes(copying: Array("hunter2-token".utf8)), expirationDate: Date())
        var dumped = ""
        dump(state, to: &dumped)
        for text in [state.description, String(reflecting: state), dumped] {
            #expect(!text.contains("hunter2"))
        }
    }

    /// A backup state with every optional field exercised (and some left out).
    func sampleBackupState() -> BackupState {
        BackupState(
            recoveryAccount: "r", cloudIdentity: "me",
            session: RecoverySession(
                userName: "r", token: SecureBytes(copying: [9, 9]), expirationDate: Date(timeIntervalSinceReferenceDate: 1)),
            lastUploadedGeneration: 3, lastUploadDate: nil, backedUpRevision: 5,
            backupID: UUID(uuid: (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)),
            lastFailure: .cloudFailure("x"), unverifiedGeneration: 4
        )
    }

    // MARK: Helpers

    /// The version 2 payload of an empty iOS vault at revision 0, written by hand from the
    /// grammar in `LocalVaultFormat`.
    func emptyVaultPayload() -> [UInt8] {
        versionOneEmptyVaultPayload()
            + [0]  // no backup state
    }

    /// The version 3 payload of an empty iOS vault at revision 0, written by hand from the
    /// grammar in `LocalVaultFormat` and `Documentation/BackupFormat.md` ("Payload").
    func versionThreeEmptyVaultPayload() -> [UInt8] {
        [0, 0, 0, 0, 0, 0, 0, 0]  // revision
            + [0, 0, 0, 4, 0x04, 1, 0, 0]  // settings record: digits grouped, iOS, no custom settings
            + [0, 0, 0, 0]  // accounts
            + [0]  // no backup state
    }

    /// The version 2 payload of a vault with one third-party account, written by hand from
    /// the version 2 grammar in `LocalVaultFormat`.
    func versionTwoAccountPayload() -> [UInt8] {
        var payload = Array(emptyVaultPayload().dropLast(5)) + [0, 0, 0, 1]  // one account
        payload += [0, 0, 0, 1] + Array("x".utf8) + [0, 0, 0, 11] + Array("third-party".utf8)
        payload += [0, 0, 0, 1] + Array("I".utf8) + [0, 0, 0, 1] + Array("u".utf8)
        payload += [0, 0]  // no display name, no icon reference
        payload += [1, 0, 0, 0, 1] + Array("I".utf8) + [0, 0, 0, 1] + Array("u".utf8)  // token
        payload += [1, 0, 0, 0, 0, 0, 0, 0, 30, 0, 0, 0, 0, 0, 0, 0, 0]  // timer, period 30, T0 0
        payload += [0, 0, 0, 4] + Array("sha1".utf8) + [0, 6]  // algorithm, 6 decimal digits
        payload += [0, 0, 0, 3, 1, 2, 3]  // secret
        payload += [0, 0, 0, 0]  // no provider reference, push off, no credential, active
        payload += [0, 0, 0, 0, 0, 0, 0, 0]  // created: 0.0 s after 2001-01-01
        payload += [0x3F, 0xF0, 0, 0, 0, 0, 0, 0]  // modified: 1.0 s after 2001-01-01
        payload += [0]  // no backup state
        return payload
    }

    /// The version 1 payload of an empty iOS vault at revision 0 (no backup state).
    func versionOneEmptyVaultPayload() -> [UInt8] {
        [0, 0, 0, 0, 0, 0, 0, 0]  // revision
            + [0, 0, 0, 3] + Array("ios".utf8)  // platform
            + [0, 0, 1]  // backupEnabled, hidesCodes, groupsDigits
            + [0, 0, 0, 0]  // custom settings
            + [0, 0, 0, 0]  // accounts
    }

    /// A file around an arbitrary payload: a real header (taken from a sealed empty vault,
    /// with its version set to `version`) and the payload encrypted under it, as a writer of
    /// that version would.
    func sealRaw(_ payload: [UInt8], version: UInt16 = 2) throws -> [UInt8] {
        let template = try LocalVaultFormat.seal(Vault(platform: .ios), key: key)
        #expect(try LocalVaultFormat.open(template, key: key).accounts.isEmpty)
        var header = Array(template[0..<46])
        header[4] = UInt8(version >> 8)
        header[5] = UInt8(version & 0xFF)
        let nonce = Array(template[22..<46])
        return header + (try XChaCha20Poly1305.seal(payload, key: key, nonce: nonce, associatedData: header))
    }

    /// Decrypts a sealed vault's payload directly with the AEAD, bypassing the parser.
    func plaintext(of vault: Vault) throws -> [UInt8] {
        let sealed = try LocalVaultFormat.seal(vault, key: key)
        let header = Array(sealed[0..<46])
        return try XChaCha20Poly1305.open(
            Array(sealed[46...]), key: key, nonce: Array(sealed[22..<46]), associatedData: header
        ).copyBytes()
    }

    // Fuzz/Findings/LocalVault/crash-nan-modification-time: a file whose modification time is a NaN
    // opened, and the account's date trapped when printed (Date.description).
    @Test func aVaultFileWithANonFiniteTimeIsRefusedAsDamaged() throws {
        let marker = Date(timeIntervalSinceReferenceDate: 123_456_789.125)
        var account = try SampleVaults.thirdPartyAccount(userName: "alice")
        account.modifiedAt = marker
        let sealed = try LocalVaultFormat.seal(Vault(accounts: [account], settings: Settings(platform: .ios), revision: 1), key: key)
        let header = Array(sealed[0..<LocalVaultFormat.headerLength])
        let nonce = Array(header[(header.count - 24)...])
        var plaintext = try XChaCha20Poly1305.open(Array(sealed[header.count...]), key: key, nonce: nonce, associatedData: header)
            .withUnsafeBytes { Array($0) }
        let bits = withUnsafeBytes(of: marker.timeIntervalSinceReferenceDate.bitPattern.bigEndian) { Array($0) }
        let offset = try #require((0...(plaintext.count - 8)).first { Array(plaintext[$0..<($0 + 8)]) == bits })
        for value in [Double.nan, .infinity, -.infinity] {
            let patched = withUnsafeBytes(of: value.bitPattern.bigEndian) { Array($0) }
            plaintext.replaceSubrange(offset..<(offset + 8), with: patched)
            let file = header + (try XChaCha20Poly1305.seal(plaintext, key: key, nonce: nonce, associatedData: header))
            let error = #expect(throws: AccountModelError.self) { try LocalVaultFormat.open(file, key: key) }
            guard case let .storeDamaged(reason)? = error else {
                Issue.record("expected storeDamaged, got \(String(describing: error))")
                continue
            }
            #expect(reason.contains("not a finite time"))
        }
    }

    @Test func aVaultWithANonFiniteTimeIsNotWritten() throws {
        var account = try SampleVaults.thirdPartyAccount(userName: "alice")
        account.modifiedAt = Date(timeIntervalSinceReferenceDate: .nan)
        let error = #expect(throws: AccountModelError.self) {
            try LocalVaultFormat.seal(Vault(accounts: [account], settings: Settings(platform: .ios), revision: 1), key: key)
        }
        guard case let .storeUnavailable(reason)? = error else {
            Issue.record("expected storeUnavailable, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("not finite"))
    }

    func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
