import LoupeIO

/// A byte stream over memory that hands out at most `step` bytes per read: readers are tested
/// at awkward block sizes (STYLE 3).
final class MemoryStream: ByteStream {
    private let bytes: [UInt8]
    private let step: Int
    private var offset = 0
    let name = "(memory)"

    init(_ bytes: [UInt8], step: Int) {
        self.bytes = bytes
        self.step = max(step, 1)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let n = min(step, buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { source in buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: n) }
        offset += n
        return n
    }
}

extension OpenedInput {
    /// An input over `text`, read `step` bytes at a time.
    static func memory(_ text: String, step: Int = 1 << 16) -> OpenedInput {
        OpenedInput(name: "(memory)", body: .stream(MemoryStream(Array(text.utf8), step: step)))
    }
}
