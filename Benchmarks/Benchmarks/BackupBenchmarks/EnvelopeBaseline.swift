import CLibsodium

/// What sealing and opening a backup cost at least: XChaCha20-Poly1305 and BLAKE2b-256 over
/// the same number of bytes, called straight from libsodium (the main package's wrappers in
/// SodiumBridge are `package` API, which this package cannot call). The envelope's own work
/// beyond these is its encoding, parsing, key slots and the decoded accounts.
///
/// The file has the real one's shape: `header ‖ nonce (24) ‖ length (4) ‖ ciphertext ‖
/// BLAKE2b-256 of everything before`, the header authenticated as associated data. Each
/// operation writes its result to a new buffer, as the real ones do (a new file; a new
/// plaintext).
struct EnvelopeBaseline: Sendable {
    private let header: [UInt8]
    private let plaintext: [UInt8]
    private let key: [UInt8]
    private let nonce: [UInt8]
    /// `seal()` of ``plaintext``: what `open()` opens.
    private(set) var file: [UInt8] = []

    /// A baseline for a file with `header` (the real file's) and a plaintext of `plaintextCount`
    /// bytes (random: the primitives' speed does not depend on the bytes).
    init(header: [UInt8], plaintextCount: Int) {
        precondition(sodium_init() >= 0, "libsodium could not be initialised")
        func random(_ count: Int) -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: count)
            bytes.withUnsafeMutableBytes { buffer in
                if let base = buffer.baseAddress { randombytes_buf(base, buffer.count) }
            }
            return bytes
        }
        self.header = header
        self.plaintext = random(plaintextCount)
        self.key = random(Int(crypto_aead_xchacha20poly1305_ietf_KEYBYTES))
        self.nonce = random(Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES))
        self.file = seal()
    }

    private static let preamble = Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES) + 4
    private static let tag = Int(crypto_aead_xchacha20poly1305_ietf_ABYTES)
    private static let checksum = 32

    /// Encrypts the plaintext and checksums the file, into a new file.
    func seal() -> [UInt8] {
        let ciphertextCount = plaintext.count + Self.tag
        let total = header.count + Self.preamble + ciphertextCount + Self.checksum
        return [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            let base = buffer.baseAddress!
            header.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: $0.count) }
            var offset = header.count
            nonce.withUnsafeBufferPointer { (base + offset).update(from: $0.baseAddress!, count: $0.count) }
            offset += nonce.count
            let length = UInt32(ciphertextCount).bigEndian
            withUnsafeBytes(of: length) { (base + offset).update(from: $0.bindMemory(to: UInt8.self).baseAddress!, count: 4) }
            offset += 4
            var written: UInt64 = 0
            _ = crypto_aead_xchacha20poly1305_ietf_encrypt(
                base + offset, &written, plaintext, UInt64(plaintext.count), header, UInt64(header.count), nil, nonce, key)
            offset += Int(written)
            _ = crypto_generichash(base + offset, Self.checksum, base, UInt64(offset), nil, 0)
            initialized = total
        }
    }

    /// Checks the file's checksum and decrypts its ciphertext into a new buffer; `nil` if
    /// either fails (never, for ``file``).
    func open(_ file: [UInt8]) -> [UInt8]? {
        file.withUnsafeBufferPointer { bytes -> [UInt8]? in
            let base = bytes.baseAddress!
            let checked = bytes.count - Self.checksum
            var digest = [UInt8](repeating: 0, count: Self.checksum)
            _ = crypto_generichash(&digest, Self.checksum, base, UInt64(checked), nil, 0)
            guard sodium_memcmp(digest, base + checked, Self.checksum) == 0 else { return nil }
            let ciphertextStart = header.count + Self.preamble
            let ciphertextCount = checked - ciphertextStart
            var status: Int32 = -1
            let plaintext = [UInt8](unsafeUninitializedCapacity: ciphertextCount - Self.tag) { buffer, initialized in
                var written: UInt64 = 0
                status = crypto_aead_xchacha20poly1305_ietf_decrypt(
                    buffer.baseAddress, &written, nil, base + ciphertextStart, UInt64(ciphertextCount),
                    base, UInt64(header.count), base + header.count, key)
                initialized = status == 0 ? Int(written) : 0
            }
            return status == 0 ? plaintext : nil
        }
    }
}
