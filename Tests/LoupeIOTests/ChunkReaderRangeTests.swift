import Foundation
import Testing

@testable import LoupeIO

/// `ChunkReader(range:)`, the byte range a `--since`/`--until` seek reads of a mapped file.
@Suite("ChunkReader ranges")
struct ChunkReaderRangeTests {
    @Test(arguments: CompressionFixtures.awkwardSizes)
    func aRangeIsReadExactlyInWholeLines(_ chunkSize: Int) throws {
        let text = CompressionFixtures.text(lines: 4000)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-range-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("app.log").path
        try Data(text).write(to: URL(fileURLWithPath: path))
        let starts = [0] + text.indices.filter { text[$0] == 0x0A }.map { $0 + 1 }
        let ranges = [starts[10]..<starts[2000], 0..<starts[1], starts[3999]..<text.count, starts[5]..<starts[5], 0..<text.count]
        for range in ranges {
            let reader = ChunkReader(try InputSource.file(path).open(), chunkSize: chunkSize, range: range)
            #expect(reader.knownSize == range.count)
            var read: [UInt8] = []
            var offset = range.lowerBound
            while let chunk = try reader.next() {
                #expect(chunk.inputOffset == offset, "offsets count from the start of the file")
                read += UnsafeBufferPointer(start: chunk.base, count: chunk.count)
                offset += chunk.count
            }
            #expect(read == Array(text[range]))
            #expect(reader.bytesDelivered == range.count)
        }
    }
}
