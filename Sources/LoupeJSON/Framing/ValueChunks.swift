import LoupeIO

/// The chunks of an input of JSON values or a JSON text sequence, each ending after a whole
/// record and carrying its frames (`ValueFraming`), in input order.
///
/// A record is never split: a stream's buffer grows until it holds a whole value, however big
/// (a value bigger than the block size works at any block size). Mapped files are framed in
/// place. When a stream fails (a corrupt compressed file), the whole records read before the
/// failure are handed out and the error is thrown after them.
// @unchecked Sendable: used by the one consumer thread that calls `next`, like `ChunkReader`;
// the chunks it hands out are immutable.
package final class ValueChunks: ByteChunkSource, @unchecked Sendable {
    private let input: OpenedInput
    private let chunkSize: Int
    private var framing: ValueFraming
    private var offset = 0
    private var carried = CarriedBytes()
    private var finished = false
    private var failure: InputError?

    package init(_ input: OpenedInput, mode: ValueFraming.Mode, chunkSize: Int = 2 << 20) {
        self.input = input
        self.chunkSize = max(chunkSize, 1)
        framing = ValueFraming(mode)
    }

    package var bytesDelivered: Int { offset }

    package var knownSize: Int? {
        if case .mapped(let file) = input.body { return file.count }
        return nil
    }

    package func next() throws(InputError) -> ByteChunk? {
        switch input.body {
        case .mapped(let file):
            guard let base = file.base, offset < file.count else { return nil }
            let framed = framing.frame(base + offset, count: file.count - offset, target: chunkSize, atEnd: true)
            let chunk = ByteChunk(base: base + offset, count: framed.consumed, inputOffset: offset, owner: file, frames: framed.frames)
            offset += framed.consumed
            return chunk
        case .stream(let stream):
            return try chunkThenFailure(try nextStreamed(stream), &failure)
        }
    }

    private func nextStreamed(_ stream: any ByteStream) throws(InputError) -> ByteChunk? {
        if finished && carried.count == 0 { return nil }
        var (buffer, capacity, filled) = carried.nextBuffer(chunkSize: chunkSize)
        var framed: ValueFraming.Framed
        while true {
            while filled < capacity && !finished {
                do {
                    let n = try stream.read(into: UnsafeMutableRawBufferPointer(start: buffer.pointer + filled, count: capacity - filled))
                    if n == 0 { finished = true }
                    filled += n
                } catch {
                    // What was read before the failure: its whole records go out, the rest is
                    // lost; `next` throws the error after them.
                    failure = error
                    finished = true
                }
            }
            framed = framing.frame(UnsafePointer(buffer.pointer), count: filled, target: chunkSize, atEnd: finished && failure == nil)
            if framed.consumed > 0 || finished { break }
            // A record longer than the buffer: grow it rather than cut the record.
            capacity *= 2
            buffer = buffer.copying(0..<filled, capacity: capacity)
        }
        // At the end, a frame without bytes may remain: the end of an array the input cut.
        guard framed.consumed > 0 || !framed.frames.isEmpty else { return nil }
        if framed.consumed < filled && failure == nil {
            carried.keep(buffer, from: framed.consumed, to: filled)
        }
        let chunk = ByteChunk(
            base: UnsafePointer(buffer.pointer), count: framed.consumed, inputOffset: offset, owner: buffer, frames: framed.frames)
        offset += framed.consumed
        return chunk
    }
}
