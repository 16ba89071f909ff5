import AccountModel
import AuthenticatorKitTestSupport
import BackupFormat
import Foundation
import SodiumBridge

/// The generated seeds of each target (see `FuzzTarget.seeds()`): typical inputs and the
/// edge cases the format documents name, never copied from another project.
enum Seeds {
    static func of(_ name: String) -> [(name: String, bytes: [UInt8])] {
        switch name {
        case "TokenURI": return texts(tokenURIs)
        case "Base32": return texts(base32)
        case "BackupFile": return backupFiles
        case "BackupPayload": return backupFiles.compactMap { seed in BackupSeeds.plaintext(of: seed.bytes).map { (name: seed.name, bytes: $0) } }
        case "LocalVault": return localVaults
        case "EnrolmentPayload":
            let issued = EnrolmentFixture.shared.issued
            return texts([("issued", issued), ("wrong-tag", String(issued.dropLast(2)) + "AA"), ("prefix-only", "akenrol1..")])
        case "RecoveryCode":
            let text = FuzzKeys.recoveryCode.text
            return texts([("printed", text), ("typed", text.lowercased().replacingOccurrences(of: "-", with: " ")),
                          ("typo", String(text.dropLast()) + (text.hasSuffix("A") ? "B" : "A"))])
        case "AlternateContact":
            return texts([("email", "alice@example.com"), ("email-upper", " Bob@Example.COM "), ("phone", "+1 (555) 010-9999"),
                          ("phone-dots", "030.1234.5678"), ("short", "a@b.c"), ("two-at", "a@b@c.d")])
        default: return []
        }
    }

    private static func texts(_ seeds: [(String, String)]) -> [(name: String, bytes: [UInt8])] {
        seeds.map { (name: $0.0, bytes: Array($0.1.utf8)) }
    }

    private static let tokenURIs = [
        ("totp-label-issuer", "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"),
        ("totp-every-parameter", "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60"),
        ("hotp", "otpauth://hotp/Bank:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=42&algorithm=SHA512"),
        ("steam", "otpauth://steam/Steam:gabe?secret=JBSWY3DPEHPK3PXP"),
        ("conflicting-issuers", "otpauth://totp/One:bob?secret=JBSWY3DPEHPK3PXP&issuer=Two"),
        // Issue 13, finding 1: a `:` followed by a combining mark in the issuer and the label.
        ("combining-colon-issuer", "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=A%3A%CC%81B"),
        ("combining-colon-label", "otpauth://totp/:x%3A%CC%81y?secret=JBSWY3DPEHPK3PXP"),
        ("unicode-t0", "otpauth://totp/%E2%9C%93%20B%C3%A4nk:%F0%9F%98%80?secret=jbsw%20y3dp&t0=100&period=15"),
    ]

    private static let base32 = [
        ("rfc4648-f", "MY======"), ("rfc4648-fo", "MZXQ===="), ("rfc4648-foo", "MZXW6==="), ("rfc4648-foob", "MZXW6YQ="),
        ("rfc4648-fooba", "MZXW6YTB"), ("rfc4648-foobar", "MZXW6YTBOI======"), ("typed", "gezd gnbv-gy3t qojq"),
        ("empty", ""), ("bad-padding", "MZ=XW6"),
    ]

    private static var backupFiles: [(name: String, bytes: [UInt8])] {
        var seeds: [(name: String, bytes: [UInt8])] = [("every-account-shape", BackupSeeds.template)]
        let sealer = BackupSeeds.sealer
        let escrow = KeySlot.escrowKey(FuzzKeys.escrowKey, keyID: FuzzKeys.escrowKeyID)
        if let empty = try? sealer.seal(BackupPayload(vault: Vault(platform: .android)), metadata: BackupSeeds.metadata, keySlots: [escrow]) {
            seeds.append(("empty-escrow-only", empty))
        }
        // A password slot at the cheapest cost (opened by no harness: Argon2id costs 0.1 s).
        let password = KeySlot.password(SecureBytes(copying: Array("fuzz password".utf8)), parameters: .minimum)
        if let vault = try? SampleVaults.everyShape(),
           let file = try? sealer.seal(BackupPayload(vault: vault), metadata: BackupSeeds.metadata, keySlots: [escrow, password]) {
            seeds.append(("every-shape-password-slot", file))
        }
        return seeds
    }

    private static var localVaults: [(name: String, bytes: [UInt8])] {
        var vaults: [(String, Vault)] = [("empty", Vault(platform: .ios))]
        if let vault = try? SampleVaults.everyShape() { vaults.append(("every-shape", vault)) }
        if let vault = try? SampleVaults.everyAccountShape() { vaults.append(("every-account-shape", vault)) }
        if let vault = try? SampleVaults.withBackupState() { vaults.append(("backup-state", vault)) }
        return vaults.compactMap { name, vault in LocalVaultSeeds.seed(of: vault).map { (name: name, bytes: $0) } }
    }
}
