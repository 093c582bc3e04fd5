import CZstd
import Foundation

@testable import LoupeIO

/// Inputs for the decompressor tests: sample text, compressed at test time with the system's
/// `gzip` (part of every Debian system) and with libzstd itself.
enum CompressionFixtures {
    /// The block sizes every reader is tested at (DESIGN and STYLE: 1, 3, 15, 100, 64 KiB +- 1).
    static let awkwardSizes = [1, 3, 15, 100, 65535, 65536, 65537]

    /// `lines` JSON lines that differ enough to compress to several deflate blocks.
    static func text(lines: Int, seed: Int = 7) -> [UInt8] {
        var out: [UInt8] = []
        var x = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15
        for i in 0..<lines {
            x ^= x << 13
            x ^= x >> 7
            x ^= x << 17
            out += Array(#"{"i":\#(i),"level":"\#(["info", "warn", "error"][Int(x % 3)])","id":"\#(String(x, radix: 36))"}"#.utf8)
            out.append(0x0A)
        }
        return out
    }

    /// `bytes` compressed by `gzip -c -n` (one member).
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-gz-\(UUID().uuidString)")
        try Data(bytes).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec gzip -c -n \"$0\"", input.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw FixtureError.toolFailed("gzip") }
        return Array(data)
    }

    /// `bytes` compressed into one zstd frame with a checksum (as the `zstd` tool writes).
    static func zstd(_ bytes: [UInt8], level: Int32 = 3) throws -> [UInt8] {
        let context = ZSTD_createCCtx()
        defer { ZSTD_freeCCtx(context) }
        _ = ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level)
        _ = ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
        var out = [UInt8](repeating: 0, count: ZSTD_compressBound(bytes.count))
        let n = out.withUnsafeMutableBytes { o in
            bytes.withUnsafeBytes { i in ZSTD_compress2(context, o.baseAddress, o.count, i.baseAddress, i.count) }
        }
        guard ZSTD_isError(n) == 0 else { throw FixtureError.toolFailed("ZSTD_compress2") }
        return Array(out[..<n])
    }

    /// Reads a stream to its end with reads of `bufferSize` bytes.
    static func readAll(_ stream: any ByteStream, bufferSize: Int) throws(InputError) -> [UInt8] {
        var out: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let n = try stream.read(into: buffer)
            if n == 0 { return out }
            out += buffer[..<n]
        }
    }

    /// Reads what a stream yields before it fails, and the error (nil when it ends cleanly).
    static func readUntilFailure(_ stream: any ByteStream, bufferSize: Int) -> (bytes: [UInt8], error: InputError?) {
        var out: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            do {
                let n = try stream.read(into: buffer)
                if n == 0 { return (out, nil) }
                out += buffer[..<n]
            } catch {
                return (out, error)
            }
        }
    }

    enum FixtureError: Error {
        case toolFailed(String)
    }
}
