import LoupeIO

/// The one place an input's record shape picks its chunk source: JSON lines are read line by
/// line (the fast path), the other record shapes are framed.
package enum RecordChunks {
    /// The chunks of the records of `opened`, read as `format` (a record shape, not a trace
    /// export). `range` (a `--since` seek) applies to JSON lines only.
    package static func reader(_ opened: OpenedInput, format: InputFormat, chunkSize: Int, range: Range<Int>? = nil) -> any ByteChunkSource
    {
        switch format {
        case .json: return ValueChunks(opened, mode: .values, chunkSize: chunkSize)
        case .jsonSeq: return ValueChunks(opened, mode: .sequence, chunkSize: chunkSize)
        case .prefixedLines: return PrefixedLineChunks(ChunkReader(opened, chunkSize: chunkSize))
        case .jsonLines, .otlp, .otlpLines, .jaeger, .zipkin: return ChunkReader(opened, chunkSize: chunkSize, range: range)
        }
    }
}
