import OTP
import SodiumBridge

extension FuzzTarget {
    /// `otpauth://` URIs: parsing never crashes; a parsed token written with `Token.uri`
    /// parses back to an equal token (same issuer, account, parameters and secret), and
    /// writing that one gives the same URI again.
    static let tokenURI = FuzzTarget(
        "TokenURI",
        "A token parsed from the input, written with `Token.uri`, parses back to an equal token (names, parameters, secret), and its URI is stable."
    ) { bytes throws(PropertyViolation) in
        let text = String(decoding: bytes, as: UTF8.self)
        guard let token = try? Token(uri: text) else { return }
        Acceptances.note("TokenURI")
        if let violation = token.uriRoundTripViolation("a parsed URI") { throw violation }
    }

    /// Base32: decoding never crashes; what decodes, encoded canonically, decodes to the same
    /// bytes; and the canonical encoding of the input bytes decodes back to them.
    static let base32 = FuzzTarget(
        "Base32",
        "Decoding the input never crashes; a decoded secret re-encoded canonically decodes to the same bytes; the input bytes encoded decode back to themselves."
    ) { bytes throws(PropertyViolation) in
        let text = String(decoding: bytes, as: UTF8.self)
        if let secret = try? Base32.decode(text) {
            Acceptances.note("Base32")
            let canonical = Base32.encode(secret)
            let again: SecureBytes
            do throws(OTPError) { again = try Base32.decode(canonical) } catch {
                throw PropertyViolation("canonical Base32 decodes", "\(error.caseName)")
            }
            try require(again == secret, "canonical Base32 decodes to the same bytes")
            try require(Base32.encode(again) == canonical, "canonical Base32 is stable")
        }
        let decoded: SecureBytes
        do throws(OTPError) { decoded = try Base32.decode(Base32.encode(bytes)) } catch {
            throw PropertyViolation("encoded bytes decode", "\(error.caseName)")
        }
        try require(decoded == SecureBytes(copying: bytes), "encoded bytes decode back to themselves")
    }
}
