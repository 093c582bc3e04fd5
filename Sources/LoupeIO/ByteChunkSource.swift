/// Anything that hands out an input's records as chunks of whole lines, in order: the
/// `ChunkReader` over a file, or the span records rendered from a trace export.
package protocol ByteChunkSource: AnyObject {
    /// The next chunk, or nil at the end.
    func next() throws(InputError) -> ByteChunk?
    /// Bytes handed out so far.
    var bytesDelivered: Int { get }
    /// The total size when known in advance, for progress reports.
    var knownSize: Int? { get }
}

extension ByteChunkSource {
    package var knownSize: Int? { nil }
}

extension ChunkReader: ByteChunkSource {}
