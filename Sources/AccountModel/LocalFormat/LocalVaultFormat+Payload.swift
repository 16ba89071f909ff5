import BackupServices
import OTP
import SodiumBridge
import Foundation

// The plaintext of a version 3 local vault file: the `Vault` grammar of ``LocalVaultFormat``.
// Settings and accounts are in the record encoding a backup payload uses (``RecordCoding``);
// what only this device has (revision, each account's modification time and device state,
// the backup state) is in the envelope around them.

/// The codes of an account's device state in version 3.
enum DeviceStateCode {
    /// A third-party account: no device state.
    static let thirdParty: UInt8 = 0
    /// ``Account/DeviceState/awaitingEnrolment``.
    static let awaitingEnrolment: UInt8 = 1
    /// ``Account/DeviceState/enrolled(_:scannedSecret:)``.
    static let enrolled: UInt8 = 2
    /// ``Account/DeviceState/scannedSecret(_:)``.
    static let scannedSecret: UInt8 = 3
    /// ``Account/DeviceState/awaitingVerification(_:)``.
    static let awaitingVerification: UInt8 = 4
}

/// The longest text of the envelope (recovery account, cloud identity, failure names and
/// details): what a `u16` length can say.
let envelopeTextLimit = Int(UInt16.max)

extension ByteWriter where Failure == LocalFormatFailure {
    /// `Vault` (version 3).
    mutating func write(_ vault: Vault) throws(Failure) {
        append(uint64: vault.revision)
        try RecordCoding.encodeSettingsRecord(vault.settings, into: &self, limits: .localFile)
        guard vault.accounts.count <= RecordLimits.localFile.maximumAccounts else {
            throw .tooLarge(field: "accounts", limit: RecordLimits.localFile.maximumAccounts)
        }
        append(uint32: UInt32(vault.accounts.count))
        for account in vault.accounts {
            try RecordCoding.encodeAccountRecord(account.record, into: &self, limits: .localFile)
            try writeDevicePart(of: account)
        }
        append(bool: vault.backupState != nil)
        if let state = vault.backupState { try write(state) }
    }

    /// `DevicePart`: the modification time and the device state.
    private mutating func writeDevicePart(of account: Account) throws(Failure) {
        try append(date64: account.modifiedAt)
        guard case let .provider(details) = account.content else {
            append(DeviceStateCode.thirdParty)
            return
        }
        switch details.device {
        case .awaitingEnrolment:
            append(DeviceStateCode.awaitingEnrolment)
        case let .enrolled(credential, scanned):
            append(DeviceStateCode.enrolled)
            try write(credential)
            append(bool: scanned != nil)
            if let scanned { try RecordCoding.encode(TokenRecord(scanned), into: &self, limits: .localFile) }
        case let .scannedSecret(generator):
            append(DeviceStateCode.scannedSecret)
            try RecordCoding.encode(TokenRecord(generator), into: &self, limits: .localFile)
        case let .awaitingVerification(method):
            append(DeviceStateCode.awaitingVerification)
            append(method.formatCode)
        }
    }

    /// `DeviceCredential`.
    private mutating func write(_ credential: DeviceCredential) throws(Failure) {
        try append(text: credential.id, field: "device credential identifier", limit: RecordLimits.localFile.maximumTextLength)
        try append(date64: credential.createdAt)
        // libsodium keeps an Ed25519 secret key as seed ‖ public key; the seed is enough.
        credential.signingKey.secretKey.withUnsafeBytes { key in
            append(contentsOf: UnsafeRawBufferPointer(rebasing: key.prefix(Ed25519.seedLength)))
        }
        try RecordCoding.encode(TokenRecord(credential.generator), into: &self, limits: .localFile)
    }

    /// `BackupState` (version 5).
    private mutating func write(_ state: BackupState) throws(Failure) {
        try append(text: state.recoveryAccount.rawValue, field: "recovery account", limit: envelopeTextLimit)
        try append(optionalText: state.cloudIdentity?.rawValue, field: "cloud identity", limit: envelopeTextLimit)
        append(bool: state.session != nil)
        if let session = state.session {
            guard session.token.count <= Int(UInt16.max) else {
                throw .tooLarge(field: "session token", limit: Int(UInt16.max))
            }
            append(uint16: UInt16(session.token.count))
            session.token.withUnsafeBytes { append(contentsOf: $0) }
            try append(date64: session.expirationDate)
        }
        append(optionalUInt64: state.lastUploadedGeneration)
        append(bool: state.lastUploadDate != nil)
        if let date = state.lastUploadDate { try append(date64: date) }
        append(optionalUInt64: state.backedUpRevision)
        append(state.backupID.formatBytes)
        try append(optionalText: state.lastFailure?.recordedName, field: "last failure", limit: envelopeTextLimit)
        // A reason is for people: cut, at a character boundary, rather than refuse the save.
        let detail = state.lastFailure?.recordedDetail.map { Self.clipped($0, toUTF8Count: envelopeTextLimit) }
        try append(optionalText: detail, field: "last failure detail", limit: envelopeTextLimit)
        switch state.lastFailure {
        case let .generationConflict(_, cloud): append(optionalUInt64: cloud)
        case let .backupRolledBack(found, _): append(optionalUInt64: found)
        default: append(optionalUInt64: nil)
        }
        append(optionalUInt64: state.unverifiedGeneration)
        // Version 4: the backup's health.
        append(bool: state.lastVerified != nil)
        if let date = state.lastVerified { try append(date64: date) }
        append(bool: state.failingSince != nil)
        if let date = state.failingSince { try append(date64: date) }
        // Version 5: the upload under way.
        append(bool: state.uploadIntent != nil)
        if let intent = state.uploadIntent {
            append(uint64: intent.generation)
            append(intent.digest)
        }
    }

