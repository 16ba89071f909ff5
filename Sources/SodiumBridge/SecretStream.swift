internal import CSodium

/// `crypto_secretstream_xchacha20poly1305`: libsodium's authenticated stream of messages
/// under one key. The 24-byte *header* starts the stream (it plays the role of a nonce);
/// each message carries a 17-byte overhead (an encrypted tag byte and a 16-byte MAC).
///
/// Package-internal: other modules use it to read and write formats built on it (Ente
/// Auth's encrypted export holds one message with the `FINAL` tag).
package enum SecretStream {
    /// Key length: 32 bytes.
    package static let keyLength = Int(crypto_secretstream_xchacha20poly1305_KEYBYTES)
    /// Header length: 24 bytes.
    package static let headerLength = Int(crypto_secretstream_xchacha20poly1305_HEADERBYTES)
    /// Bytes added to each message: 17.
    package static let overhead = Int(crypto_secretstream_xchacha20poly1305_ABYTES)

    /// The tag a message carries.
    package enum Tag: Sendable, Equatable {
        /// An ordinary message.
        case message
        /// A message after which the stream may continue with a new key schedule.
        case push
        /// A request to rekey.
        case rekey
        /// The last message of the stream.
        case final
        /// A tag value libsodium does not define.
        case unknown(UInt8)

        init(_ value: UInt8) {
            switch Int32(value) {
            case Int32(crypto_secretstream_xchacha20poly1305_TAG_MESSAGE): self = .message
            case Int32(crypto_secretstream_xchacha20poly1305_TAG_PUSH): self = .push
            case Int32(crypto_secretstream_xchacha20poly1305_TAG_REKEY): self = .rekey
            case Int32(crypto_secretstream_xchacha20poly1305_TAG_FINAL): self = .final
            default: self = .unknown(value)
            }
        }
    }

    /// Decrypts the first message of a stream into secure memory: `crypto_secretstream_*_init_pull`
    /// with `header`, then one `pull` of the whole `ciphertext`.
    ///
    /// - Returns: the plaintext and the message's tag.
    /// - Throws: ``SodiumError/invalidLength(what:expected:actual:)`` for a key or header of
    ///   the wrong size; ``SodiumError/authenticationFailed`` when the header, the key or any
    ///   byte is wrong.
    package static func openFirstMessage(
        _ ciphertext: ArraySlice<UInt8>, header: [UInt8], key: SecureBytes
    ) throws(SodiumError) -> (plaintext: SecureBytes, tag: Tag) {
        Sodium.ensureInitialized()
        guard key.count == keyLength else {
            throw .invalidLength(what: "secretstream key", expected: keyLength, actual: key.count)
        }
        guard header.count == headerLength else {
            throw .invalidLength(what: "secretstream header", expected: headerLength, actual: header.count)
        }
        guard ciphertext.count >= overhead else { throw .authenticationFailed }
        var state = crypto_secretstream_xchacha20poly1305_state()
        defer { withUnsafeMutableBytes(of: &state) { sodium_memzero($0.baseAddress, $0.count) } }
        let initStatus = key.withBytePointer { k in
            crypto_secretstream_xchacha20poly1305_init_pull(&state, header, k)
        }
        guard initStatus == 0 else { throw .authenticationFailed }
        var status: Int32 = -1
        var tagByte: UInt8 = 0
        let plaintext = SecureBytes(count: ciphertext.count - overhead, writingWith: { out in
            var outLength: UInt64 = 0
            ciphertext.withUnsafeBufferPointer { c in
                guard let cipherBytes = c.baseAddress else { return }
                status = crypto_secretstream_xchacha20poly1305_pull(
                    &state, out, &outLength, &tagByte, cipherBytes, UInt64(c.count), nil, 0)
            }
        })
        guard status == 0 else { throw .authenticationFailed }
        return (plaintext, Tag(tagByte))
    }

    /// Encrypts `plaintext` as a whole stream of one message tagged `FINAL`.
    ///
    /// - Returns: the 24-byte header and the message (plaintext length + 17 bytes).
    /// - Throws: ``SodiumError/invalidLength(what:expected:actual:)`` for a key of the wrong size.
    package static func sealSingleFinalMessage(
        _ plaintext: [UInt8], key: SecureBytes
    ) throws(SodiumError) -> (header: [UInt8], ciphertext: [UInt8]) {
        Sodium.ensureInitialized()
        guard key.count == keyLength else {
            throw .invalidLength(what: "secretstream key", expected: keyLength, actual: key.count)
        }
        var state = crypto_secretstream_xchacha20poly1305_state()
        defer { withUnsafeMutableBytes(of: &state) { sodium_memzero($0.baseAddress, $0.count) } }
        var header = [UInt8](repeating: 0, count: headerLength)
        _ = key.withBytePointer { k in crypto_secretstream_xchacha20poly1305_init_push(&state, &header, k) }
        var out = [UInt8](repeating: 0, count: plaintext.count + overhead)
        var outLength: UInt64 = 0
        _ = crypto_secretstream_xchacha20poly1305_push(
            &state, &out, &outLength, plaintext, UInt64(plaintext.count), nil, 0,
            UInt8(crypto_secretstream_xchacha20poly1305_TAG_FINAL))
        return (header, out)
    }
}
