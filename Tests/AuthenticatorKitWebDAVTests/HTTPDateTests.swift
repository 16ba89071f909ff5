import AuthenticatorKitWebDAV
import Foundation
import Testing

/// HTTP dates as WebDAV servers send them (`Date`, `DAV:getlastmodified`).
@Suite("HTTP dates")
struct HTTPDateTests {
    @Test func theRFC9110ExampleIsItsInstant() {
        // RFC 9110 §5.6.7's example; 784111777 is its Unix time (RFC 7231 and RFC 2616 give
        // the same date).
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
    }

    @Test func leapDaysCenturiesAndTheEpochAreCounted() {
        #expect(HTTPDate.parse("Thu, 01 Jan 1970 00:00:00 GMT") == Date(timeIntervalSince1970: 0))
        // 2000-02-29 (a leap day of a year divisible by 400): 951782400.
        #expect(HTTPDate.parse("Tue, 29 Feb 2000 00:00:00 GMT") == Date(timeIntervalSince1970: 951_782_400))
        // 2038-01-19T03:14:07Z: 2^31 - 1.
        #expect(HTTPDate.parse("Tue, 19 Jan 2038 03:14:07 GMT") == Date(timeIntervalSince1970: 2_147_483_647))
        // 2100 is no leap year.
        #expect(HTTPDate.parse("Mon, 29 Feb 2100 00:00:00 GMT") == nil)
    }

    @Test func anythingButAnIMFFixdateIsNoDate() {
        for text in [
            "", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 08:49:37 +0000", "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:00 GMT", "Sun, 06 Nov 1994 08:49:61 GMT",
            "Sun, 31 Nov 1994 08:49:37 GMT", "Sun, 00 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 19x4 08:49:37 GMT",
            "Xyz, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT ", "Sun,\u{A0}06 Nov 1994 08:49:37 GMT",
        ] {
            #expect(HTTPDate.parse(text) == nil, "\(text)")
        }
    }
}