    /// `text` cut to at most `limit` UTF-8 bytes, at a character boundary.
    private static func clipped(_ text: String, toUTF8Count limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var result = ""
        for character in text {
            guard result.utf8.count + character.utf8.count <= limit else { break }
            result.append(character)
        }
        return result
    }
}

extension Account {
    /// What the record encoding holds of the account: all but its modification time and
    /// device state.
    var record: EncodedAccount {
        // The issuer and user name from the one switch (what ``issuer`` and ``userName`` read),
        // not from their getters, each of which copies the content again.
        let content: EncodedAccount.Content
        let issuer: String
        let userName: String
        switch self.content {
        case let .thirdParty(token):
            content = .thirdParty(TokenRecord(token.generator))
            (issuer, userName) = (token.issuer, token.account)
        case let .provider(details):
            content = .provider(details.kind, reference: details.reference, pushApprovalsEnabled: details.pushApprovalsEnabled)
            (issuer, userName) = (details.issuer, details.userName)
        }
        return EncodedAccount(
            id: id, issuer: issuer, userName: userName, displayName: displayName, iconReference: iconReference,
            createdAt: createdAt, content: content)
    }
}

extension ByteReader where Failure == LocalFormatFailure {
    /// `Vault` (version 3 or 4), whose secrets are in `plaintext` (the buffer this reader reads).
    mutating func readVault(plaintext: SecureBytes, version: UInt16) throws(Failure) -> Vault {
        let revision = try readUInt64("revision")
        let settings = try RecordCoding.decodeSettingsRecord(&self, limits: .localFile)
        let count = try readCount("number of accounts", minimumItemSize: RecordCoding.minimumAccountRecordLength + 9)
        guard count <= RecordLimits.localFile.maximumAccounts else { throw .tooLarge(field: "accounts", limit: RecordLimits.localFile.maximumAccounts) }
        var accounts: [Account] = []
        accounts.reserveCapacity(count)
        for _ in 0..<count {
            let record = try RecordCoding.decodeAccountRecord(&self, plaintext: plaintext, limits: .localFile)
            accounts.append(try readAccount(record, plaintext: plaintext))
        }
        var backupState: BackupState?
        if try readBool("backup state flag") {
            backupState = try readBackupState(version: version)
        }
        return Vault(accounts: accounts, settings: settings, revision: revision, backupState: backupState)
    }

    /// The account of `record` with its `DevicePart`.
    private mutating func readAccount(_ record: EncodedAccount, plaintext: SecureBytes) throws(Failure) -> Account {
        let modifiedAt = try readDate64("modification time")
        let code = try readUInt8("device state")
        let content: Account.Content
        switch record.content {
        case let .thirdParty(tokenRecord):
            guard code == DeviceStateCode.thirdParty else { throw .malformed("a third-party account has device state \(code)") }
            content = .thirdParty(
                Token(issuer: record.issuer, account: record.userName, generator: try generator(of: tokenRecord, "OTP token")))
        case let .provider(kind, reference, push):
            let device: Account.DeviceState
            switch code {
            case DeviceStateCode.awaitingEnrolment:
                device = .awaitingEnrolment
            case DeviceStateCode.enrolled:
                let credential = try readDeviceCredential(plaintext: plaintext)
                let scanned = try readBool("scanned secret flag") ? try readGenerator("scanned secret", plaintext: plaintext) : nil
                device = .enrolled(credential, scannedSecret: scanned)
            case DeviceStateCode.scannedSecret:
                device = .scannedSecret(try readGenerator("scanned secret", plaintext: plaintext))
            case DeviceStateCode.awaitingVerification:
                let methodCode = try readUInt8("verification method")
                guard let method = VerificationMethod(formatCode: methodCode) else {
                    throw .malformed("unknown verification method \(methodCode)")
                }
                device = .awaitingVerification(method)
            default:
                throw .malformed("a provider account has device state \(code)")
            }
            content = .provider(Account.ProviderDetails(
                kind: kind, issuer: record.issuer, userName: record.userName, reference: reference,
                pushApprovalsEnabled: push, device: device))
        }
        return Account(
            id: record.id, displayName: record.displayName, iconReference: record.iconReference,
            createdAt: record.createdAt, modifiedAt: modifiedAt, content: content)
    }

