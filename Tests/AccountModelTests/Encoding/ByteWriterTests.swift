import Testing
@testable import AccountModel

/// `ByteWriter` copies each field into a buffer allocated once at the measured size; these
/// are its edges: a measuring writer, a writer given less room than it writes, lengths
/// filled in afterwards, and changing the bytes in place.
@Suite("Byte writer")
struct ByteWriterTests {
    typealias Writer = ByteWriter<RecordCodingFailure>

    static func writeSample(_ writer: inout Writer) {
        writer.append(0x01)
        writer.append(uint16: 0x0203)
        writer.append(contentsOf: UnsafeRawBufferPointer(start: nil, count: 0))
        writer.append([0x04, 0x05])
        writer.append(uint32: 0x0607_0809)
        writer.append(uint64: 0x0A0B_0C0D_0E0F_1011)
    }

    static let sample: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]

    @Test func aWriterOfExactlyTheMeasuredSizeHoldsTheBytesWritten() {
        var measure = Writer.measuring()
        Self.writeSample(&measure)
        #expect(measure.count == Self.sample.count)
        #expect(measure.bytes == [])
        #expect(measure.withUnsafeMutableBytes { $0.count } == 0)
        #expect(measure.takeBytes() == [])
        var writer = Writer(capacity: measure.count)
        Self.writeSample(&writer)
        #expect(writer.bytes == Self.sample)
        #expect(writer.takeBytes() == Self.sample)
    }

    @Test func aWriterGivenTooLittleOrTooMuchRoomStillHoldsExactlyTheBytesWritten() {
        for capacity in [0, 1, 2, 5, 16, 17, 40] {
            var writer = Writer(capacity: capacity)
            Self.writeSample(&writer)
            #expect(writer.count == Self.sample.count)
            #expect(writer.bytes == Self.sample, "capacity \(capacity)")
            #expect(writer.withUnsafeMutableBytes { Array($0) } == Self.sample)
            #expect(writer.takeBytes() == Self.sample, "capacity \(capacity)")
        }
    }

    @Test func aLengthPrefixIsFilledInAndBytesCanBeChangedInPlace() throws {
        var writer = Writer(capacity: 9)
        try writer.appendLengthPrefixed(field: "record", limit: 10) { (inner: inout Writer) throws(RecordCodingFailure) in
            inner.append([0xAA, 0xBB, 0xCC])
        }
        writer.append(0xDD)
        #expect(writer.bytes == [0, 0, 0, 3, 0xAA, 0xBB, 0xCC, 0xDD])
        writer.withUnsafeMutableBytes { bytes in bytes[4] = 0x11 }
        #expect(writer.takeBytes() == [0, 0, 0, 3, 0x11, 0xBB, 0xCC, 0xDD])
        var tooLong = Writer(capacity: 8)
        #expect(throws: RecordCodingFailure.tooLarge(field: "record", limit: 2)) {
            try tooLong.appendLengthPrefixed(field: "record", limit: 2) { (inner: inout Writer) throws(RecordCodingFailure) in
                inner.append([1, 2, 3])
            }
        }
    }
}
