/// The compressed side of a decompressing stream: a buffer refilled from the source stream,
/// and how many compressed bytes came before it, so errors can name the compressed offset.
final class CompressedInput {
    let source: any ByteStream
    let buffer: UnsafeMutableRawBufferPointer
    /// Valid bytes in `buffer`.
    private(set) var count = 0
    /// Compressed bytes read before the current buffer's first byte.
    private(set) var offsetOfBuffer = 0
    /// The source returned 0: no more compressed bytes will come.
    private(set) var ended = false

    init(source: any ByteStream, capacity: Int) {
        self.source = source
        buffer = .allocate(byteCount: max(capacity, 1), alignment: 16)
    }

    deinit { buffer.deallocate() }

    var base: UnsafeMutablePointer<UInt8> { buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) }

    /// Replaces the (fully consumed) buffer with the next bytes of the source; false at its end.
    func refill() throws(InputError) -> Bool {
        if ended { return false }
        let n = try source.read(into: buffer)
        if n == 0 {
            // Keep the last buffer's accounting: offsets stay relative to it.
            ended = true
            return false
        }
        offsetOfBuffer += count
        count = n
        return true
    }
}
