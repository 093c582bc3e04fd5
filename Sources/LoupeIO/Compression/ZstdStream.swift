import CZstd

/// Decompresses zstd data read from another stream, as `zstd -d` does.
///
/// Several frames in a row decompress to their concatenation; skippable frames are skipped.
/// Data that stops inside a frame throws `truncatedCompressed`; data libzstd rejects throws
/// `corruptCompressed` with the compressed offset. Everything decoded before the error has
/// already been returned by earlier reads; the failing call's own output is lost, since
/// libzstd reports none for it (so how much of a damaged frame comes out depends on the read
/// size, and the offset is where that call's input began).
package final class ZstdStream: ByteStream {
    package let name: String
    private let input: CompressedInput
    private let context: OpaquePointer
    /// Bytes of `input`'s buffer libzstd has consumed.
    private var consumed = 0
    /// libzstd's last hint: 0 when a frame has just been completed and fully flushed.
    private var pending = 1
    private var finished = false

    /// `inputCapacity` is how many compressed bytes are read from `source` at a time.
    package init(source: any ByteStream, name: String, inputCapacity: Int = ZSTD_DStreamInSize()) {
        self.name = name
        input = CompressedInput(source: source, capacity: inputCapacity)
        context = ZSTD_createDStream()
        _ = ZSTD_initDStream(context)
    }

    deinit { ZSTD_freeDStream(context) }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard buffer.count > 0 else { return 0 }
        while !finished {
            if consumed == input.count {
                if try input.refill() {
                    consumed = 0
                } else if pending == 0 {
                    finished = true
                    return 0
                }
                // At the end of input with a frame open, one more call may still flush
                // decoded bytes; only a call that yields nothing proves the truncation.
            }
            var output = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
            var source = ZSTD_inBuffer(src: UnsafeRawPointer(input.base), size: input.count, pos: consumed)
            let hint = ZSTD_decompressStream(context, &output, &source)
            let before = consumed
            consumed = source.pos
            if ZSTD_isError(hint) != 0 {
                let detail = String(cString: ZSTD_getErrorName(hint))
                throw InputError.corruptCompressed(name, format: .zstd, offset: input.offsetOfBuffer + before, detail: detail)
            }
            pending = hint
            if output.pos > 0 { return output.pos }
            if input.ended && consumed == input.count && pending != 0 {
                throw InputError.truncatedCompressed(name, format: .zstd, offset: input.offsetOfBuffer + input.count)
            }
        }
        return 0
    }
}
