import Glibc
import LoupeIO

/// Buffered output to a file descriptor; a closed pipe (`loupe ... | head`) surfaces as
/// `OutputError.closedPipe` so the run can end quietly.
package final class OutputWriter {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let capacity: Int
    /// True when writes go to a terminal (decides colors and escaping of control bytes).
    package let isTerminal: Bool

    package init(fd: Int32 = 1, capacity: Int = 1 << 20) {
        self.fd = fd
        self.capacity = capacity
        isTerminal = isatty(fd) == 1
        buffer.reserveCapacity(capacity)
    }

    /// On a terminal, DEL and C1 controls are written escaped (`TerminalText`), whatever the
    /// format: JSON reports and records hold them raw inside strings, and U+009B acts as ESC [.
    package func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        if isTerminal, let escaped = TerminalText.escapingWideControls(bytes) {
            try append(escaped)
            return
        }
        try append(bytes)
    }

    private func append(_ bytes: [UInt8]) throws(OutputError) {
        let failure: OutputError? = bytes.withUnsafeBytes { raw in
            do throws(OutputError) { try append(raw) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    private func append(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        if buffer.count + bytes.count > capacity { try flush() }
        if bytes.count >= capacity {
            try writeAll(bytes)
            return
        }
        buffer.append(contentsOf: bytes.bindMemory(to: UInt8.self))
    }

    package func write(_ bytes: [UInt8]) throws(OutputError) {
        if isTerminal, let escaped = bytes.withUnsafeBytes(TerminalText.escapingWideControls) {
            try append(escaped)
            return
        }
        if buffer.count + bytes.count > capacity { try flush() }
        buffer.append(contentsOf: bytes)
    }

    package func write(_ text: String) throws(OutputError) {
        try write(Array(text.utf8))
    }

    package func write(byte: UInt8) throws(OutputError) {
        if buffer.count + 1 > capacity { try flush() }
        buffer.append(byte)
    }

    package func flush() throws(OutputError) {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        let failure: OutputError? = buffer.withUnsafeBytes { raw in
            do throws(OutputError) { try writeAll(raw) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        guard let error = LoupeIO.writeAll(fd, bytes) else { return }
        throw error == EPIPE ? OutputError.closedPipe : OutputError.writeFailed(error)
    }
}

/// Why output stopped.
package enum OutputError: Error, Equatable {
    /// The reader went away; not an error for the user.
    case closedPipe
    case writeFailed(Int32)
}
