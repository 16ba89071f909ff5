import AuthenticatorKit
import Benchmark
import BenchmarkVaults
import Foundation

/// Sealing and opening backups (issue 4, section 4), through the public `BackupFormat` API an
/// app calls.
///
/// - A backup of 10,000 third-party accounts sealed and opened with the escrow slot only, so
///   that key-slot work is negligible (wrapping a key under a 32-byte escrow key is one
///   XChaCha20-Poly1305 of 32 bytes) and the numbers are the envelope's: encoding, encrypting,
///   checksumming, parsing, authenticating, decoding. Targets: ≤ 50 ms each; peak memory
///   ≤ 4× the plaintext size.
/// - The password slot's Argon2id at ``PasswordHashingCost/moderate`` (the default) and at
///   ``PasswordHashingCost/minimum`` (the floor a reader accepts): an empty backup sealed with
///   only a password slot, which is one Argon2id derivation (opening costs the same one).
///
/// The custom metric `Plaintext (bytes)` is the size of the encoded payload, to compare the
/// memory metrics with. `Malloc bytes` is everything `malloc` handed out during one operation
/// (an upper bound of the peak heap); the decrypted payload of `open` lives in secure memory
/// (`sodium_malloc`, mapped pages), which `malloc` metrics do not see, so it is added by hand
/// in Benchmarks/README.md.
///
/// Issue 14: open and seal each ≤ 2× XChaCha20-Poly1305 + BLAKE2b over the same bytes
/// (the `Baseline:` benchmarks, straight from libsodium, measured in the same run), on the
/// backup above and on the mixed vault `make-vault` writes.
let benchmarks: @Sendable () -> Void = {
    let accountCount = 10_000
    let escrowKey = SecureBytes(randomCount: 32)
    let metadata = BackupMetadata(generation: 1, platform: .ios, appVersion: "3.1 (310)", backupID: UUID())
    let plaintextMetric = BenchmarkMetric.custom("Plaintext (bytes)", polarity: .prefersSmaller, useScalingFactor: false)

    // A secret of its own per account (they share the secret arena's slabs). Built outside
    // the measured closures.
    let createdAt = Date(timeIntervalSince1970: 1_700_000_000)
    let accounts = (0..<accountCount).compactMap { index -> Account? in
        guard let generator = try? Generator(factor: .timer(period: 30), secret: SecureBytes(randomCount: 20)) else {
            return nil
        }
        return Account(
            token: Token(issuer: "Example Service \(index % 500)", account: "user-\(index)@example.com", generator: generator),
            createdAt: createdAt
        )
    }
    let vault = Vault(accounts: accounts, settings: Settings(platform: .ios), revision: 1)
    let payload = BackupPayload(vault: vault)

    let envelope = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .mallocBytesCount, .peakMemoryResidentDelta, plaintextMetric],
        timeUnits: .microseconds,
        warmupIterations: 3,
        scalingFactor: .one,
        maxDuration: .seconds(10),
        maxIterations: 200
    )

    let slot = EscrowSlot(key: escrowKey, metadata: metadata)
    guard let plaintextCount = registerEnvelope(
        payload, named: "10,000 accounts", baselineLabel: "10,000 accounts", slot: slot,
        configuration: envelope, plaintextMetric: plaintextMetric)
    else { return }

    // The same on the mixed vault `make-vault` writes (seed 1): TOTP SHA-1/256/512, HOTP,
    // Steam, personal and work-or-school accounts, display names, icons.
    if let mixed = try? BenchmarkVault(accountCount: accountCount, seed: 1) {
        _ = registerEnvelope(
            BackupPayload(vault: mixed.vault), named: "10,000 mixed accounts (make-vault)",
            baselineLabel: "10,000 mixed accounts", slot: slot, configuration: envelope, plaintextMetric: plaintextMetric)
    }

    Benchmark("BackupPayload(vault:) of 10,000 accounts", configuration: envelope) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(BackupPayload(vault: vault))
        }
        benchmark.measurement(plaintextMetric, plaintextCount)
    }

    let argon2id = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResidentDelta],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(15),
        maxIterations: 20
    )
    let password = SecureBytes(copying: Array("correct horse battery staple".utf8))
    let empty = BackupPayload(accounts: [], settings: Settings(platform: .ios))
    for (label, parameters) in [("moderate", PasswordHashingCost.moderate), ("minimum", PasswordHashingCost.minimum)] {
        let name = "Password slot, Argon2id \(label) (\(parameters.operations) passes, \(parameters.memoryKiB / 1024) MiB)"
        Benchmark(name, configuration: argon2id) { benchmark in
            let sealer = BackupSealer()
            for _ in benchmark.scaledIterations {
                blackHole(try sealer.seal(empty, metadata: metadata, keySlots: [.password(password, parameters: parameters)]))
            }
        }
    }
}

