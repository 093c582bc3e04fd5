import LoupeIO

/// One run of `TimeMerge` as an input of its own: the execution reads it as one chunk whose
/// offsets are those of the run's lines in their file, so messages and `-n` name true lines.
package final class MergedRunChunks: ByteChunkSource {
    private var pending: ByteChunk?
    package private(set) var bytesDelivered = 0

    package init(_ run: TimeMerge.Run) {
        let buffer = OwnedBuffer(capacity: run.bytes.count)
        buffer.pointer.update(from: run.bytes, count: run.bytes.count)
        pending = ByteChunk(base: UnsafePointer(buffer.pointer), count: run.bytes.count, inputOffset: run.offset, owner: buffer)
    }

    package func next() throws(InputError) -> ByteChunk? {
        defer { pending = nil }
        bytesDelivered += pending?.count ?? 0
        return pending
    }
}
