import CZlib

/// Decompresses gzip data read from another stream, as `gzip -d` does.
///
/// Several members in a row (`cat a.gz b.gz`) decompress to their concatenation. Data that
/// stops inside a member throws `truncatedCompressed`; data zlib rejects (a bad header, a bad
/// block, a CRC or length mismatch, bytes after the last member that are not gzip) throws
/// `corruptCompressed` with the compressed offset. Everything decoded before the error has
/// already been returned by earlier reads.
package final class GzipStream: ByteStream {
    package let name: String
    private let input: CompressedInput
    /// zlib checks that a stream's address never changes, so it lives on the heap.
    private let stream: UnsafeMutablePointer<z_stream>
    private var state = State.startOfMember
    /// An error found by the inflate call that also produced the bytes just returned; thrown
    /// by the next read, so that those bytes are not lost.
    private var deferredError: InputError?

    private enum State {
        /// Before a member's first byte: the end of input here is a clean end.
        case startOfMember
        case inMember
        case finished
    }

    /// `inputCapacity` is how many compressed bytes are read from `source` at a time.
    package init(source: any ByteStream, name: String, inputCapacity: Int = 1 << 16) {
        self.name = name
        input = CompressedInput(source: source, capacity: inputCapacity)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
    }

    deinit {
        // zlib's state exists once the first member started.
        if stream.pointee.state != nil { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard buffer.count > 0 else { return 0 }
        if let error = deferredError { throw error }
        while true {
            if state == .finished { return 0 }
            // The input ended inside a member: zlib may still hold decoded bytes that an earlier,
            // smaller buffer had no room for; one more call flushes them, and only a call that
            // yields nothing proves the truncation.
            var inputEnded = false
            if stream.pointee.avail_in == 0 {
                if try input.refill() {
                    stream.pointee.next_in = input.base
                    stream.pointee.avail_in = UInt32(input.count)
                } else if state == .startOfMember {
                    state = .finished
                    return 0
                } else {
                    inputEnded = true
                }
            }
            if state == .startOfMember { try startMember() }
            stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            stream.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = buffer.count - Int(stream.pointee.avail_out)
            switch status {
            case Z_STREAM_END:
                state = .startOfMember
            case Z_OK, Z_BUF_ERROR:
                // Z_BUF_ERROR: no progress without more input, which the loop fetches.
                break
            case Z_MEM_ERROR:
                throw InputError.readFailed(name, errno: 12)  // ENOMEM
            default:
                let error = InputError.corruptCompressed(name, format: .gzip, offset: compressedOffset, detail: zlibMessage(status))
                // zlib may decode some bytes before it finds the damage in the same call; how
                // many depends on the buffer's size. Return them first.
                guard produced > 0 else { throw error }
                deferredError = error
                return produced
            }
            if produced > 0 { return produced }
            if inputEnded && state == .inMember {
                throw InputError.truncatedCompressed(name, format: .gzip, offset: compressedOffset)
            }
        }
    }

    /// Position of the next compressed byte zlib will read.
    private var compressedOffset: Int {
        guard let next = stream.pointee.next_in, input.count > 0 else { return input.offsetOfBuffer + input.count }
        return input.offsetOfBuffer + (next - input.base)
    }

    private func startMember() throws(InputError) {
        let status: Int32
        if stream.pointee.state == nil {
            status = loupe_inflate_init_gzip(stream)
        } else {
            status = inflateReset(stream)
        }
        guard status == Z_OK else { throw InputError.readFailed(name, errno: 12) }
        // Bytes after a member that do not open another one: say so rather than
        // "incorrect header check".
        if stream.pointee.avail_in >= 1, stream.pointee.next_in.pointee != 0x1F {
            throw InputError.corruptCompressed(
                name, format: .gzip, offset: compressedOffset, detail: "data after the last gzip member is not gzip")
        }
        state = .inMember
    }

    private func zlibMessage(_ status: Int32) -> String {
        if let message = stream.pointee.msg { return String(cString: message) }
        return "zlib error \(status)"
    }
}
