import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// Every command of the `authenticator` CLI on a vault of 50,000 accounts of mixed kinds (the
/// format's limit; `BigVaultTests.mixedAccounts`), run in process. Slow, so skipped unless
/// `AUTHENTICATORKIT_BIG_VAULTS=1`:
///
/// ```sh
/// AUTHENTICATORKIT_BIG_VAULTS=1 swift test --skip-build --filter BigVault
/// ```
@Suite(.tags(.bigVault), .enabled(if: BigVaultTests.enabled))
struct BigVaultCommandTests {
    /// The identifiers of the 50,000 accounts, in order.
    static let identifiers: [String] = (0..<BigVaultTests.accountCount).map { position in
        switch position {
        case BigVaultTests.rfcTOTPPosition: return BigVaultTests.rfcTOTPID.rawValue
        case BigVaultTests.accountCount - 1: return BigVaultTests.rfcHOTPID.rawValue
        default: return String(format: "big-%05d", position)
        }
    }

    /// The accounts an `export --to` writes: the third-party ones (positions 0–4 modulo 8,
    /// and both RFC accounts).
    static let thirdPartyCount = identifiers.indices.filter { position in
        position == BigVaultTests.rfcTOTPPosition || position == BigVaultTests.accountCount - 1 || position % 8 < 5
    }.count

    /// A device of `world` whose vault holds the 50,000 accounts (added through the SDK, in
    /// one batch, after `init`).
    static func bigDevice(_ world: DeviceWorld, _ name: String = "big") async throws -> Device {
        let device = world.device(name)
        try await device.initialise()
        try await fill(device, with: try BigVaultTests.mixedAccounts())
        return device
    }

    /// Adds `accounts` to `device`'s vault through the SDK.
    static func fill(_ device: Device, with accounts: [Account]) async throws {
        let store = FileAccountStore(
            directory: device.home, keyProvider: FileKeyProvider(file: device.home.appendingPathComponent("key")))
        try await store.modifyVault { vault in try vault.add(contentsOf: accounts) }
    }

    /// `list`'s identifiers, checked to be one a line with five fields and no duplicates.
    static func listedIdentifiers(_ device: Device, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String] {
        let lines = try await device.list()
        #expect(lines.allSatisfy { $0.count == 5 }, sourceLocation: sourceLocation)
        let ids = lines.map { $0[0] }
        #expect(Set(ids).count == ids.count, "no duplicates", sourceLocation: sourceLocation)
        return ids
    }

