import OTP
import Foundation

/// One account in the vault: what it is (``content``) and how the user labelled it.
///
/// An account is either a third-party account, which *is* its OTP token, or an account of an
/// identity provider (personal or work or school), which the provider knows by a
/// ``ProviderAccountReference`` and which this device may or may not be enrolled for yet.
/// Each fact is stated once: a third-party account's issuer and user name are its token's,
/// a provider account's are in its ``ProviderDetails``. ``issuer``, ``userName``, ``kind``
/// and ``generator`` are read from there.
public struct Account: Sendable, Identifiable {
    /// Stable identifier.
    public let id: AccountID
    /// A name the user chose to show instead, if any.
    public var displayName: String?
    /// An app-defined reference to an icon (asset name, URL…), if any.
    public var iconReference: String?
    /// When the account was added (on the first device; kept through restores). Kept to the
    /// millisecond, as the vault file and backups store it.
    public let createdAt: Date
    /// When it last changed.
    public var modifiedAt: Date
    /// What the account is: a third-party token, or a provider account with its device state.
    public var content: Content

    /// What an account is.
    public enum Content: Sendable {
        /// Any other service (Google, GitHub, Facebook…) that gave the user an OTP secret:
        /// the token is the account (its issuer and account name are the account's).
        case thirdParty(Token)
        /// An account of the app's own identity provider or of an organisation's.
        case provider(ProviderDetails)
    }

    /// The two kinds of identity provider an account can belong to.
    public enum ProviderKind: String, Sendable, Hashable, CaseIterable, Codable {
        /// The app's own identity provider (``AccountKind/personal``).
        case personal
        /// An organisation's identity provider (``AccountKind/workOrSchool``).
        case workOrSchool = "work-or-school"

        /// The same kind as an ``AccountKind``.
        public var accountKind: AccountKind {
            switch self {
            case .personal: return .personal
            case .workOrSchool: return .workOrSchool
            }
        }

        /// The provider kind of `kind`, or `nil` for ``AccountKind/thirdParty``.
        public init?(_ kind: AccountKind) {
            switch kind {
            case .personal: self = .personal
            case .workOrSchool: self = .workOrSchool
            case .thirdParty: return nil
            }
        }

        /// How the user proves who they are for a restored account of this kind.
        public var verificationMethod: VerificationMethod {
            switch self {
            case .personal: return .passwordAndAlternateContact
            case .workOrSchool: return .providerQRCode
            }
        }
    }

    /// A personal or work-or-school account: who it is at the provider, and how far this
    /// device is with it.
    public struct ProviderDetails: Sendable {
        /// Personal, or work or school.
        public var kind: ProviderKind
        /// The provider or organisation, e.g. `Contoso`.
        public var issuer: String
        /// The user's name there.
        public var userName: String
        /// The provider's reference for the account (e.g. its user id); `nil` for an account
        /// added from a QR code that named none.
        public var reference: ProviderAccountReference?
        /// Whether push approvals are on.
        public var pushApprovalsEnabled: Bool
        /// Whether this device is enrolled, holds a scanned secret, or waits.
        public var device: DeviceState

        /// A provider account's details.
        public init(
            kind: ProviderKind,
            issuer: String,
            userName: String,
            reference: ProviderAccountReference? = nil,
            pushApprovalsEnabled: Bool = false,
            device: DeviceState
        ) {
            self.kind = kind
            self.issuer = issuer
            self.userName = userName
            self.reference = reference
            self.pushApprovalsEnabled = pushApprovalsEnabled
            self.device = device
        }
    }

    /// How far this device is with a provider account. Device-local: a backup carries none
    /// of it, so a restored account always starts ``awaitingVerification(_:)``.
    public enum DeviceState: Sendable {
        /// Added by signing in to the provider account; the device has no credential for it
        /// yet (`DeviceEnrolment` mints one). No codes.
        case awaitingEnrolment
        /// This device holds a credential of its own (``DeviceCredential``), which makes the
        /// codes and signs push approvals; `scannedSecret` is the OTP secret the account was
        /// added with from the provider's QR code, if it was (kept, not used for codes).
        case enrolled(DeviceCredential, scannedSecret: Generator? = nil)
        /// An OTP secret scanned from the provider's QR code, bound to this device (never
        /// backed up), makes the codes; no credential.
        case scannedSecret(Generator)
        /// Restored as metadata only; works again after the user verifies with the method,
        /// when a new device credential is minted.
        case awaitingVerification(VerificationMethod)
    }

    /// A third-party account: the token, with its issuer and account name.
    /// `modifiedAt` defaults to `createdAt`.
    public init(
        id: AccountID = AccountID(),
        token: Token,
        displayName: String? = nil,
        iconReference: String? = nil,
        createdAt: Date,
        modifiedAt: Date? = nil
    ) {
        self.init(
            id: id, displayName: displayName, iconReference: iconReference, createdAt: createdAt,
            modifiedAt: modifiedAt, content: .thirdParty(token))
    }

    /// A personal or work-or-school account. `modifiedAt` defaults to `createdAt`.
    public init(
        id: AccountID = AccountID(),
        provider: ProviderDetails,
        displayName: String? = nil,
        iconReference: String? = nil,
        createdAt: Date,
        modifiedAt: Date? = nil
    ) {
        self.init(
            id: id, displayName: displayName, iconReference: iconReference, createdAt: createdAt,
            modifiedAt: modifiedAt, content: .provider(provider))
    }

