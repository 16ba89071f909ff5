import Foundation
import OTP
import SodiumBridge

/// Random bytes that are all one value: the data key and nonces a sealer draws from it are
/// known, so a harness can encrypt a fuzzed payload under the data key of a seed backup.
struct ConstantRandom: RandomSource {
    let byte: UInt8

    func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        for index in buffer.indices { buffer[index] = byte }
    }
}

/// Fixed keys and clocks of the harnesses (test values, never real secrets).
enum FuzzKeys {
    /// The escrow key every seed backup is sealed for.
    static let escrowKey = SecureBytes(copying: [UInt8](repeating: 0x4B, count: 32))
    /// Another escrow key: it must never open a seed backup.
    static let wrongEscrowKey = SecureBytes(copying: [UInt8](repeating: 0x4C, count: 32))
    /// The escrow key's identifier in the seeds' slots.
    static let escrowKeyID = "fuzz-escrow-key"
    /// What the seeds' sealer draws every random byte from (so their data key is 32 × 0x2A).
    static let random = ConstantRandom(byte: 0x2A)
    /// The data key of every backup sealed with ``random``.
    static let dataKey = SecureBytes(copying: [UInt8](repeating: 0x2A, count: 32))
    /// The recovery code of the seeds' recovery-code slots.
    static let recoveryCode = RecoveryCodeSeed.code
    /// The seeds' creation time: 2023-11-14T22:13:20Z.
    static let clock = FixedTimeSource(unixTime: 1_700_000_000)
    /// The key of the local vault seeds.
    static let vaultKey = SecureBytes(copying: [UInt8](repeating: 0x56, count: 32))
}

/// Runs `operation` on a task and waits for it on this thread, for the one harness whose
/// parser is reachable only through an `async` API. The caller's thread is never one of the
/// concurrency pool's (libFuzzer's thread, or a replay test's detached thread).
func blockingWait<Value: Sendable>(_ operation: @escaping @Sendable () async -> Value) -> Value {
    let done = DispatchSemaphore(value: 0)
    let box = ResultBox<Value>()
    Task.detached {
        box.value = await operation()
        done.signal()
    }
    done.wait()
    // The task stored the value before signalling.
    guard let value = box.value else { preconditionFailure("the task finished without a value") }
    return value
}

/// The value a task hands to a waiting thread (written once, before the semaphore).
private final class ResultBox<Value>: @unchecked Sendable {
    var value: Value?
}

extension Token {
    /// Whether `Token.uri` of this token reads back to an equal token with the same names and
    /// secret (the URI round-trip property several targets share).
    func uriRoundTripViolation(_ context: String) -> PropertyViolation? {
        let written = uri
        let reread: Token
        do throws(OTPError) {
            reread = try Token(uri: written)
        } catch {
            return PropertyViolation("\(context): Token.uri parses back", "\(error.caseName): \(error.message)")
        }
        guard reread == self, reread.issuer == issuer, reread.account == account,
              reread.generator.secret == generator.secret
        else { return PropertyViolation("\(context): Token.uri parses back to an equal token", "\(self) read back as \(reread)") }
        guard reread.uri == written else { return PropertyViolation("\(context): Token.uri is stable", "the second URI differs") }
        return nil
    }
}
