import SodiumBridge
import OTP

/// FreeOTP+'s JSON backup (helloworld1/FreeOTPPlus): `{"tokens": [...], "tokenOrder": [...]}`.
///
/// A token: `secret` (a list of signed bytes, −128…127), `issuerExt` (the label's issuer),
/// `issuerInt` (the `issuer` parameter), `issuerAlt` / `labelAlt` (names the user edited,
/// which win), `label`, `algo`, `digits`, `period`, `counter`, `type` (TOTP/HOTP), `image`.
/// FreeOTP shows Steam codes for TOTP tokens whose `issuerExt` is `Steam`.
///
/// The counter quirk: FreeOTP stores one less than the URI's `counter` and makes the next
/// HOTP code from the stored value (then increments it), so the stored `counter` is the
/// counter of the next code, read as is.
enum FreeOTPPlus {
    static func read(_ root: JSONObject, limits: InteropLimits) throws(InteropError) -> ForeignVault {
        guard let tokens = root["tokens"]?.array else { throw .damaged(reason: "the backup has no tokens") }
        guard tokens.count <= limits.maximumEntries else { throw .tooManyEntries(count: tokens.count, limit: limits.maximumEntries) }
        return ForeignVault(format: .freeOTPPlus, entries: tokens.enumerated().map { entry($1, position: $0 + 1) })
    }

    private static func entry(_ value: JSON, position: Int) -> ForeignEntry {
        guard let object = value.object else {
            return ForeignEntry(position: position, issuer: "", account: "", outcome: .unsupported(.invalidField("token")))
        }
        let issuerExt = object.text("issuerExt")
        var issuer = object.text("issuerAlt")
        if issuer.isEmpty { issuer = issuerExt }
        if issuer.isEmpty { issuer = object.text("issuerInt") }
        let account = object["labelAlt"]?.string ?? object.text("label")
        var dropped: [String] = []
        if object.carries("image") || object.carries("imageAlt") { dropped.append("icon") }
        return Tokens.entry(position: position, issuer: issuer, account: account, dropped: dropped) { () throws(EntryFailure) -> Token in
            guard let list = object["secret"]?.array else { throw EntryFailure(.malformedSecret("'secret' is not a list of bytes")) }
            var bytes: [UInt8] = []
            defer { ConstantTime.zero(&bytes) }
            for element in list {
                guard let number = element.int64, (-128...255).contains(number) else {
                    throw EntryFailure(.malformedSecret("an element is not a byte (-128 to 127)"))
                }
                bytes.append(UInt8(truncatingIfNeeded: number))
            }
            let secret = SecureBytes(copying: bytes)
            let type = try object.optionalString("type") ?? "TOTP"
            let kind: OTPKind
            switch type.uppercased() {
            case "TOTP":
                let period = try Tokens.period(object["period"])
                kind = issuerExt == "Steam" ? .steam(period: period) : .totp(period: period)
            case "HOTP": kind = .hotp(counter: try Tokens.counter(object["counter"]))
            default: throw EntryFailure(.unsupportedType(type))
            }
            return try Tokens.token(
                issuer: issuer, account: account, secret: secret, algorithm: try object.optionalString("algo"),
                digits: try Tokens.digits(object["digits"]), kind: kind)
        }
    }
}
