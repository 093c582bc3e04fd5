import LoupeIO

/// A byte stream over memory that hands out at most `step` bytes per read, as pipes and
/// decompressors do: every reader is tested at awkward block sizes (STYLE 3).
package final class SteppedStream: ByteStream {
    private let bytes: [UInt8]
    private let step: Int
    private var offset = 0
    package let name: String

    package init(_ bytes: [UInt8], step: Int, name: String = "(memory)") {
        self.bytes = bytes
        self.step = max(step, 1)
        self.name = name
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let n = min(step, buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        offset += n
        return n
    }
}
