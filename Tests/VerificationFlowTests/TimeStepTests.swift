import Foundation
import Testing
@testable import VerificationFlow

@Suite("TOTP time step")
struct TimeStepTests {
    // RFC 6238 Appendix B: unix time and the time step T (hex) for X = 30, T0 = 0.
    @Test(arguments: [
        (59.0, UInt64(0x1)), (1_111_111_109, 0x23523EC), (1_111_111_111, 0x23523ED),
        (1_234_567_890, 0x273EF07), (2_000_000_000, 0x3F940AA), (20_000_000_000, 0x27BC86AA),
    ] as [(Double, UInt64)])
    func theTimeStepMatchesRFC6238AppendixB(time: Double, step: UInt64) {
        #expect(totpTimeStep(at: Date(timeIntervalSince1970: time), period: 30) == step)
    }

    @Test func aTimeBeforeT0OrAZeroPeriodHasNoStep() {
        #expect(totpTimeStep(at: Date(timeIntervalSince1970: 10), period: 30, t0: 20) == nil)
        #expect(totpTimeStep(at: Date(timeIntervalSince1970: 10), period: 0) == nil)
        #expect(totpTimeStep(at: Date(timeIntervalSince1970: -1), period: 30) == nil)
    }
}
