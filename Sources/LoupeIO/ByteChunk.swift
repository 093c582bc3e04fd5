/// A read-only run of input bytes that ends at a record boundary (a newline or the end of input).
///
/// The bytes stay valid while `owner` is alive; a chunk is handed to one worker at a time.
// @unchecked Sendable: the bytes are never written after the chunk is made, and `owner` keeps
// them alive.
package struct ByteChunk: @unchecked Sendable {
    /// First byte of the chunk.
    package let base: UnsafePointer<UInt8>
    /// Number of bytes in the chunk.
    package let count: Int
    /// Offset of `base` in the whole input, for error positions.
    package let inputOffset: Int
    /// Keeps the memory alive: the mapping or the buffer the bytes live in.
    package let owner: AnyObject?
    /// Where its records lie when they are not its lines (JSON values, RS sequences, prefixed
    /// lines); nil for JSON lines, which keep the line-by-line fast path.
    package let frames: RecordFrames?

    package init(base: UnsafePointer<UInt8>, count: Int, inputOffset: Int, owner: AnyObject?, frames: RecordFrames? = nil) {
        self.base = base
        self.count = count
        self.inputOffset = inputOffset
        self.owner = owner
        self.frames = frames
    }

    package var end: UnsafePointer<UInt8> { base + count }

    /// Lets go of the chunk's memory-mapped pages once nothing points into them any more.
    package func discardMappedPages() {
        (owner as? MappedFile)?.discard(from: inputOffset, count: count)
    }
}

/// Owns a heap buffer filled from a stream, so chunks can point into it.
// @unchecked Sendable: filled by the one reader before any chunk points into it, read-only after.
package final class OwnedBuffer: @unchecked Sendable {
    package let pointer: UnsafeMutablePointer<UInt8>
    package let capacity: Int

    package init(capacity: Int) {
        self.capacity = max(capacity, 1)
        pointer = .allocate(capacity: self.capacity)
    }

    deinit { pointer.deallocate() }

    /// A new buffer of `capacity` bytes that begins with this one's `range`. A method, so this
    /// buffer is alive for the whole copy: `bigger.pointer.update(from: buffer.pointer, ...)`
    /// followed by `buffer = bigger` let an optimized build free the old buffer before the copy
    /// read it (a crash on a binary line at a 2 MiB block's edge).
    package func copying(_ range: Range<Int>, capacity: Int) -> OwnedBuffer {
        let next = OwnedBuffer(capacity: capacity)
        next.pointer.update(from: pointer + range.lowerBound, count: range.count)
        return next
    }
}
