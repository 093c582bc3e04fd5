import Foundation
import LoupeTestSupport
import Testing

@testable import LoupeIO

/// Opening compressed inputs: detection by magic bytes, streaming, and chunking of the
/// decompressed text at awkward chunk sizes.
@Suite("Compressed input sources")
struct CompressedInputSourceTests {
    static let text = CompressionFixtures.text(lines: 3000)

    private func file(_ bytes: [UInt8], _ name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-cz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func allChunks(_ reader: ChunkReader) throws(InputError) -> [[UInt8]] {
        var out: [[UInt8]] = []
        while let chunk = try reader.next() { out.append(Array(UnsafeBufferPointer(start: chunk.base, count: chunk.count))) }
        return out
    }

    @Test func detectsFormatsByMagicBytesOnly() {
        #expect(CompressionFormat.detect([0x1F, 0x8B, 8, 0]) == .gzip)
        #expect(CompressionFormat.detect([0x28, 0xB5, 0x2F, 0xFD]) == .zstd)
        #expect(CompressionFormat.detect([0x28, 0xB5, 0x2F]) == nil)
        #expect(CompressionFormat.detect([0x50, 0x2A, 0x4D, 0x18]) == .zstd)
        #expect(CompressionFormat.detect([0x60, 0x2A, 0x4D, 0x18]) == nil)
        #expect(CompressionFormat.detect(Array("{\"a\":1}".utf8)) == nil)
        #expect(CompressionFormat.detect([]) == nil)
    }

    @Test(arguments: CompressionFixtures.awkwardSizes)
    func compressedFilesStreamAsWholeLines(_ chunkSize: Int) throws {
        for (bytes, format) in [
            (try CompressionFixtures.gzip(Self.text), CompressionFormat.gzip), (try CompressionFixtures.zstd(Self.text), .zstd),
        ] {
            // The name says nothing: detection is by content.
            let opened = try InputSource.file(try file(bytes, "app.log")).open()
            #expect(opened.compression == format)
            guard case .stream = opened.body else {
                Issue.record("a compressed file must be streamed, not mapped")
                continue
            }
            let chunks = try allChunks(ChunkReader(opened, chunkSize: chunkSize))
            #expect(chunks.flatMap { $0 } == Self.text)
            #expect(chunks.allSatisfy { $0.last == 0x0A })
        }
    }

    /// Every encoding under every compression reads as the same UTF-8 text, from a file and
    /// from a pipe: UTF-16 inside gzip or zstd was read as bytes (every record lost), and a
    /// zstd file that opens with a skippable frame (pzstd's) was not told zstd (probe findings).
    @Test func everyEncodingUnderEveryCompressionReadsTheSameText() throws {
        let text = Array("{\"a\":\"é😀\"}\n{\"b\":2}\n".utf8)
        let units = Array(String(decoding: text, as: UTF8.self).utf16)
        let little = units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big = units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let encodings: [(String, [UInt8])] = [
            ("UTF-8", text), ("UTF-16LE with its mark", [0xFF, 0xFE] + little), ("UTF-16BE with its mark", [0xFE, 0xFF] + big),
            ("UTF-16LE", little), ("UTF-16BE", big),
        ]
        let skippable: [UInt8] = [0x5E, 0x2A, 0x4D, 0x18, 2, 0, 0, 0, 7, 7]
        let compressions: [(String, ([UInt8]) throws -> [UInt8])] = [
            ("none", { $0 }), ("gzip", CompressionFixtures.gzip), ("zstd", { try CompressionFixtures.zstd($0) }),
            ("zstd after a skippable frame", { skippable + (try CompressionFixtures.zstd($0)) }),
        ]
        for (encoding, encoded) in encodings {
            for (compression, compress) in compressions {
                let bytes = try compress(encoded)
                let opened = try InputSource.file(try file(bytes, "app.log")).open()
                let fromFile: [UInt8]
                switch opened.body {
                case .mapped(let mapped): fromFile = Array(UnsafeBufferPointer(start: mapped.base, count: mapped.count))
                case .stream(let stream): fromFile = try CompressionFixtures.readAll(stream, bufferSize: 5)
                }
                #expect(fromFile == text, "\(encoding), \(compression), a file")
            }
        }
    }

    @Test func plainFilesAreStillMappedWhateverTheirName() throws {
        let opened = try InputSource.file(try file(Self.text, "app.log.gz")).open()
        #expect(opened.compression == nil)
        guard case .mapped = opened.body else {
            Issue.record("a plain regular file must be mapped")
            return
        }
    }

    /// A pipe's first bytes are taken to detect the format and put back in front.
    @Test(arguments: [1, 3, 4096])
    func pipesAreSniffedAndReplayed(_ pieceSize: Int) throws {
        let compressed = try CompressionFixtures.gzip(Self.text)
        for bytes in [Self.text, compressed, Array("{}".utf8), [0x1F]] {
            let raw = SteppedStream(bytes, step: pieceSize)
            let magic = try PrefixedStream.peek(raw, count: CompressionFormat.magicLength)
            #expect(magic == Array(bytes.prefix(4)))
            let replayed = PrefixedStream(prefix: magic, source: raw)
            let stream = CompressionFormat.detect(magic).map { $0.decoder(over: replayed, name: "-") } ?? replayed
            let expected = bytes == compressed ? Self.text : bytes
            #expect(try CompressionFixtures.readAll(stream, bufferSize: 3) == expected)
        }
    }

    /// A truncated archive hands out every whole line before the cut, then throws.
    @Test func truncatedArchivesDeliverTheirWholeLinesFirst() throws {
        let compressed = try CompressionFixtures.gzip(Self.text)
        let cut = compressed.count * 2 / 3
        let opened = try InputSource.file(try file(Array(compressed[..<cut]), "cut.gz")).open()
        let reader = ChunkReader(opened, chunkSize: 4096)
        var delivered: [UInt8] = []
        #expect(throws: InputError.truncatedCompressed(opened.name, format: .gzip, offset: cut)) {
            while let chunk = try reader.next() { delivered += UnsafeBufferPointer(start: chunk.base, count: chunk.count) }
        }
        #expect(delivered.count > Self.text.count / 3)
        #expect(delivered == Array(Self.text[..<delivered.count]))
        #expect(delivered.last == 0x0A)
    }
}