/// The escrow key slot every envelope benchmark seals with, and the backup's metadata.
private struct EscrowSlot: Sendable {
    var key: SecureBytes
    var metadata: BackupMetadata

    func seal(_ payload: BackupPayload, with sealer: BackupSealer = BackupSealer()) throws -> [UInt8] {
        try sealer.seal(payload, metadata: metadata, keySlots: [.escrowKey(key, keyID: "benchmark")])
    }
}

/// Sealing and opening `payload` with the escrow slot only (`Seal NAME, escrow slot`, `Open
/// NAME, escrow slot`) and their libsodium floor (``registerBaselines``); returns the
/// plaintext's size, or `nil` (nothing registered) when it cannot be sealed.
private func registerEnvelope(
    _ payload: BackupPayload, named name: String, baselineLabel: String, slot: EscrowSlot,
    configuration: Benchmark.Configuration, plaintextMetric: BenchmarkMetric
) -> Int? {
    guard let sealed = try? slot.seal(payload), let header = try? BackupHeader(parsing: sealed) else { return nil }
    // File = header ‖ nonce (24) ‖ length (4) ‖ ciphertext (plaintext + 16-byte tag) ‖ checksum (32).
    let plaintextCount = sealed.count - header.byteCount - 24 - 4 - 16 - 32
    Benchmark("Seal \(name), escrow slot", configuration: configuration) { benchmark in
        let sealer = BackupSealer()
        for _ in benchmark.scaledIterations {
            blackHole(try slot.seal(payload, with: sealer))
        }
        benchmark.measurement(plaintextMetric, plaintextCount)
    }
    Benchmark("Open \(name), escrow slot", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            let backup = try SealedBackup(bytes: sealed)
            blackHole(try backup.open(using: .escrowKey(slot.key)))
        }
        benchmark.measurement(plaintextMetric, plaintextCount)
    }
    // The floor of both (issue 14: each ≤ 2× it): XChaCha20-Poly1305 and BLAKE2b over the
    // same bytes, straight from libsodium, in the same run.
    let baseline = EnvelopeBaseline(header: Array(sealed[0..<header.byteCount]), plaintextCount: plaintextCount)
    registerBaselines(
        baseline, label: baselineLabel, configuration: configuration, plaintextMetric: plaintextMetric,
        plaintextCount: plaintextCount)
    return plaintextCount
}

/// The libsodium floor of sealing and opening a backup of `plaintextCount` bytes: two
/// benchmarks named after `label`.
private func registerBaselines(
    _ baseline: EnvelopeBaseline, label: String, configuration: Benchmark.Configuration,
    plaintextMetric: BenchmarkMetric, plaintextCount: Int
) {
    Benchmark("Baseline: seal \(label)' bytes, XChaCha20-Poly1305 + BLAKE2b (libsodium)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(baseline.seal())
        }
        benchmark.measurement(plaintextMetric, plaintextCount)
    }
    Benchmark("Baseline: open \(label)' bytes, BLAKE2b + XChaCha20-Poly1305 (libsodium)", configuration: configuration) { benchmark in
        let file = baseline.file
        for _ in benchmark.scaledIterations {
            blackHole(baseline.open(file))
        }
        benchmark.measurement(plaintextMetric, plaintextCount)
    }
}
