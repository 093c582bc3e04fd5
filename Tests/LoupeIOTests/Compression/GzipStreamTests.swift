import Foundation
import LoupeTestSupport
import Testing

@testable import LoupeIO

@Suite("GzipStream")
struct GzipStreamTests {
    static let text = CompressionFixtures.text(lines: 12000)

    /// Compressed bytes arrive `size` at a time and are read out `size` at a time.
    @Test(arguments: CompressionFixtures.awkwardSizes)
    func roundTripsAtAwkwardBlockSizes(_ size: Int) throws {
        let compressed = try CompressionFixtures.gzip(Self.text)
        #expect(compressed.count > 65537, "the fixture must span several 64 KiB reads")
        let stream = GzipStream(source: SteppedStream(compressed, step: size), name: "t.gz", inputCapacity: size)
        #expect(try CompressionFixtures.readAll(stream, bufferSize: size) == Self.text)
    }

    @Test func concatenatedMembersReadAsTheirConcatenation() throws {
        let a = CompressionFixtures.text(lines: 300, seed: 1)
        let b = CompressionFixtures.text(lines: 5, seed: 2)
        let empty = try CompressionFixtures.gzip([])
        let joined = try CompressionFixtures.gzip(a) + empty + CompressionFixtures.gzip(b) + empty
        for size in [1, 7, 4096] {
            let stream = GzipStream(source: SteppedStream(joined, step: size), name: "t.gz", inputCapacity: size)
            #expect(try CompressionFixtures.readAll(stream, bufferSize: 1000) == a + b)
        }
    }

    /// Every cut of the file either ends cleanly (at a member's end) or throws `truncated` at
    /// the cut, after returning a prefix of the text.
    @Test func truncatedDataThrowsAtTheCutAfterAPrefix() throws {
        let text = CompressionFixtures.text(lines: 2000)
        let compressed = try CompressionFixtures.gzip(text)
        for cut in [1, 2, 9, 10, 11, 100, compressed.count / 2, compressed.count - 8, compressed.count - 1] {
            let stream = GzipStream(source: SteppedStream(Array(compressed[..<cut]), step: 4096), name: "t.gz")
            let (bytes, error) = CompressionFixtures.readUntilFailure(stream, bufferSize: 4096)
            #expect(error == .truncatedCompressed("t.gz", format: .gzip, offset: cut), "cut at \(cut)")
            #expect(bytes == Array(text[..<bytes.count]))
        }
        let half = GzipStream(source: SteppedStream(Array(compressed[..<(compressed.count / 2)]), step: 4096), name: "t.gz")
        #expect(CompressionFixtures.readUntilFailure(half, bufferSize: 4096).bytes.count > text.count / 4)
    }

    /// Found by Fuzz/ (compression): a damaged member whose damage zlib finds in the same
    /// inflate call that decodes the bytes before it. With a large buffer those bytes were
    /// dropped with the error, with 1-byte reads they were returned: what a reader saw of a
    /// corrupt file depended on its buffer size. They are now returned before the error.
    @Test func bytesBeforeTheDamageDoNotDependOnTheBufferSize() {
        // `{"level":"error","msg":"x"}\n` compressed by zlib, with one byte of its block changed:
        // it decodes to `{"j` and two more bytes, then refers back before the start.
        let damaged: [UInt8] = [
            31, 139, 8, 0, 0, 0, 0, 0, 0, 3, 171, 86, 202, 154, 45, 75, 205, 81, 178, 82, 74, 45, 42, 202, 47, 82, 210, 81, 202, 45, 78,
            7, 242, 42, 148, 106, 185, 0, 9, 65, 104, 23, 28, 0, 0, 0,
        ]
        let expectedError = InputError.corruptCompressed("bad.gz", format: .gzip, offset: 19, detail: "invalid distance too far back")
        for size in [1, 3, 15, 100, 65536] {
            let stream = GzipStream(source: SteppedStream(damaged, step: size), name: "bad.gz", inputCapacity: size)
            let (bytes, error) = CompressionFixtures.readUntilFailure(stream, bufferSize: size)
            #expect(bytes == [0x7B, 0x22, 0x6A, 0x9B, 0x1D], "buffer of \(size)")
            #expect(error == expectedError, "buffer of \(size)")
        }
    }

    /// Found by Fuzz/ (compression): a member cut short, read into small buffers, lost what
    /// zlib could still decode from input it had already taken in when the input ended (the
    /// last call had filled the buffer): 9 bytes came out with 3-byte buffers, 10 with 64 KiB.
    @Test func aCutMemberYieldsEverythingDecodedWhateverTheBufferSize() {
        // The first 21 bytes of a gzip member of `{"level":"error","msg":"x"}\n`.
        let cut: [UInt8] = [31, 139, 8, 0, 0, 0, 0, 0, 0, 3, 171, 86, 202, 73, 45, 75, 205, 81, 178, 82, 74]
        for pieceSize in [1, 64, 65536] {
            for size in [1, 2, 3, 15, 100, 65536] {
                let stream = GzipStream(source: SteppedStream(cut, step: pieceSize), name: "cut.gz")
                let (bytes, error) = CompressionFixtures.readUntilFailure(stream, bufferSize: size)
                #expect(String(decoding: bytes, as: UTF8.self) == #"{"level":""#, "pieces of \(pieceSize), buffer of \(size)")
                #expect(error == .truncatedCompressed("cut.gz", format: .gzip, offset: 21), "pieces of \(pieceSize), buffer of \(size)")
            }
        }
    }

    @Test func corruptDataNamesTheCompressedOffset() throws {
        let text = CompressionFixtures.text(lines: 2000)
        let compressed = try CompressionFixtures.gzip(text)
        // The compression method byte (offset 2) must be 8, deflate.
        var badMethod = compressed
        badMethod[2] = 7
        var badChecksum = compressed
        badChecksum[compressed.count - 8] ^= 0xFF
        let cases: [(bytes: [UInt8], offset: Int, detail: String)] = [
            (badMethod, 4, "unknown compression method"),
            (badChecksum, compressed.count - 4, "incorrect data check"),
            (compressed + Array("garbage\n".utf8), compressed.count, "data after the last gzip member is not gzip"),
        ]
        for c in cases {
            let stream = GzipStream(source: SteppedStream(c.bytes, step: 1000), name: "bad.gz")
            let (bytes, error) = CompressionFixtures.readUntilFailure(stream, bufferSize: 1000)
            #expect(error == .corruptCompressed("bad.gz", format: .gzip, offset: c.offset, detail: c.detail))
            #expect(bytes == Array(text[..<bytes.count]))
        }
        #expect(
            InputError.corruptCompressed("bad.gz", format: .gzip, offset: 4, detail: "unknown compression method").description
                == "bad.gz: corrupt gzip data at compressed byte 4: unknown compression method")
        #expect(
            InputError.truncatedCompressed("t.gz", format: .gzip, offset: 10).description
                == "t.gz: truncated gzip data: the input ends at compressed byte 10, before the end of the compressed stream")
    }
}
