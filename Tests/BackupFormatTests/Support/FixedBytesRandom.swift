import SodiumBridge

/// A "random" source that hands out the given bytes, to build codes from known entropy.
struct FixedBytesRandom: RandomSource {
    let bytes: [UInt8]

    func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        for index in 0..<buffer.count { buffer[index] = bytes[index % bytes.count] }
    }
}
