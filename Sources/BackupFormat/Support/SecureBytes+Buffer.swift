import SodiumBridge

extension SecureBytes {
    /// Copies `buffer` straight into secure memory, with no intermediate array.
    init(copyingBuffer buffer: UnsafeRawBufferPointer) {
        self.init(count: buffer.count) { destination in
            if buffer.count > 0 { destination.copyMemory(from: buffer) }
        }
    }
}
