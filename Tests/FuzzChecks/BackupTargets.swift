import AccountModel
import AuthenticatorKitTestSupport
import BackupFormat
import BackupServices
import Foundation
import OTP
import RestorePolicy
import SodiumBridge

/// The recovery code of the seed backups (from a fixed seed: a test value).
enum RecoveryCodeSeed {
    static let code = RecoveryCode(using: DeterministicRandom(seed: "AuthenticatorKit fuzz recovery code"))
}

/// Seed backups, and sealing a fuzzed payload the way a writer would.
enum BackupSeeds {
    /// The metadata of every seed backup.
    static let metadata = BackupMetadata(
        generation: 3, platform: .ios, appVersion: "fuzz 1.0",
        backupID: UUID(uuidString: "F0220000-0000-4000-8000-000000000001") ?? UUID()
    )
    /// The sealer of the seeds: its data key is ``FuzzKeys/dataKey``, its nonces all 0x2A.
    static let sealer = BackupSealer(random: FuzzKeys.random, clock: FuzzKeys.clock)

    /// A backup of SampleVaults' every-shape vault with an escrow-key and a recovery-code
    /// slot: the file whose header every fuzzed payload is sealed under.
    static let template: [UInt8] = {
        do {
            let payload = BackupPayload(vault: try SampleVaults.everyAccountShape())
            return try sealer.seal(payload, metadata: metadata, keySlots: slots)
        } catch {
            preconditionFailure("the template backup cannot be sealed: \(error)")
        }
    }()

    static let slots: [KeySlot] = [
        .escrowKey(FuzzKeys.escrowKey, keyID: FuzzKeys.escrowKeyID), .recoveryCode(FuzzKeys.recoveryCode),
    ]

    /// The template's header bytes.
    static let templateHeader: [UInt8] = {
        guard let header = try? BackupHeader(parsing: template) else { preconditionFailure("the template has no header") }
        return Array(template[0..<header.byteCount])
    }()

    /// A well-formed file whose payload plaintext is `plaintext` (decoded or not), sealed
    /// under the template's header and data key: what a writer with this data key would
    /// produce, so the payload decoder sees the fuzzed bytes after full authentication.
    static func file(sealing plaintext: [UInt8]) -> [UInt8]? {
        let nonce = [UInt8](repeating: 0x2A, count: XChaCha20Poly1305.nonceLength)
        guard let ciphertext = try? XChaCha20Poly1305.seal(
            plaintext, key: FuzzKeys.dataKey, nonce: nonce, associatedData: templateHeader
        ) else { return nil }
        var file = templateHeader + nonce
        let length = UInt32(truncatingIfNeeded: ciphertext.count)
        file += [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
        file += ciphertext
        file += Hash.blake2b(file, outputLength: 32)
        return file
    }

    /// The payload plaintext of a file sealed by ``sealer`` (the seeds of `BackupPayload`).
    static func plaintext(of file: [UInt8]) -> [UInt8]? {
        guard let header = try? BackupHeader(parsing: file), file.count >= header.byteCount + 28 + 32 else { return nil }
        let nonce = Array(file[header.byteCount..<(header.byteCount + 24)])
        let ciphertext = file[(header.byteCount + 28)..<(file.count - 32)]
        guard let plaintext = try? XChaCha20Poly1305.open(
            ciphertext, key: FuzzKeys.dataKey, nonce: nonce, associatedData: file[0..<header.byteCount]
        ) else { return nil }
        return plaintext.withUnsafeBytes { Array($0) }
    }

    /// `bytes` with the checksum (its last 32 bytes) recomputed, so that a mutation anywhere
    /// reaches the header, slot and payload checks instead of stopping at the checksum.
    static func repairingChecksum(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 16 + 32 else { return nil }
        let body = Array(bytes[0..<(bytes.count - 32)])
        return body + Hash.blake2b(body, outputLength: 32)
    }
}

extension FuzzTarget {
    /// Whole backup files: structure, checksum, header, key slots, then the payload.
    static let backupFile = FuzzTarget(
        "BackupFile",
        "Inspecting and `SealedBackup` agree on every file; with the checksum repaired, a file opens only with its escrow key or recovery code (never a wrong key), and what opens re-seals and re-opens to an equal payload that plans a restore safely.",
        setUp: { _ = BackupSeeds.template }
    ) { bytes throws(PropertyViolation) in
        try checkFile(bytes)
        if let repaired = BackupSeeds.repairingChecksum(bytes), repaired != bytes { try checkFile(repaired) }
    }

    /// Backup payloads: fuzzed plaintext sealed under the template's header and data key,
    /// so every input is authenticated and reaches the payload decoder and the restore planner.
    static let backupPayload = FuzzTarget(
        "BackupPayload",
        "A payload plaintext sealed as a writer would either is refused as `damaged`/`tooLarge` or opens to a payload that re-seals to an equal one, and planning its restore never overwrites an existing account or gives a credential without verification.",
        setUp: { _ = BackupSeeds.templateHeader }
    ) { bytes throws(PropertyViolation) in
        guard let file = BackupSeeds.file(sealing: bytes) else { return }
        let sealed: SealedBackup
        do throws(BackupFormatError) { sealed = try SealedBackup(bytes: file) } catch {
            throw PropertyViolation("a well-formed file passes the structure checks", "\(error.caseName)")
        }
        let payload: BackupPayload
        do throws(BackupFormatError) { payload = try sealed.open(using: .escrowKey(FuzzKeys.escrowKey)) } catch {
            switch error {
            case .damaged, .tooLarge: return
            default: throw PropertyViolation("a fuzzed payload is refused as damaged or too large", "\(error.caseName)")
            }
        }
        Acceptances.note("BackupPayload")
        try checkPayload(payload, header: sealed.header)
    }

