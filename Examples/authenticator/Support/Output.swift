import Foundation

/// Standard output (buffered, so thousands of lines cost few system calls) and standard
/// error (one line per error, unbuffered).
///
/// In a run inside the test process (`Invocation.current` is set), both go to that run's
/// buffers instead, with the same buffering, so that what a run prints is what the binary
/// would print.
enum Output {
    /// Bytes waiting for standard output.
    nonisolated(unsafe) fileprivate static var buffer: [UInt8] = []
    /// Flush when the buffer grows beyond this many bytes.
    private static let flushThreshold = 1 << 16

    /// Queues `line` and a newline for standard output.
    static func writeLine(_ line: String) {
        queue { buffer in
            buffer.append(contentsOf: line.utf8)
            buffer.append(UInt8(ascii: "\n"))
        }
    }

    /// Writes many lines, such as a window of HOTP codes: `body` gets a function that adds
    /// one line to a buffer local to this call (so a line costs no access to the shared
    /// buffer), written to standard output every 64 KiB and at the end.
    static func writeLines(_ body: ((String) -> Void) throws -> Void) rethrows {
        flush()
        var lines: [UInt8] = []
        lines.reserveCapacity(flushThreshold + 64)
        defer { writeToStandardOutput(lines) }
        try body { line in
            lines.append(contentsOf: line.utf8)
            lines.append(UInt8(ascii: "\n"))
            if lines.count >= flushThreshold {
                writeToStandardOutput(lines)
                lines.removeAll(keepingCapacity: true)
            }
        }
    }

    /// Queues `text` as is for standard output.
    static func write(_ text: String) {
        queue { buffer in buffer.append(contentsOf: text.utf8) }
    }

    /// Adds to the bytes waiting for standard output, and writes them once they pass the
    /// threshold.
    private static func queue(_ add: (inout [UInt8]) -> Void) {
        if let invocation = Invocation.current { return invocation.queue(add, threshold: flushThreshold) }
        add(&buffer)
        if buffer.count >= flushThreshold { flush() }
    }

    /// Writes everything queued to standard output.
    static func flush() {
        if let invocation = Invocation.current { return invocation.flush() }
        writeToStandardOutput(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `bytes` to standard output now.
    private static func writeToStandardOutput(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if let invocation = Invocation.current { return invocation.writeStandardOutput(bytes) }
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// Writes `line` and a newline to standard error.
    static func writeErrorLine(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        if let invocation = Invocation.current { return invocation.writeStandardError(bytes) }
        FileHandle.standardError.write(Data(bytes))
    }

    /// The error contract's single line: `error: <case>: <message>`, with any line breaks
    /// in the message folded so that it stays one line.
    static func reportError(caseName: String, message: String) {
        let folded = message
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
        writeErrorLine("error: \(caseName): \(folded)")
    }
}

extension Output {
    /// Drops whatever is queued for standard output and not yet written (a failing command
    /// prints nothing on standard output).
    static func discard() {
        if let invocation = Invocation.current { return invocation.discard() }
        buffer.removeAll()
    }
}
