import BackupServices
import OTP
import SodiumBridge
import Foundation

// The plaintext of a local vault file: the `Vault` grammar of ``LocalVaultFormat``.

extension ByteWriter {
    /// `Vault` of the current version (2): version 1's fields, then the backup state.
    mutating func write(_ vault: Vault) {
        writeUInt64(vault.revision)
        write(vault.settings)
        writeUInt32(UInt32(truncatingIfNeeded: vault.accounts.count))
        for account in vault.accounts { write(account) }
        writeBool(vault.backupState != nil)
        if let state = vault.backupState { write(state) }
    }

    /// `BackupState` (version 2).
    mutating func write(_ state: BackupState) {
        writeString(state.recoveryAccount.rawValue)
        writeOptionalString(state.cloudIdentity?.rawValue)
        writeBool(state.session != nil)
        if let session = state.session {
            writeSecret(session.token)
            writeDate(session.expirationDate)
        }
        writeOptionalUInt64(state.lastUploadedGeneration)
        writeBool(state.lastUploadDate != nil)
        if let date = state.lastUploadDate { writeDate(date) }
        writeOptionalUInt64(state.backedUpRevision)
        withUnsafeBytes(of: state.backupID.uuid) { append($0) }
        writeOptionalString(state.lastFailure?.recordedName)
        writeOptionalString(state.lastFailure?.recordedDetail)
        if case let .generationConflict(_, cloud) = state.lastFailure {
            writeOptionalUInt64(cloud)
        } else {
            writeOptionalUInt64(nil)
        }
        writeOptionalUInt64(state.unverifiedGeneration)
    }

    /// `opt<u64>`.
    mutating func writeOptionalUInt64(_ value: UInt64?) {
        writeBool(value != nil)
        if let value { writeUInt64(value) }
    }

    /// `Settings`; custom keys in ascending order of their UTF-8 bytes.
    mutating func write(_ settings: Settings) {
        writeString(settings.platform.rawValue)
        writeBool(settings.backupEnabled)
        writeBool(settings.hidesCodes)
        writeBool(settings.groupsDigits)
        let custom = settings.custom.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        writeUInt32(UInt32(truncatingIfNeeded: custom.count))
        for (key, value) in custom {
            writeString(key)
            writeString(value)
        }
    }

    /// `Account`.
    mutating func write(_ account: Account) {
        writeString(account.id.rawValue)
        writeString(account.kind.rawValue)
        writeString(account.issuer)
        writeString(account.userName)
        writeOptionalString(account.displayName)
        writeOptionalString(account.iconReference)
        writeBool(account.token != nil)
        if let token = account.token {
            writeString(token.issuer)
            writeString(token.account)
            write(token.generator)
        }
        writeOptionalString(account.providerAccountReference)
        writeBool(account.pushApprovalsEnabled)
        writeBool(account.deviceCredential != nil)
        if let credential = account.deviceCredential {
            writeString(credential.id)
            writeDate(credential.createdAt)
            // libsodium keeps an Ed25519 secret key as seed ‖ public key; the seed is enough.
            credential.signingKey.secretKey.withUnsafeBytes { key in
                writeLengthPrefixed(UnsafeRawBufferPointer(rebasing: key.prefix(Ed25519.seedLength)))
            }
            write(credential.generator)
        }
        switch account.restoreState {
        case .active:
            writeByte(0)
        case let .needsVerification(method):
            writeByte(1)
            writeString(method.rawValue)
        }
        writeDate(account.createdAt)
        writeDate(account.modifiedAt)
    }

    /// `Generator`.
    mutating func write(_ generator: Generator) {
        switch generator.factor {
        case let .counter(counter):
            writeByte(0)
            writeUInt64(counter)
        case let .timer(period, t0):
            writeByte(1)
            writeInt64(period)
            writeInt64(t0)
        }
        writeString(generator.algorithm.rawValue)
        switch generator.format {
        case let .decimal(digits):
            writeByte(0)
            writeByte(UInt8(truncatingIfNeeded: digits))
        case .steam:
            writeByte(1)
        }
        writeSecret(generator.secret)
    }
}

extension ByteReader {
    /// `Vault` of format `version` (1: no backup state; 2: with it).
    mutating func readVault(version: UInt16) throws(Malformed) -> Vault {
        let revision = try readUInt64("revision")
        let settings = try readSettings()
        // The smallest account is well over 32 bytes; 32 bounds the count safely.
        let count = try readCount("number of accounts", minimumItemSize: 32)
        var accounts: [Account] = []
        accounts.reserveCapacity(count)
        for _ in 0..<count { accounts.append(try readAccount()) }
        var backupState: BackupState?
        if version >= 2, try readBool("backup state flag") {
            backupState = try readBackupState()
        }
        return Vault(accounts: accounts, settings: settings, revision: revision, backupState: backupState)
    }

