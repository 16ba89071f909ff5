import BackupServices
import OTP
import SodiumBridge
import Foundation

// The plaintext of versions 1 and 2 of the local vault file, which this SDK still reads (and
// rewrites as version 3 on the next save): the "Versions 1 and 2" grammar of
// ``LocalVaultFormat``.

/// What a reader of the local vault file throws.
typealias Malformed = LocalFormatFailure

extension ByteReader where Failure == LocalFormatFailure {
    /// `Vault` of format `version` (1: no backup state; 2: with it).
    mutating func readLegacyVault(version: UInt16) throws(Malformed) -> Vault {
        let revision = try readUInt64("revision")
        let settings = try readLegacySettings()
        // The smallest account is well over 32 bytes; 32 bounds the count safely.
        let count = try readCount("number of accounts", minimumItemSize: 32)
        var accounts: [Account] = []
        accounts.reserveCapacity(count)
        for _ in 0..<count { accounts.append(try readLegacyAccount()) }
        var backupState: BackupState?
        if version >= 2, try readBool("backup state flag") {
            backupState = try readLegacyBackupState()
        }
        return Vault(accounts: accounts, settings: settings, revision: revision, backupState: backupState)
    }

    /// `BackupState` (version 2).
    mutating func readLegacyBackupState() throws(Malformed) -> BackupState {
        let recoveryAccount = RecoveryAccountName(try readString32("recovery account"))
        let cloudIdentity = try readOptionalString32("cloud identity").map(CloudIdentity.init(rawValue:))
        var session: RecoverySession?
        if try readBool("session flag") {
            let token = try readSecret32("session token")
            session = RecoverySession(
                userName: recoveryAccount, token: token, expirationDate: try readDate64("session expiry"))
        }
        let lastUploadedGeneration = try readOptionalUInt64("last uploaded generation")
        let lastUploadDate = try readBool("last upload date flag") ? try readDate64("last upload date") : nil
        let backedUpRevision = try readOptionalUInt64("backed-up revision")
        let idBytes = try readBytes(16, "backup identifier")
        let backupID = UUID(uuid: (
            idBytes[0], idBytes[1], idBytes[2], idBytes[3], idBytes[4], idBytes[5], idBytes[6], idBytes[7],
            idBytes[8], idBytes[9], idBytes[10], idBytes[11], idBytes[12], idBytes[13], idBytes[14], idBytes[15]
        ))
        let failureName = try readOptionalString32("last failure")
        let failureDetail = try readOptionalString32("last failure detail")
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

    /// `Settings`.
    mutating func readLegacySettings() throws(Malformed) -> Settings {
        let platform = try readRawValue(Platform.self, "platform")
        let backupEnabled = try readBool("backupEnabled")
        let hidesCodes = try readBool("hidesCodes")
        let groupsDigits = try readBool("groupsDigits")
        let count = try readCount("number of custom settings", minimumItemSize: 8)
        var custom: [String: String] = [:]
        for _ in 0..<count {
            let key = try readString32("custom setting key")
            let value = try readString32("custom setting value")
            guard custom.updateValue(value, forKey: key) == nil else {
                throw .malformed("a custom setting key appears twice")
            }
        }
        return Settings(
            platform: platform, backupEnabled: backupEnabled, hidesCodes: hidesCodes,
            groupsDigits: groupsDigits, custom: custom
        )
    }

    /// `Account`.
    mutating func readLegacyAccount() throws(Malformed) -> Account {
        let id = AccountID(rawValue: try readString32("account identifier"))
        let kind = try readRawValue(AccountKind.self, "account kind")
        let issuer = try readString32("issuer")
        let userName = try readString32("user name")
        let displayName = try readOptionalString32("display name")
        let iconReference = try readOptionalString32("icon reference")
        var token: Token?
        if try readBool("token flag") {
            let tokenIssuer = try readString32("token issuer")
            let tokenAccount = try readString32("token account")
            token = Token(issuer: tokenIssuer, account: tokenAccount, generator: try readLegacyGenerator())
        }
        let providerReference = try readOptionalString32("provider account reference")
        let pushApprovalsEnabled = try readBool("push approvals flag")
        var credential: DeviceCredential?
        if try readBool("device credential flag") {
            credential = try readLegacyDeviceCredential()
        }
        let restoreState: RestoreState
        switch try readUInt8("restore state") {
        case 0: restoreState = .active
        case 1: restoreState = .needsVerification(try readRawValue(VerificationMethod.self, "verification method"))
        case let other: throw .malformed("unknown restore state \(other)")
        }
        let createdAt = try readDate64("creation time")
        let modifiedAt = try readDate64("modification time")
        let content: Account.Content
        if let providerKind = Account.ProviderKind(kind) {
            // Versions 1 and 2 kept the device state in three independent fields; the state
            // they meant: waiting for verification wins (no codes were made), then the
            // credential (it made the codes), then a scanned token, else not yet enrolled.
            let device: Account.DeviceState
            switch (restoreState, credential, token) {
            case let (.needsVerification(method), _, _): device = .awaitingVerification(method)
            case let (.active, credential?, token): device = .enrolled(credential, scannedSecret: token?.generator)
            case let (.active, nil, token?): device = .scannedSecret(token.generator)
            case (.active, nil, nil): device = .awaitingEnrolment
            }
            content = .provider(Account.ProviderDetails(
                kind: providerKind, issuer: issuer, userName: userName,
                reference: providerReference.map(ProviderAccountReference.init(rawValue:)),
                pushApprovalsEnabled: pushApprovalsEnabled, device: device))
        } else {
            // A third-party account is its token: without one the file is damaged. The
            // account's own issuer and user name were kept equal to the token's label.
            guard var token else { throw .malformed("a third-party account has no OTP token") }
            token.issuer = issuer
            token.account = userName
            content = .thirdParty(token)
        }
        return Account(
            id: id, displayName: displayName, iconReference: iconReference,
            createdAt: createdAt, modifiedAt: modifiedAt, content: content
        )
    }

    /// `DeviceCredential`.
    mutating func readLegacyDeviceCredential() throws(Malformed) -> DeviceCredential {
        let id = try readString32("device credential identifier")
        let createdAt = try readDate64("device credential creation time")
        let seed = try readSecret32("device credential signing seed")
        let signingKey: Ed25519.KeyPair
        do {
            signingKey = try Ed25519.KeyPair(seed: seed)
        } catch {
            throw .malformed("the device credential's signing seed has \(seed.count) bytes")
        }
        let generator = try readLegacyGenerator()
        return DeviceCredential(id: id, createdAt: createdAt, signingKey: signingKey, generator: generator)
    }

    /// `Generator`, validated by `Generator.init`.
    mutating func readLegacyGenerator() throws(Malformed) -> Generator {
        let factor: Factor
        switch try readUInt8("OTP factor") {
        case 0: factor = .counter(try readUInt64("HOTP counter"))
        case 1: factor = .timer(period: try readInt64("TOTP period"), t0: try readInt64("TOTP T0"))
        case let other: throw .malformed("unknown OTP factor \(other)")
        }
        let algorithm = try readRawValue(Algorithm.self, "OTP algorithm")
        let format: CodeFormat
        switch try readUInt8("code format") {
        case 0: format = .decimal(digits: Int(try readUInt8("digits")))
        case 1: format = .steam
        case let other: throw .malformed("unknown code format \(other)")
        }
        let secret = try readSecret32("OTP secret")
        do {
            return try Generator(factor: factor, secret: secret, algorithm: algorithm, format: format)
        } catch {
            throw .malformed("invalid OTP parameters (\(error))")
        }
    }

    /// A `str` that must be one of `Value`'s raw values.
    private mutating func readRawValue<Value: RawRepresentable>(
        _: Value.Type, _ what: String
    ) throws(Malformed) -> Value where Value.RawValue == String {
        let raw = try readString32(what)
        guard let value = Value(rawValue: raw) else { throw .malformed("unknown \(what) \"\(raw)\"") }
        return value
    }
}
