import CZlib
import CZstd
import FuzzSupport

@testable import LoupeIO

/// The gzip and zstd framing: magic-byte detection, the replayed prefix of a sniffed pipe, and
/// the decompressing streams, at awkward read sizes.
///
/// The first byte picks what the rest is: 0 raw bytes sniffed like a pipe, 1 a gzip member of
/// the rest (compressed here with zlib), 2 a zstd frame of the rest, each then cut at a point
/// and with one byte changed, both picked from the data.
///
/// Checks: no crash or sanitizer report; the output and the error are the same whatever the
/// read sizes; an error's compressed offset lies within the compressed bytes; a well-formed
/// member or frame decompresses to exactly the original; a cut one decompresses to a prefix
/// of the original and then reports truncation (or ends cleanly when nothing was left).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let bytes = fuzzBytes(data, size)
    let rest = Array(bytes.dropFirst())
    switch bytes[0] % 3 {
    case 0:
        _ = sniffAndRead(rest)
    case 1:
        checkRoundTrip(original: rest, compressed: gzip(rest), format: .gzip)
    default:
        checkRoundTrip(original: rest, compressed: zstd(rest), format: .zstd)
    }
    return 0
}

/// Reads `input` as InputSource reads a pipe: peek the magic, replay it, decompress when it
/// says so. Returns the bytes read and the error; both must not depend on the read sizes.
func sniffAndRead(_ input: [UInt8]) -> (bytes: [UInt8], error: InputError?) {
    var results: [(bytes: [UInt8], error: InputError?)] = []
    for (step, bufferSize) in [(1 << 16, 1 << 16), (awkwardSteps[input.count % awkwardSteps.count], 3), (1, 1)] {
        let raw = MemoryStream(input, step: step)
        var stream: any ByteStream
        var format: CompressionFormat?
        do {
            let magic = try PrefixedStream.peek(raw, count: CompressionFormat.magicLength)
            fuzzCheck(magic == Array(input.prefix(CompressionFormat.magicLength)), "peek returned other bytes than the input's first")
            let replayed = PrefixedStream(prefix: magic, source: raw)
            format = CompressionFormat.detect(magic)
            stream = format.map { $0.decoder(over: replayed, name: "(fuzz)") } ?? replayed
        } catch {
            fuzzCheck(false, "a memory stream failed: \(error)")
            return ([], nil)
        }
        let result = readAll(stream, bufferSize: bufferSize)
        if format == nil { fuzzCheck(result.bytes == input && result.error == nil, "plain input was not replayed byte for byte") }
        if let error = result.error {
            switch error {
            case .corruptCompressed(_, _, let offset, _), .truncatedCompressed(_, _, let offset):
                fuzzCheck(offset >= 0 && offset <= input.count, "compressed offset \(offset) outside 0...\(input.count)")
            default:
                fuzzCheck(false, "unexpected error \(error)")
            }
        }
        results.append(result)
    }
    for other in results.dropFirst() {
        if case .corruptCompressed(_, .zstd, _, _)? = other.error {
            // libzstd reports no output for a call that fails: the larger the buffer, the more
            // of a damaged frame is lost (ZstdStream documents it). Still a prefix of each other.
            fuzzCheck(
                other.bytes.starts(with: results[0].bytes) || results[0].bytes.starts(with: other.bytes),
                "zstd output before an error is not the same prefix")
            fuzzCheck(sameError(other.error, results[0].error), "zstd error depends on the read sizes")
            continue
        }
        fuzzCheck(
            other.bytes == results[0].bytes,
            "output depends on the read sizes: \(other.bytes.count) bytes (\(String(describing: other.error))) vs \(results[0].bytes.count) (\(String(describing: results[0].error))), input \(input)")
        fuzzCheck(
            sameError(other.error, results[0].error),
            "error depends on the read sizes: \(String(describing: other.error)) vs \(String(describing: results[0].error))")
    }
    return results[0]
}