    /// An account with the given content. `createdAt` is rounded to the millisecond;
    /// `modifiedAt` defaults to it.
    public init(
        id: AccountID = AccountID(),
        displayName: String? = nil,
        iconReference: String? = nil,
        createdAt: Date,
        modifiedAt: Date? = nil,
        content: Content
    ) {
        let created = Date(millisecondsSince1970: createdAt.millisecondsSince1970)
        self.id = id
        self.displayName = displayName
        self.iconReference = iconReference
        self.createdAt = created
        self.modifiedAt = modifiedAt ?? created
        self.content = content
    }
}

extension Account {
    /// Personal, work or school, or third party.
    public var kind: AccountKind {
        switch content {
        case .thirdParty: return .thirdParty
        case let .provider(details): return details.kind.accountKind
        }
    }

    /// The service or organisation, e.g. `GitHub` or `Contoso`: a third-party token's issuer,
    /// or a provider account's. Setting it relabels that one place.
    public var issuer: String {
        get {
            switch content {
            case let .thirdParty(token): return token.issuer
            case let .provider(details): return details.issuer
            }
        }
        set {
            switch content {
            case var .thirdParty(token):
                token.issuer = newValue
                content = .thirdParty(token)
            case var .provider(details):
                details.issuer = newValue
                content = .provider(details)
            }
        }
    }

    /// The user's name there: a third-party token's account name, or a provider account's
    /// user name. Setting it relabels that one place.
    public var userName: String {
        get {
            switch content {
            case let .thirdParty(token): return token.account
            case let .provider(details): return details.userName
            }
        }
        set {
            switch content {
            case var .thirdParty(token):
                token.account = newValue
                content = .thirdParty(token)
            case var .provider(details):
                details.userName = newValue
                content = .provider(details)
            }
        }
    }

    /// The OTP token: a third-party account's, or — labelled with the account's issuer and
    /// user name — the secret a provider account was scanned with; `nil` otherwise.
    public var token: Token? {
        switch content {
        case let .thirdParty(token):
            return token
        case let .provider(details):
            return details.scannedSecret.map { Token(issuer: details.issuer, account: details.userName, generator: $0) }
        }
    }

    /// The details of a personal or work-or-school account; `nil` for a third-party one.
    public var provider: ProviderDetails? {
        if case let .provider(details) = content { return details }
        return nil
    }

    /// The provider's reference of a personal or work-or-school account, if it has one.
    public var providerAccountReference: ProviderAccountReference? { provider?.reference }

    /// Whether push approvals are on (only ever for personal and work-or-school accounts).
    public var pushApprovalsEnabled: Bool { provider?.pushApprovalsEnabled ?? false }

    /// The credential minted on this device for a provider account, if it is enrolled.
    /// Never exported.
    public var deviceCredential: DeviceCredential? {
        if case let .enrolled(credential, _)? = provider?.device { return credential }
        return nil
    }

    /// `active`, or restored and waiting for verification (only provider accounts wait).
    public var restoreState: RestoreState {
        if case let .awaitingVerification(method)? = provider?.device { return .needsVerification(method) }
        return .active
    }

    /// The generator that makes this account's codes on this device: a third-party token's,
    /// an enrolled device credential's, or a scanned secret's. `nil` while a provider
    /// account waits for enrolment or verification.
    public var generator: Generator? {
        switch content {
        case let .thirdParty(token):
            return token.generator
        case let .provider(details):
            switch details.device {
            case let .enrolled(credential, _): return credential.generator
            case let .scannedSecret(generator): return generator
            case .awaitingEnrolment, .awaitingVerification: return nil
            }
        }
    }
}

extension Account {
    /// Replaces the OTP generator the account keeps — a third-party token's, or a provider
    /// account's scanned secret — for example with the next HOTP counter after a code was
    /// shown. A device credential's generator never changes, and an account waiting for
    /// enrolment or verification keeps none: those are left as they are.
    public mutating func replaceGenerator(with generator: Generator) {
        switch content {
        case var .thirdParty(token):
            token.generator = generator
            content = .thirdParty(token)
        case var .provider(details):
            switch details.device {
            case let .enrolled(credential, .some):
                details.device = .enrolled(credential, scannedSecret: generator)
            case .scannedSecret:
                details.device = .scannedSecret(generator)
            case .enrolled(_, nil), .awaitingEnrolment, .awaitingVerification:
                return
            }
            content = .provider(details)
        }
    }
}

extension Account {
    /// Changes a personal or work-or-school account's details through `change` (its device
    /// state, push approvals…). A third-party account has none and is left as it is.
    public mutating func updateProviderDetails(_ change: (inout ProviderDetails) -> Void) {
        guard case var .provider(details) = content else { return }
        change(&details)
        content = .provider(details)
    }
}

extension Account.ProviderDetails {
    /// The OTP secret scanned from the provider's QR code, if the device holds one.
    public var scannedSecret: Generator? {
        switch device {
        case let .enrolled(_, scanned): return scanned
        case let .scannedSecret(generator): return generator
        case .awaitingEnrolment, .awaitingVerification: return nil
        }
    }

    /// The same details with this device enrolled with `credential` (a scanned secret is
    /// kept).
    public func enrolled(with credential: DeviceCredential) -> Account.ProviderDetails {
        var details = self
        details.device = .enrolled(credential, scannedSecret: scannedSecret)
        return details
    }
}
