import OTP
import SodiumBridge
import Testing

@Suite("OTPError")
struct OTPErrorTests {
    /// One value of every case with the case name a script sees and a part of the message.
    static let cases: [(OTPError, String, String)] = [
        (.invalidBase32Character("1", position: 3), "invalidBase32Character", "'1' at position 3"),
        (.invalidBase32Character("\t", position: 0), "invalidBase32Character", "'U+0009' at position 0"),
        (.misplacedBase32Padding(position: 2), "misplacedBase32Padding", "position 2"),
        (.invalidBase32Length(3), "invalidBase32Length", "3 Base32 characters"),
        (.emptySecret, "emptySecret", "secret is empty"),
        (.digitsOutOfRange(5), "digitsOutOfRange", "5 digits"),
        (.invalidPeriod(0), "invalidPeriod", "0 seconds"),
        (.timeBeforeT0(time: 5, t0: 9), "timeBeforeT0", "time 5 is before T0 9"),
        (.unrepresentableTime, "unrepresentableTime", "64 bits"),
        (.counterOverflow, "counterOverflow", "2^64 - 1"),
        (.counterOutOfRange, "counterOutOfRange", "2^64 - 2"),
        (.invalidSteamParameters, "invalidSteamParameters", "30-second"),
        (.notTimeBased, "notTimeBased", "HOTP"),
        (.notCounterBased, "notCounterBased", "TOTP"),
        (.invalidScheme("https"), "invalidScheme", "'https'"),
        (.invalidScheme(""), "invalidScheme", "not a URI"),
        (.missingType, "missingType", "no type"),
        (.unknownType("motp"), "unknownType", "'motp'"),
        (.missingLabel, "missingLabel", "no label"),
        (.invalidPercentEncoding("label"), "invalidPercentEncoding", "the label"),
        (.duplicateParameter("secret"), "duplicateParameter", "'secret'"),
        (.missingSecret, "missingSecret", "no secret"),
        (.unknownAlgorithm("MD5"), "unknownAlgorithm", "'MD5'"),
        (.invalidDigitsParameter("six"), "invalidDigitsParameter", "'six'"),
        (.invalidPeriodParameter("30s"), "invalidPeriodParameter", "'30s'"),
        (.missingCounter, "missingCounter", "counter"),
        (.invalidCounterParameter("-1"), "invalidCounterParameter", "'-1'"),
        (.invalidT0Parameter("soon"), "invalidT0Parameter", "'soon'"),
        (.unknownEncoder("yandex"), "unknownEncoder", "'yandex'"),
    ]

    @Test func everyCaseHasItsNameAndAPlainMessage() {
        for (error, name, fragment) in Self.cases {
            #expect(error.caseName == name)
            #expect(error.message.contains(fragment), "\(error.message)")
            #expect(!error.message.contains("\n"))
        }
    }

    @Test func everyCaseNameIsDistinct() {
        // invalidBase32Character and invalidScheme appear twice above; every other row is its own case.
        #expect(Set(Self.cases.map(\.1)).count == Self.cases.count - 2)
    }

    @Test func errorsAreReportable() {
        let error: any ReportableError = OTPError.missingSecret
        #expect(error.caseName == "missingSecret")
    }
}