    /// `BackupState` (version 2).
    mutating func readBackupState() throws(Malformed) -> BackupState {
        let recoveryAccount = RecoveryAccountName(try readString("recovery account"))
        let cloudIdentity = try readOptionalString("cloud identity").map(CloudIdentity.init(rawValue:))
        var session: RecoverySession?
        if try readBool("session flag") {
            let token = try readSecret("session token")
            session = RecoverySession(
                userName: recoveryAccount, token: token, expirationDate: try readDate("session expiry"))
        }
        let lastUploadedGeneration = try readOptionalUInt64("last uploaded generation")
        let lastUploadDate = try readBool("last upload date flag") ? try readDate("last upload date") : nil
        let backedUpRevision = try readOptionalUInt64("backed-up revision")
        let idBytes = try take(16, "backup identifier")
        let backupID = UUID(uuid: (
            idBytes[0], idBytes[1], idBytes[2], idBytes[3], idBytes[4], idBytes[5], idBytes[6], idBytes[7],
            idBytes[8], idBytes[9], idBytes[10], idBytes[11], idBytes[12], idBytes[13], idBytes[14], idBytes[15]
        ))
        let failureName = try readOptionalString("last failure")
        let failureDetail = try readOptionalString("last failure detail")
        let conflictingGeneration = try readOptionalUInt64("conflicting generation")
        let unverifiedGeneration = try readOptionalUInt64("unverified generation")
        let lastFailure = failureName.flatMap {
            BackupFailure(
                recordedName: $0, detail: failureDetail, local: unverifiedGeneration ?? lastUploadedGeneration,
                cloud: conflictingGeneration)
        }
        return BackupState(
            recoveryAccount: recoveryAccount,
            cloudIdentity: cloudIdentity,
            session: session,
            lastUploadedGeneration: lastUploadedGeneration,
            lastUploadDate: lastUploadDate,
            backedUpRevision: backedUpRevision,
            backupID: backupID,
            lastFailure: lastFailure,
            unverifiedGeneration: unverifiedGeneration
        )
    }

    /// `opt<u64>`.
    mutating func readOptionalUInt64(_ what: String) throws(Malformed) -> UInt64? {
        try readBool(what) ? try readUInt64(what) : nil
    }

    /// `Settings`.
    mutating func readSettings() throws(Malformed) -> Settings {
        let platform = try readRawValue(Platform.self, "platform")
        let backupEnabled = try readBool("backupEnabled")
        let hidesCodes = try readBool("hidesCodes")
        let groupsDigits = try readBool("groupsDigits")
        let count = try readCount("number of custom settings", minimumItemSize: 8)
        var custom: [String: String] = [:]
        for _ in 0..<count {
            let key = try readString("custom setting key")
            let value = try readString("custom setting value")
            guard custom.updateValue(value, forKey: key) == nil else {
                throw Malformed(reason: "a custom setting key appears twice")
            }
        }
        return Settings(
            platform: platform, backupEnabled: backupEnabled, hidesCodes: hidesCodes,
            groupsDigits: groupsDigits, custom: custom
        )
    }

    /// `Account`.
    mutating func readAccount() throws(Malformed) -> Account {
        let id = AccountID(rawValue: try readString("account identifier"))
        let kind = try readRawValue(AccountKind.self, "account kind")
        let issuer = try readString("issuer")
        let userName = try readString("user name")
        let displayName = try readOptionalString("display name")
        let iconReference = try readOptionalString("icon reference")
        var token: Token?
        if try readBool("token flag") {
            let tokenIssuer = try readString("token issuer")
            let tokenAccount = try readString("token account")
            token = Token(issuer: tokenIssuer, account: tokenAccount, generator: try readGenerator())
        }
        let providerReference = try readOptionalString("provider account reference")
        let pushApprovalsEnabled = try readBool("push approvals flag")
        var credential: DeviceCredential?
        if try readBool("device credential flag") {
            credential = try readDeviceCredential()
        }
        let restoreState: RestoreState
        switch try readByte("restore state") {
        case 0: restoreState = .active
        case 1: restoreState = .needsVerification(try readRawValue(VerificationMethod.self, "verification method"))
        case let other: throw Malformed(reason: "unknown restore state \(other)")
        }
        let createdAt = try readDate("creation time")
        let modifiedAt = try readDate("modification time")
        return Account(
            id: id, kind: kind, issuer: issuer, userName: userName, displayName: displayName,
            iconReference: iconReference, token: token, providerAccountReference: providerReference,
            pushApprovalsEnabled: pushApprovalsEnabled, deviceCredential: credential,
            restoreState: restoreState, createdAt: createdAt, modifiedAt: modifiedAt
        )
    }

    /// `DeviceCredential`.
    mutating func readDeviceCredential() throws(Malformed) -> DeviceCredential {
        let id = try readString("device credential identifier")
        let createdAt = try readDate("device credential creation time")
        let seed = try readSecret("device credential signing seed")
        let signingKey: Ed25519.KeyPair
        do {
            signingKey = try Ed25519.KeyPair(seed: seed)
        } catch {
            throw Malformed(reason: "the device credential's signing seed has \(seed.count) bytes")
        }
        let generator = try readGenerator()
        return DeviceCredential(id: id, createdAt: createdAt, signingKey: signingKey, generator: generator)
    }

    /// `Generator`, validated by `Generator.init`.
    mutating func readGenerator() throws(Malformed) -> Generator {
        let factor: Factor
        switch try readByte("OTP factor") {
        case 0: factor = .counter(try readUInt64("HOTP counter"))
        case 1: factor = .timer(period: try readInt64("TOTP period"), t0: try readInt64("TOTP T0"))
        case let other: throw Malformed(reason: "unknown OTP factor \(other)")
        }
        let algorithm = try readRawValue(Algorithm.self, "OTP algorithm")
        let format: CodeFormat
        switch try readByte("code format") {
        case 0: format = .decimal(digits: Int(try readByte("digits")))
        case 1: format = .steam
        case let other: throw Malformed(reason: "unknown code format \(other)")
        }
        let secret = try readSecret("OTP secret")
        do {
            return try Generator(factor: factor, secret: secret, algorithm: algorithm, format: format)
        } catch {
            throw Malformed(reason: "invalid OTP parameters (\(error))")
        }
    }

    /// A `str` that must be one of `Value`'s raw values.
    private mutating func readRawValue<Value: RawRepresentable>(
        _: Value.Type, _ what: String
    ) throws(Malformed) -> Value where Value.RawValue == String {
        let raw = try readString(what)
        guard let value = Value(rawValue: raw) else { throw Malformed(reason: "unknown \(what) \"\(raw)\"") }
        return value
    }
}
