@testable import LoupeIO

/// A byte stream over memory that returns at most `step` bytes per read, as a slow pipe would.
package final class MemoryStream: ByteStream {
    private let bytes: [UInt8]
    private let step: Int
    private var offset = 0
    package let name = "(fuzz)"

    package init(_ bytes: [UInt8], step: Int) {
        self.bytes = bytes
        self.step = max(step, 1)
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let n = min(step, buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { source in buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: n) }
        offset += n
        return n
    }
}

extension OpenedInput {
    /// An input over `bytes`, streamed `step` bytes per read.
    package static func fuzzMemory(_ bytes: [UInt8], step: Int) -> OpenedInput {
        OpenedInput(name: "(fuzz)", body: .stream(MemoryStream(bytes, step: step)))
    }
}
