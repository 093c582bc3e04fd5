/// What a streamed chunk reader read past the end of its last chunk (a record the block's end
/// cut): the bytes that begin its next chunk. Chunk readers of every shape keep them the same
/// way.
package struct CarriedBytes {
    private var buffer: OwnedBuffer?
    private var start = 0
    /// How many bytes are carried.
    package private(set) var count = 0

    package init() {}

    /// Keeps `buffer[start..<end]` for the next chunk (the chunk handed out shares the buffer).
    package mutating func keep(_ buffer: OwnedBuffer, from start: Int, to end: Int) {
        guard end > start else { return }
        self.buffer = buffer
        self.start = start
        count = end - start
    }

    /// The next chunk's buffer: at least `chunkSize` bytes and twice what is carried (a record
    /// longer than a block grows it), beginning with the carried bytes, which it takes.
    package mutating func nextBuffer(chunkSize: Int) -> (buffer: OwnedBuffer, capacity: Int, filled: Int) {
        let capacity = max(chunkSize, count * 2)
        let filled = count
        let next = buffer.map { $0.copying(start..<start + count, capacity: capacity) } ?? OwnedBuffer(capacity: capacity)
        buffer = nil
        count = 0
        return (next, capacity, filled)
    }
}

/// A streamed reader's next chunk, or, once it has none left, the failure that ended the stream:
/// the chunks read before a failure go out first, then `next()` throws it, once.
package func chunkThenFailure(_ chunk: ByteChunk?, _ failure: inout InputError?) throws(InputError) -> ByteChunk? {
    if let chunk { return chunk }
    guard let error = failure else { return nil }
    failure = nil
    throw error
}