    /// `DeviceCredential`.
    private mutating func readDeviceCredential(plaintext: SecureBytes) throws(Failure) -> DeviceCredential {
        let id = try readText(field: "device credential identifier", limit: RecordLimits.localFile.maximumTextLength)
        let createdAt = try readDate64("device credential creation time")
        let seedBytes = try readBytes(Ed25519.seedLength, "device credential signing seed")
        let seed = SecureBytes(count: seedBytes.count) { $0.copyMemory(from: seedBytes) }
        let signingKey: Ed25519.KeyPair
        do {
            signingKey = try Ed25519.KeyPair(seed: seed)
        } catch {
            throw .malformed("the device credential's signing seed cannot make a key pair")
        }
        return DeviceCredential(
            id: id, createdAt: createdAt, signingKey: signingKey, generator: try readGenerator("device credential generator", plaintext: plaintext))
    }

    /// A `Token` of the record encoding, as a generator whose secret is copied out of
    /// `plaintext` into secure memory of its own.
    private mutating func readGenerator(_ what: String, plaintext: SecureBytes) throws(Failure) -> Generator {
        try generator(of: try RecordCoding.decodeToken(&self, plaintext: plaintext, limits: .localFile), what)
    }

    /// The generator of `record`, validated by `Generator.init`.
    private func generator(of record: TokenRecord, _ what: String) throws(Failure) -> Generator {
        do {
            return try record.makeGenerator()
        } catch {
            throw .malformed("\(what) has invalid OTP parameters (\(error.caseName))")
        }
    }

    /// `BackupState` (version 3, 4 with the health fields, 5 with the upload intent).
    private mutating func readBackupState(version: UInt16) throws(Failure) -> BackupState {
        let recoveryAccount = RecoveryAccountName(try readText(field: "recovery account", limit: envelopeTextLimit))
        let cloudIdentity = try readOptionalText(field: "cloud identity", limit: envelopeTextLimit)
            .map(CloudIdentity.init(rawValue:))
        var session: RecoverySession?
        if try readBool("session flag") {
            let length = Int(try readUInt16("session token length"))
            let bytes = try readBytes(length, "session token")
            let token = SecureBytes(count: bytes.count) { $0.copyMemory(from: bytes) }
            session = RecoverySession(userName: recoveryAccount, token: token, expirationDate: try readDate64("session expiry"))
        }
        let lastUploadedGeneration = try readOptionalUInt64("last uploaded generation")
        let lastUploadDate = try readBool("last upload date flag") ? try readDate64("last upload date") : nil
        let backedUpRevision = try readOptionalUInt64("backed-up revision")
        let backupID = UUID(formatBytes: try readBytes(16, "backup identifier"))
        let failureName = try readOptionalText(field: "last failure", limit: envelopeTextLimit)
        let failureDetail = try readOptionalText(field: "last failure detail", limit: envelopeTextLimit)
        let conflictingGeneration = try readOptionalUInt64("conflicting generation")
        let unverifiedGeneration = try readOptionalUInt64("unverified generation")
        var lastVerified: Date?
        var failingSince: Date?
        if version >= 4 {
            lastVerified = try readBool("last verified flag") ? try readDate64("last verified") : nil
            failingSince = try readBool("failing since flag") ? try readDate64("failing since") : nil
        }
        var uploadIntent: BackupFingerprint?
        if version >= 5, try readBool("upload intent flag") {
            let generation = try readUInt64("upload intent generation")
            uploadIntent = BackupFingerprint(
                generation: generation, digest: Array(try readBytes(BackupFingerprint.digestLength, "upload intent digest")))
        }
        let lastFailure = failureName.flatMap {
            BackupFailure(
                recordedName: $0, detail: failureDetail, local: unverifiedGeneration ?? lastUploadedGeneration,
                cloud: conflictingGeneration)
        }
        return BackupState(
            recoveryAccount: recoveryAccount, cloudIdentity: cloudIdentity, session: session,
            lastUploadedGeneration: lastUploadedGeneration, lastUploadDate: lastUploadDate,
            backedUpRevision: backedUpRevision, backupID: backupID, lastFailure: lastFailure,
            unverifiedGeneration: unverifiedGeneration, lastVerified: lastVerified, failingSince: failingSince,
            uploadIntent: uploadIntent)
    }
}
