import Foundation
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
        let stream = GzipStream(source: PiecewiseSource(compressed, pieceSize: size), name: "t.gz", inputCapacity: size)
        #expect(try CompressionFixtures.readAll(stream, bufferSize: size) == Self.text)
    }

    @Test func concatenatedMembersReadAsTheirConcatenation() throws {
        let a = CompressionFixtures.text(lines: 300, seed: 1)
        let b = CompressionFixtures.text(lines: 5, seed: 2)
        let empty = try CompressionFixtures.gzip([])
        let joined = try CompressionFixtures.gzip(a) + empty + CompressionFixtures.gzip(b) + empty
        for size in [1, 7, 4096] {
            let stream = GzipStream(source: PiecewiseSource(joined, pieceSize: size), name: "t.gz", inputCapacity: size)
            #expect(try CompressionFixtures.readAll(stream, bufferSize: 1000) == a + b)
        }
    }

    /// Every cut of the file either ends cleanly (at a member's end) or throws `truncated` at
    /// the cut, after returning a prefix of the text.
    @Test func truncatedDataThrowsAtTheCutAfterAPrefix() throws {
        let text = CompressionFixtures.text(lines: 2000)
        let compressed = try CompressionFixtures.gzip(text)
        for cut in [1, 2, 9, 10, 11, 100, compressed.count / 2, compressed.count - 8, compressed.count - 1] {
            let stream = GzipStream(source: PiecewiseSource(Array(compressed[..<cut]), pieceSize: 4096), name: "t.gz")
            let (bytes, error) = CompressionFixtures.readUntilFailure(stream, bufferSize: 4096)
            #expect(error == .truncatedCompressed("t.gz", format: .gzip, offset: cut), "cut at \(cut)")
            #expect(bytes == Array(text[..<bytes.count]))
        }
        let half = GzipStream(source: PiecewiseSource(Array(compressed[..<(compressed.count / 2)]), pieceSize: 4096), name: "t.gz")
        #expect(CompressionFixtures.readUntilFailure(half, bufferSize: 4096).bytes.count > text.count / 4)
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
            let stream = GzipStream(source: PiecewiseSource(c.bytes, pieceSize: 1000), name: "bad.gz")
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