    @Test func listPrintsEveryAccountOnceInOrderAsLinesAndAsJSON() async throws {
        let world = try DeviceWorld()
        let device = try await Self.bigDevice(world)

        let lines = try await device.list()
        #expect(lines.map { $0[0] } == Self.identifiers)
        #expect(lines[0] == ["big-00000", "third-party", "Issuer 0", "user0@example.com", "active"])
        #expect(lines[5] == ["big-00005", "personal", "Contoso ID", "user5@example.com", "active"])
        #expect(lines[6] == ["big-00006", "work-or-school", "Fabrikam", "user6@example.com", "needsVerification:provider-qr-code"])
        #expect(lines[BigVaultTests.rfcTOTPPosition] == ["rfc-totp", "third-party", "RFC 6238", "totp", "active"])

        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(try await device.succeed(["list", "--json"]).utf8)) as? [[String: Any]])
        #expect(json.compactMap { $0["id"] as? String } == Self.identifiers)
        let types = json.map { $0["type"] as? String ?? "null" }
        #expect(Array(types[0..<8]) == ["totp", "totp", "totp", "hotp", "steam", "totp", "null", "null"])
        #expect(json.filter { $0["deviceCredential"] as? Bool == true }.count == BigVaultTests.accountCount / 5000)
    }

    @Test func codeOfOneAccountIsTheKnownAnswerAndAnHOTPCounterMovesOn() async throws {
        let world = try DeviceWorld()
        let device = try await Self.bigDevice(world)
        // RFC 6238 Appendix B (SHA-1, T = 59 s: 94287082, 6 digits: 287082); RFC 4226
        // Appendix D (counters 0 and 1: 755224, 287082).
        #expect(try await device.succeed(["code", "rfc-totp", "--time", "59"]) == "287082")
        #expect(try await device.succeed(["code", "rfc-totp", "--now", "59"]) == "287082")
        #expect(try await device.succeed(["code", "rfc-hotp"]) == "755224")
        #expect(try await device.succeed(["code", "rfc-hotp"]) == "287082")
        try await device.fail(["code", "big-00006"], caseName: "accountNeedsVerification")
        #expect(try await Self.listedIdentifiers(device) == Self.identifiers)
    }

    @Test func addIsRefusedAtTheLimitAndWorksAfterARemove() async throws {
        let world = try DeviceWorld()
        let device = try await Self.bigDevice(world)
        let before = try Data(contentsOf: device.home.appendingPathComponent("vault.akvs"))
        try await device.fail(["add", "--issuer", "New", "--account", "one", "--secret", rfcSHA1Secret], caseName: "tooManyAccounts")
        #expect(try Data(contentsOf: device.home.appendingPathComponent("vault.akvs")) == before)

        #expect(try await device.succeed(["remove", "big-00003"]) == "")
        var expected = Self.identifiers
        expected.remove(at: 3)
        #expect(try await Self.listedIdentifiers(device) == expected)

        let added = try await device.addThirdParty(issuer: "New", account: "one", secret: rfcSHA1Secret)
        let listed = try await device.list()
        #expect(listed.map { $0[0] } == expected + [added])
        #expect(listed.last == [added, "third-party", "New", "one", "active"])
        try await device.fail(["add", "--issuer", "New", "--account", "two", "--secret", rfcSHA1Secret], caseName: "tooManyAccounts")
    }

    @Test func removeAndMoveKeepEveryOtherAccountInOrder() async throws {
        let world = try DeviceWorld()
        let device = try await Self.bigDevice(world)
        var expected = Self.identifiers
        #expect(try await device.succeed(["remove", "rfc-totp"]) == "")
        expected.remove(at: BigVaultTests.rfcTOTPPosition)
        #expect(try await device.succeed(["move", "rfc-hotp", "--to", "0"]) == "")
        expected.insert(expected.removeLast(), at: 0)
        #expect(try await device.succeed(["move", "big-00000", "--to", "49998"]) == "")
        expected.append(expected.remove(at: 1))
        #expect(try await Self.listedIdentifiers(device) == expected)
        try await device.fail(["move", "big-00001", "--to", "49999"], caseName: "indexOutOfRange")
        try await device.fail(["remove", "rfc-totp"], caseName: "accountNotFound")
    }

    @Test func aSealedExportImportsIntoAnEmptyVaultWhole() async throws {
        let world = try DeviceWorld()
        let device = try await Self.bigDevice(world)
        let password = try world.file("password", "a backup password\n")
        let file = world.path("vault.akbk")
        try await device.succeed(["export", "--output", file, "--password-file", password])

        let other = world.device("other")
        try await other.initialise()
        let report = try await other.succeed(["import", file, "--password-file", password])
        let outcomes = report.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(outcomes.map { $0[0] } == Self.identifiers)
        #expect(outcomes[0].last == "restoredInFull")
        #expect(outcomes[6].last == "needsVerification:provider-qr-code")
        #expect(try await Self.listedIdentifiers(other) == Self.identifiers)
        #expect(try await other.succeed(["code", "rfc-totp", "--time", "59"]) == "287082")
        #expect(try await other.succeed(["code", "rfc-hotp"]) == "755224")
        // The same file again, into the full vault: refused, nothing changed.
        try await other.fail(["import", file, "--password-file", password], caseName: "existingAccounts")
    }

    @Test func anOtpauthExportImportsIntoAnEmptyVaultAndSkipsEveryDuplicate() async throws {
        let world = try DeviceWorld()
        let device = try await Self.bigDevice(world)
        let file = world.path("uris.txt")
        // Standard error notes each provider account left out.
        #expect(try await device.run(["export", "--to", "otpauth", "--plaintext", "--output", file]).status == 0)
        let uris = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(uris.count == Self.thirdPartyCount)

        let other = world.device("other")
        try await other.initialise()
        let first = try await other.succeed(["import", file, "--from", "otpauth"]).split(separator: "\n")
        #expect(first.count == Self.thirdPartyCount)
        #expect(first.allSatisfy { $0.hasPrefix("imported\t") })
        let imported = first.map { String($0.split(separator: "\t")[1]) }
        #expect(try await Self.listedIdentifiers(other) == imported)
        #expect(try await other.succeed(["code", imported[BigVaultTests.rfcTOTPPosition * 5 / 8], "--time", "59"]) == "287082")

        // Again: every entry is a duplicate of the account it made, in the file's order.
        let second = try await other.succeed(["import", file, "--from", "otpauth"]).split(separator: "\n")
        #expect(second.map { $0.split(separator: "\t").prefix(2).joined(separator: "\t") } == imported.map { "skipped-duplicate\t\($0)" })
        // Into the big vault itself: every entry is already there.
        let third = try await device.succeed(["import", file, "--from", "otpauth"]).split(separator: "\n")
        #expect(third.count == Self.thirdPartyCount)
        #expect(third.allSatisfy { $0.hasPrefix("skipped-duplicate\t") })
        #expect(try await Self.listedIdentifiers(device) == Self.identifiers)
    }

    @Test func aForeignImportBeyondTheLimitIsRefusedWholeOrLeavesTheRestOutWithPartial() async throws {
        let world = try DeviceWorld()
        let device = world.device("almost")
        try await device.initialise()
        try await Self.fill(device, with: Array(try BigVaultTests.mixedAccounts().prefix(BigVaultTests.accountCount - 2)))
        let file = try world.file("new.txt", """
            otpauth://totp/A:one?secret=JBSWY3DPEHPK3PXP&issuer=A
            otpauth://totp/B:two?secret=JBSWY3DPEHPK3PXQ&issuer=B
            otpauth://totp/C:three?secret=JBSWY3DPEHPK3PXR&issuer=C

            """)
        try await device.fail(["import", file, "--from", "otpauth"], caseName: "tooManyAccounts")
        let report = try await device.succeed(["import", file, "--from", "otpauth", "--partial"]).split(separator: "\n")
        #expect(report.map { $0.split(separator: "\t")[0] } == ["imported", "imported", "left-out"])
        #expect(try await Self.listedIdentifiers(device).count == BigVaultTests.accountCount)
    }

    @Test func backupNowUploadsEveryAccountAndANewDeviceRestoresThemAll() async throws {
        let world = try DeviceWorld()
        let device = world.device("old")
        try await device.initialise()
        let recoveryPassword = try world.file("recovery-password", "alice's recovery password\n")
        try await device.succeed(["recovery-account", "create", "alice@example.com", "--password-file", recoveryPassword])
        try await device.succeed([
            "backup", "enable", "--recovery-account", "alice@example.com", "--password-file", recoveryPassword,
            "--cloud-identity", "alice@icloud.com",
        ])
        try await Self.fill(device, with: try BigVaultTests.mixedAccounts())
        try await device.succeed(["backup", "now"])
        let status = try jsonObject(try await device.succeed(["backup", "status", "--json"]))
        #expect(status["state"] as? String == "upToDate", "\(status)")

        let new = world.device("new")
        try await new.initialise()
        let restored = try await new.succeed([
            "restore", "--recovery-account", "alice@example.com", "--password-file", recoveryPassword,
            "--cloud-identity", "alice@icloud.com",
        ]).split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(restored.map { $0[0] } == Self.identifiers)
        #expect(restored[5].last == "needsVerification:password-and-alternate-contact")
        #expect(try await Self.listedIdentifiers(new) == Self.identifiers)
        #expect(try await new.succeed(["code", "rfc-totp", "--time", "59"]) == "287082")

        // A merge onto a device holding other accounts would pass the limit: refused, typed,
        // the device's vault unchanged.
        let merging = world.device("merging")
        try await merging.initialise()
        let own = try await merging.addThirdParty(issuer: "Own", account: "account", secret: "JBSWY3DPEHPK3PXP")
        let before = try Data(contentsOf: merging.home.appendingPathComponent("vault.akvs"))
        try await merging.fail([
            "restore", "--merge", "--recovery-account", "alice@example.com", "--password-file", recoveryPassword,
            "--cloud-identity", "alice@icloud.com",
        ], caseName: "tooManyAccounts")
        #expect(try Data(contentsOf: merging.home.appendingPathComponent("vault.akvs")) == before)
        #expect(try await merging.list().map { $0[0] } == [own])

        // A merge onto a device that holds some of them restores only the others.
        let some = world.device("some")
        try await some.initialise()
        let mine = try BigVaultTests.mixedAccounts().prefix(10)
        try await Self.fill(some, with: Array(mine))
        let merged = try await some.succeed([
            "restore", "--merge", "--recovery-account", "alice@example.com", "--password-file", recoveryPassword,
            "--cloud-identity", "alice@icloud.com",
        ]).split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(merged.count == BigVaultTests.accountCount)
        #expect(merged.prefix(10).allSatisfy { $0.last?.hasPrefix("skippedDuplicate:") == true })
        #expect(try await Self.listedIdentifiers(some) == Self.identifiers)
    }
}