/// Equal errors; libzstd does not say where in its input it found damage, so a corrupt zstd
/// frame is reported at the start of the failing call's input, which depends on the read sizes.
func sameError(_ a: InputError?, _ b: InputError?) -> Bool {
    if case .corruptCompressed(let n1, .zstd, _, let d1) = a, case .corruptCompressed(let n2, .zstd, _, let d2) = b {
        return n1 == n2 && d1 == d2
    }
    return a == b
}

func readAll(_ stream: any ByteStream, bufferSize: Int) -> (bytes: [UInt8], error: InputError?) {
    var out: [UInt8] = []
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 1)
    defer { buffer.deallocate() }
    while true {
        do {
            let n = try stream.read(into: buffer)
            fuzzCheck(n >= 0 && n <= bufferSize, "read returned \(n) for a buffer of \(bufferSize)")
            if n == 0 { return (out, nil) }
            out += buffer[..<n]
            // Decompression bombs are legal input; a fuzz run only needs the start.
            if out.count > 1 << 22 { return (out, nil) }
        } catch {
            return (out, error)
        }
    }
}

func checkRoundTrip(original: [UInt8], compressed: [UInt8], format: CompressionFormat) {
    let whole = sniffAndRead(compressed)
    fuzzCheck(whole.error == nil && whole.bytes == original, "\(format) of \(original.count) bytes did not decompress to the original: \(String(describing: whole.error))")
    guard !compressed.isEmpty else { return }
    // A cut: the data stops early. Where, and which byte to change, come from the data itself.
    let seed = original.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1)) &* 1099511628211 }
    let cut = Int(seed % UInt64(compressed.count))
    let truncated = sniffAndRead(Array(compressed[..<cut]))
    let magic = format == .gzip ? 2 : 4
    if cut < magic {
        // Too short to be recognised: plain bytes, replayed as they are.
        fuzzCheck(truncated.error == nil && truncated.bytes == Array(compressed[..<cut]), "a \(format) stream cut at \(cut) was not read as plain bytes")
    } else {
        fuzzCheck(original.starts(with: truncated.bytes), "a cut \(format) stream decoded bytes the original does not have")
        if case .truncatedCompressed = truncated.error {
        } else {
            fuzzCheck(false, "a \(format) stream cut at \(cut) of \(compressed.count) gave \(String(describing: truncated.error))")
        }
    }
    // One changed byte: anything but a crash, and still independent of the read sizes.
    var damaged = compressed
    damaged[Int((seed >> 32) % UInt64(compressed.count))] ^= UInt8(truncatingIfNeeded: seed >> 8) | 1
    _ = sniffAndRead(damaged)
}

/// One gzip member of `bytes`, as `gzip` writes it.
func gzip(_ bytes: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    guard deflateInit2_(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
        fuzzCheck(false, "deflateInit2 failed")
        return []
    }
    defer { deflateEnd(&stream) }
    var input = bytes
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 32)
    let produced: Int = input.withUnsafeMutableBufferPointer { i in
        output.withUnsafeMutableBufferPointer { o in
            stream.next_in = i.baseAddress
            stream.avail_in = UInt32(i.count)
            stream.next_out = o.baseAddress
            stream.avail_out = UInt32(o.count)
            let status = deflate(&stream, Z_FINISH)
            fuzzCheck(status == Z_STREAM_END, "deflate did not finish: \(status)")
            return o.count - Int(stream.avail_out)
        }
    }
    return Array(output[..<produced])
}

/// One zstd frame of `bytes`, with a checksum.
func zstd(_ bytes: [UInt8]) -> [UInt8] {
    let context = ZSTD_createCCtx()
    defer { ZSTD_freeCCtx(context) }
    _ = ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, 1)
    _ = ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
    var out = [UInt8](repeating: 0, count: ZSTD_compressBound(bytes.count))
    let n = out.withUnsafeMutableBytes { o in
        bytes.withUnsafeBytes { i in ZSTD_compress2(context, o.baseAddress, o.count, i.baseAddress, i.count) }
    }
    fuzzCheck(ZSTD_isError(n) == 0, "ZSTD_compress2 failed")
    return Array(out[..<n])
}

@main
enum FuzzMain {
    static func main() { FuzzDriver.run(fuzz) }
}