    /// Recovery codes as users type them.
    static let recoveryCode = FuzzTarget(
        "RecoveryCode",
        "A code that parses prints as six hyphenated groups of five that parse back to it (also lower-cased and without hyphens); it opens the seed backup only if it is the seed's code."
    ) { bytes throws(PropertyViolation) in
        guard let code = try? RecoveryCode(parsing: String(decoding: bytes, as: UTF8.self)) else { return }
        Acceptances.note("RecoveryCode")
        let text = code.text
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        try require(groups.count == 6 && groups.allSatisfy { $0.count == 5 }, "a code prints as six groups of five")
        for variant in [text, text.lowercased(), text.replacingOccurrences(of: "-", with: "")] {
            try require((try? RecoveryCode(parsing: variant)) == code, "a printed code parses back to itself")
        }
        if code != FuzzKeys.recoveryCode, let sealed = try? SealedBackup(bytes: BackupSeeds.template) {
            try require((try? sealed.open(using: .recoveryCode(code))) == nil, "only the seed's code opens the seed backup")
        }
    }

    /// The properties of one file (as given, or with its checksum repaired).
    private static func checkFile(_ bytes: [UInt8]) throws(PropertyViolation) {
        let sealed = try? SealedBackup(bytes: bytes)
        let inspected = try? BackupHeader(inspecting: bytes)
        try require(sealed?.header == inspected, "inspecting a file reads a header exactly when SealedBackup accepts it")
        guard let sealed else { return }
        try require((try? BackupHeader(parsing: bytes)) == sealed.header, "parsing the header of an accepted file gives its header")
        try require((try? sealed.open(using: .escrowKey(FuzzKeys.wrongEscrowKey))) == nil, "a wrong escrow key never opens a backup")
        for key in [BackupKey.escrowKey(FuzzKeys.escrowKey), .recoveryCode(FuzzKeys.recoveryCode)] {
            if let payload = try? sealed.open(using: key) {
                Acceptances.note("BackupFile")
                try checkPayload(payload, header: sealed.header)
            }
        }
    }

    /// The properties of a payload read from a file: it re-seals to an equal one, and its
    /// restore plans keep the restore rules (RestoreBehaviour.md).
    static func checkPayload(_ payload: BackupPayload, header: BackupHeader) throws(PropertyViolation) {
        let resealed: [UInt8]
        do throws(BackupFormatError) {
            resealed = try BackupSeeds.sealer.seal(
                payload, metadata: header.metadata, keySlots: [.escrowKey(FuzzKeys.escrowKey, keyID: FuzzKeys.escrowKeyID)]
            )
        } catch {
            throw PropertyViolation("a payload that was read can be written again", "\(error.caseName)")
        }
        let reopened = try? SealedBackup(bytes: resealed).open(using: .escrowKey(FuzzKeys.escrowKey))
        try require(reopened == payload, "a payload re-sealed and re-opened is equal")
        try checkRestorePlans(payload, header: header)
    }

    /// The existing vault a merge is planned onto.
    private static let existing: Vault? = try? SampleVaults.everyShape()

    private static func checkRestorePlans(_ payload: BackupPayload, header: BackupHeader) throws(PropertyViolation) {
        // Onto an empty device, without any decision of a provider: nothing gets a new credential.
        do {
            let plan = try RestorePlanner.plan(
                payload, header: header, onto: Vault(platform: .android), policy: .refuseIfNotEmpty
            )
            try require(plan.entries.count == payload.accounts.count, "a plan has one entry per backed-up account")
            try require(
                !plan.entries.contains { $0.outcome == .restoredWithNewDeviceCredential },
                "without the provider's decision no account gets a new credential"
            )
        } catch let error as BackupUnavailableReason {
            try require(error == .damaged, "a payload from a file plans, or is refused as damaged", error.caseName)
        } catch let error as PropertyViolation {
            throw error
        } catch {
            throw PropertyViolation("RestorePlanner throws its typed error", "\(error)")
        }
        // Merged onto a device with accounts, the provider allowing every other provider
        // account of the backup at once: every existing account and the settings stay exactly
        // as they were, and only an account the provider allowed gets a new credential.
        guard let existing else { return }
        var decisions: [ProviderAccountReference: ProviderDecision] = [:]
        let references = payload.accounts.compactMap { $0.providerMetadata?.providerAccountReference }
        for (index, reference) in references.enumerated() {
            decisions[reference] = index.isMultiple(of: 2) ? .enrolNow : .verify(.passwordAndAlternateContact)
        }
        guard let plan = try? RestorePlanner.plan(
            payload, header: header, onto: existing, policy: .mergeKeepingExisting, providerDecisions: decisions
        ) else { return }
        try require(plan.vault.settings == existing.settings, "a merge keeps the device's settings")
        for account in existing.accounts {
            guard let kept = plan.vault.accounts.first(where: { $0.id == account.id }) else {
                throw PropertyViolation("a merge keeps every existing account", "\(account.id.rawValue) is gone")
            }
            let differences = VaultComparison.differences(account, kept)
            try require(differences.isEmpty, "a merge never changes an existing account", differences.joined(separator: "; "))
        }
        for entry in plan.entries where entry.outcome == .restoredWithNewDeviceCredential {
            let metadata = payload.accounts.first { $0.id == entry.accountID }?.providerMetadata
            let allowed = metadata?.providerAccountReference.flatMap { decisions[$0] } == .enrolNow
            try require(
                allowed && metadata?.pushApprovalsEnabled == false,
                "only an account the provider allowed, without push approvals, gets a new credential", entry.userName
            )
        }
    }
}
