import Glibc

/// Cuts an opened input into chunks that end at line boundaries, in input order.
///
/// A line is never split or truncated: a stream chunk grows until it holds a whole line, however
/// long. Mapped files are sliced without copying; streams are read into fresh buffers of at
/// least `chunkSize` bytes. When a stream fails (a corrupt or truncated compressed file), the
/// whole lines read before the failure are still handed out, and the error is thrown after them.
// @unchecked Sendable: a reader's mutable state is used by one thread at a time (the consumer
// that calls `next`); the chunks it hands out are immutable.
package final class ChunkReader: @unchecked Sendable {
    private let input: OpenedInput
    private let chunkSize: Int
    private var offset = 0
    /// Where a mapped input's reading starts and stops (a `--since`/`--until` seek).
    private let mappedStart: Int
    private let mappedEnd: Int
    private var carried = CarriedBytes()
    private var finished = false
    private var failure: InputError?
    /// Bytes of a binary line read and dropped since the last chunk (see `dropBinaryLine`).
    private var dropped = 0

    /// `range` limits a mapped input to those bytes; it must start and end at line starts.
    package init(_ input: OpenedInput, chunkSize: Int = 2 << 20, range: Range<Int>? = nil) {
        self.input = input
        self.chunkSize = max(chunkSize, 1)
        var size = 0
        if case .mapped(let file) = input.body { size = file.count }
        let limits = (range ?? 0..<size).clamped(to: 0..<size)
        mappedStart = limits.lowerBound
        mappedEnd = limits.upperBound
        offset = mappedStart
    }

    /// Bytes handed out in chunks so far.
    package var bytesDelivered: Int { offset - mappedStart }

    /// Total size when known in advance (mapped files), for progress reports.
    package var knownSize: Int? {
        if case .mapped = input.body { return mappedEnd - mappedStart }
        return nil
    }

    /// Returns the next chunk, or nil at the end of the input.
    package func next() throws(InputError) -> ByteChunk? {
        switch input.body {
        case .mapped(let file): return nextMapped(file)
        case .stream(let stream):
            return try chunkThenFailure(try nextStreamed(stream), &failure)
        }
    }

    private func nextMapped(_ file: MappedFile) -> ByteChunk? {
        guard let base = file.base, offset < mappedEnd else { return nil }
        let end = Self.boundary(base + offset, count: mappedEnd - offset, chunkSize: chunkSize).map { offset + $0 } ?? mappedEnd
        let chunk = ByteChunk(base: base + offset, count: end - offset, inputOffset: offset, owner: file)
        offset = end
        return chunk
    }

    /// Where a chunk of `count` bytes at `start` ends: just after the first newline at or after
    /// `chunkSize - 1`, or nil when there is none. Mapped files and streams use the same rule,
    /// so chunk boundaries (and any result merged per chunk) do not depend on how reads return.
    static func boundary(_ start: UnsafePointer<UInt8>, count: Int, chunkSize: Int, searchFrom: Int = 0) -> Int? {
        let from = max(chunkSize - 1, searchFrom)
        guard from < count, let hit = memchr(start + from, 0x0A, count - from) else { return nil }
        return UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - start + 1
    }

    /// The length of the bytes up to and including the last newline (0 when there is none).
    static func lastLineEnd(_ start: UnsafePointer<UInt8>, count: Int) -> Int {
        var i = count
        while i > 0 && start[i - 1] != 0x0A { i -= 1 }
        return i
    }

    private func nextStreamed(_ stream: any ByteStream) throws(InputError) -> ByteChunk? {
        if finished { return nil }
        var (buffer, capacity, filled) = carried.nextBuffer(chunkSize: chunkSize)
        var searched = 0
        var chunkEnd: Int?
        while true {
            if let end = Self.boundary(buffer.pointer, count: filled, chunkSize: chunkSize, searchFrom: searched) {
                chunkEnd = end
                break
            }
            searched = filled
            if filled == capacity, let kept = try dropBinaryLine(stream, &buffer, filled: filled) {
                filled = kept.filled
                chunkEnd = kept.end
                break
            }
            if filled == capacity {
                // A line longer than the buffer: grow it rather than cut the line.
                capacity *= 2
                buffer = buffer.copying(0..<filled, capacity: capacity)
            }
            let n: Int
            do {
                n = try stream.read(into: UnsafeMutableRawBufferPointer(start: buffer.pointer + filled, count: capacity - filled))
            } catch {
                // Hand out the whole lines read before the failure (a cut-off last line is not
                // a record); `next` throws the error after them.
                failure = error
                filled = Self.lastLineEnd(buffer.pointer, count: filled)
                n = 0
            }
            if n == 0 {
                finished = true
                break
            }
            filled += n
        }
        if filled == 0 { return nil }
        let end = chunkEnd ?? filled
        carried.keep(buffer, from: end, to: filled)
        let chunk = ByteChunk(base: UnsafePointer(buffer.pointer), count: end, inputOffset: offset, owner: buffer)
        offset += end + dropped
        dropped = 0
        return chunk
    }

    /// A line that fills the buffer and holds a NUL byte is binary data, not JSON, however it
    /// ends (JSON text has no raw NUL): it is kept up to its first NUL, enough to be reported
    /// as skipped, and the rest of it is read and dropped, so a stream of zeros (a
    /// decompression bomb) cannot grow the buffer without end. Returns the bytes now in the
    /// buffer and where the chunk ends (after the shortened line and its newline, so the
    /// offsets of every line in the chunk stay true), or nil for a line without a NUL.
    private func dropBinaryLine(_ stream: any ByteStream, _ buffer: inout OwnedBuffer, filled: Int) throws(InputError) -> (
        filled: Int, end: Int?
    )? {
        let lineStart = Self.lastLineEnd(buffer.pointer, count: filled)
        guard let hit = memchr(buffer.pointer + lineStart, 0, filled - lineStart) else { return nil }
        let keep = UnsafeMutablePointer(hit.assumingMemoryBound(to: UInt8.self)) - buffer.pointer + 1
        dropped += filled - keep
        let scratch = OwnedBuffer(capacity: 64 << 10)
        while true {
            let n: Int
            do {
                n = try stream.read(into: UnsafeMutableRawBufferPointer(start: scratch.pointer, count: scratch.capacity))
            } catch {
                failure = error
                n = 0
            }
            if n == 0 {
                finished = true
                return (keep, nil)
            }
            guard let newline = memchr(scratch.pointer, 0x0A, n) else {
                dropped += n
                continue
            }
            let at = UnsafeMutablePointer(newline.assumingMemoryBound(to: UInt8.self)) - scratch.pointer
            dropped += at
            let rest = n - at
            if buffer.capacity < keep + rest {
                buffer = buffer.copying(0..<keep, capacity: keep + rest)
            }
            (buffer.pointer + keep).update(from: scratch.pointer + at, count: rest)
            return (keep + rest, keep + 1)
        }
    }
}
