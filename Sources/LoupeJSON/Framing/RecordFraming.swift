import LoupeIO

/// The one place an input's record shape picks its chunk source: JSON lines are read line by
/// line (the fast path), the other record shapes are framed.
package enum RecordFraming {
    /// The chunks of the records of `opened`, read as `format` (a record shape; trace exports
    /// and OTLP logs are decoded into records elsewhere, `RecordChunks`). `range` (a `--since`
    /// seek) applies to JSON lines only.
    package static func chunks(_ opened: OpenedInput, format: InputFormat, chunkSize: Int, range: Range<Int>? = nil) -> any ByteChunkSource
    {
        switch format {
        case .json: return ValueChunks(opened, mode: .values, chunkSize: chunkSize)
        case .wrapped: return ValueChunks(opened, mode: .wrapped, chunkSize: chunkSize)
        case .jsonSeq: return ValueChunks(opened, mode: .sequence, chunkSize: chunkSize)
        case .prefixedLines: return PrefixedLineChunks(ChunkReader(opened, chunkSize: chunkSize))
        case .jsonLines, .otlp, .otlpLines, .jaeger, .zipkin, .otelConsole, .otlpLogs, .otlpLogsLines:
            return ChunkReader(opened, chunkSize: chunkSize, range: range)
        }
    }
}
