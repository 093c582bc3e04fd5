import LoupeTestSupport
import Testing

@testable import LoupeIO

@Suite("ZstdStream")
struct ZstdStreamTests {
    static let text = CompressionFixtures.text(lines: 6000)

    @Test(arguments: CompressionFixtures.awkwardSizes)
    func roundTripsAtAwkwardBlockSizes(_ size: Int) throws {
        let compressed = try CompressionFixtures.zstd(Self.text, level: 1)
        #expect(compressed.count > 65537, "the fixture must span several 64 KiB reads")
        let stream = ZstdStream(source: SteppedStream(compressed, step: size), name: "t.zst", inputCapacity: size)
        #expect(try CompressionFixtures.readAll(stream, bufferSize: size) == Self.text)
    }

    @Test func concatenatedFramesReadAsTheirConcatenation() throws {
        let a = CompressionFixtures.text(lines: 300, seed: 1)
        let b = CompressionFixtures.text(lines: 5, seed: 2)
        // A skippable frame (magic 0x184D2A50, 4-byte length) between them is ignored.
        let skippable: [UInt8] = [0x50, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 9, 9, 9]
        let joined = try CompressionFixtures.zstd(a) + skippable + CompressionFixtures.zstd([]) + CompressionFixtures.zstd(b)
        for size in [1, 7, 4096] {
            let stream = ZstdStream(source: SteppedStream(joined, step: size), name: "t.zst", inputCapacity: size)
            #expect(try CompressionFixtures.readAll(stream, bufferSize: 1000) == a + b)
        }
    }

    @Test func truncatedDataThrowsAtTheCutAfterAPrefix() throws {
        let text = CompressionFixtures.text(lines: 20000)
        let compressed = try CompressionFixtures.zstd(text)
        for cut in [1, 4, 5, 100, compressed.count / 2, compressed.count - 1] {
            let stream = ZstdStream(source: SteppedStream(Array(compressed[..<cut]), step: 4096), name: "t.zst")
            let (bytes, error) = CompressionFixtures.readUntilFailure(stream, bufferSize: 4096)
            #expect(error == .truncatedCompressed("t.zst", format: .zstd, offset: cut), "cut at \(cut)")
            #expect(bytes == Array(text[..<bytes.count]))
        }
        // zstd decodes whole blocks (up to 128 KiB of text): half the data yields most blocks.
        let half = ZstdStream(source: SteppedStream(Array(compressed[..<(compressed.count / 2)]), step: 4096), name: "t.zst")
        #expect(CompressionFixtures.readUntilFailure(half, bufferSize: 4096).bytes.count > text.count / 4)
    }

    @Test func corruptDataNamesTheCompressedOffset() throws {
        let text = CompressionFixtures.text(lines: 2000)
        let compressed = try CompressionFixtures.zstd(text)
        var badChecksum = compressed
        badChecksum[compressed.count - 1] ^= 0xFF
        let stream = ZstdStream(source: SteppedStream(badChecksum, step: 1000), name: "bad.zst")
        let (bytes, error) = CompressionFixtures.readUntilFailure(stream, bufferSize: 1 << 20)
        guard case .corruptCompressed("bad.zst", .zstd, let offset, let detail)? = error else {
            Issue.record("expected a corrupt-data error, got \(String(describing: error))")
            return
        }
        #expect(detail == "Restored data doesn't match checksum")
        #expect(offset > 0 && offset < compressed.count)
        #expect(bytes == Array(text[..<bytes.count]))

        let garbage = compressed + Array("garbage\n".utf8)
        let trailing = CompressionFixtures.readUntilFailure(
            ZstdStream(source: SteppedStream(garbage, step: 1000), name: "g.zst"), bufferSize: 4096)
        #expect(trailing.bytes == text)
        #expect(trailing.error == .corruptCompressed("g.zst", format: .zstd, offset: compressed.count, detail: "Unknown frame descriptor"))
    }
}
