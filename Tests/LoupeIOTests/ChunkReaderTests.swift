import Foundation
import LoupeTestSupport
import Testing

@testable import LoupeIO

/// A stream that hands out its bytes in reads of the sizes a generator picks (1 byte at a
/// time, odd sizes), as pipes and decompressors do.
final class ScriptedStream: ByteStream {
    private let bytes: [UInt8]
    private var position = 0
    private var rng: SplitMix64
    private let maxRead: Int
    private let failAt: Int?
    let name = "scripted"

    init(_ bytes: [UInt8], maxRead: Int, seed: UInt64 = 1, failAt: Int? = nil) {
        self.bytes = bytes
        self.maxRead = maxRead
        rng = SplitMix64(seed: seed)
        self.failAt = failAt
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if let failAt, position >= failAt { throw InputError.readFailed(name, errno: EIO) }
        let n = min(buffer.count, bytes.count - position, Int(rng.next() % UInt64(maxRead)) + 1)
        for i in 0..<n { buffer[i] = bytes[position + i] }
        position += n
        return n
    }
}

/// Writes `bytes` to a fresh temporary file and returns its path.
func temporaryFile(_ bytes: [UInt8], name: String = "input.jsonl") -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-io-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent(name).path
    let created = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    precondition(created, "cannot write \(path)")
    return path
}

/// All chunks of a reader, as (offset, bytes).
func chunks(of reader: ChunkReader) throws -> [(offset: Int, bytes: [UInt8])] {
    var result: [(Int, [UInt8])] = []
    while let chunk = try reader.next() {
        result.append((chunk.inputOffset, Array(UnsafeBufferPointer(start: chunk.base, count: chunk.count))))
    }
    return result
}

/// Where chunks of `input` must end for `chunkSize`: just after the first newline at or after
/// `chunkSize - 1` bytes into the chunk, or at the end of the input. Written from the doc
/// comment of `ChunkReader.boundary`, independently of it.
func expectedChunkEnds(_ input: [UInt8], chunkSize: Int) -> [Int] {
    var ends: [Int] = []
    var start = 0
    while start < input.count {
        var i = start + max(chunkSize, 1) - 1
        while i < input.count && input[i] != 0x0A { i += 1 }
        let end = min(i + 1, input.count)
        ends.append(end)
        start = end
    }
    return ends
}

/// JSON-lines-like text: lines of varied length, some empty, some long, CRLF in places.
func sampleInput(lines: Int, seed: UInt64, trailingNewline: Bool = true) -> [UInt8] {
    var rng = SplitMix64(seed: seed)
    var out: [UInt8] = []
    for i in 0..<lines {
        let length = rng.next() % 10 == 0 ? Int(rng.next() % 3000) : Int(rng.next() % 80)
        out += Array("{\"i\":\(i),\"pad\":\"".utf8)
        out += (0..<length).map { _ in UInt8(0x61 + rng.next() % 26) }
        out += Array("\"}".utf8)
        if rng.next() % 7 == 0 { out.append(0x0D) }
        if i < lines - 1 || trailingNewline { out.append(0x0A) }
        if rng.next() % 11 == 0 { out.append(0x0A) }
    }
    return out
}

@Suite("ChunkReader")
struct ChunkReaderTests {
    static let blockSizes = [1, 3, 15, 100, 65535, 65536, 65537]

    @Test(arguments: blockSizes)
    func mappedFileChunksEndAtLineBoundaries(_ blockSize: Int) throws {
        let input = sampleInput(lines: 2_000, seed: UInt64(blockSize))
        let reader = ChunkReader(try InputSource.file(temporaryFile(input)).open(), chunkSize: blockSize)
        #expect(reader.knownSize == input.count)
        let parts = try chunks(of: reader)
        expectBytes(parts.flatMap(\.bytes), input)
        #expect(parts.map { $0.offset + $0.bytes.count } == expectedChunkEnds(input, chunkSize: blockSize))
        #expect(parts.map(\.offset) == [0] + parts.dropLast().map { $0.offset + $0.bytes.count })
        #expect(reader.bytesDelivered == input.count)
    }

    @Test(arguments: blockSizes)
    func streamsCutWhereMappedFilesCut(_ blockSize: Int) throws {
        let input = sampleInput(lines: 2_000, seed: UInt64(blockSize), trailingNewline: false)
        for maxRead in [1, 7, 4096, 1 << 20] {
            let reader = ChunkReader(OpenedInput(name: "s", body: .stream(ScriptedStream(input, maxRead: maxRead))), chunkSize: blockSize)
            #expect(reader.knownSize == nil)
            let parts = try chunks(of: reader)
            expectBytes(parts.flatMap(\.bytes), input, "maxRead \(maxRead)")
            #expect(parts.map { $0.offset + $0.bytes.count } == expectedChunkEnds(input, chunkSize: blockSize), "maxRead \(maxRead)")
            #expect(try reader.next() == nil)
        }
    }

    /// A line far longer than the block grows the buffer; it is never split or truncated.
    @Test func longLinesAreNeverSplit() throws {
        let long = [UInt8](repeating: 0x61, count: 1_000_000)
        let input = Array("{\"a\":1}\n".utf8) + long + [0x0A] + Array("{\"b\":2}\n".utf8) + long
        let file = temporaryFile(input)
        for (chunkSize, sizes) in [(1, [8, 1_000_001, 8, 1_000_000]), (100, [1_000_009, 1_000_008])] {
            for body in [OpenedInput.Body.stream(ScriptedStream(input, maxRead: 65536)), try InputSource.file(file).open().body] {
                let parts = try chunks(of: ChunkReader(OpenedInput(name: "x", body: body), chunkSize: chunkSize))
                #expect(parts.map(\.bytes.count) == sizes)
                expectBytes(parts.flatMap(\.bytes), input)
            }
        }
    }

    @Test func emptyInputsHaveNoChunks() throws {
        #expect(try ChunkReader(try InputSource.file(temporaryFile([])).open()).next() == nil)
        #expect(try ChunkReader(OpenedInput(name: "s", body: .stream(ScriptedStream([], maxRead: 10)))).next() == nil)
    }

    @Test func readErrorsSurface() throws {
        let input = Array((0..<300).map { "{\"i\":\($0)}\n" }.joined().utf8)
        let reader = ChunkReader(OpenedInput(name: "s", body: .stream(ScriptedStream(input, maxRead: 50, failAt: 1000))), chunkSize: 200)
        var delivered: [UInt8] = []
        #expect(throws: InputError.readFailed("scripted", errno: EIO)) {
            while let chunk = try reader.next() { delivered += UnsafeBufferPointer(start: chunk.base, count: chunk.count) }
        }
        // What was delivered before the failure is whole lines from the start.
        #expect(delivered == Array(input[0..<delivered.count]))
        // Every whole line read before the failure at byte 1000 (the 111th line ends exactly there).
        #expect(delivered.count == 1000)
        #expect(delivered.last == 0x0A)
    }

    /// A long line with a NUL byte (binary data, never JSON) is shortened to its first NUL in a
    /// stream, so zeros without a newline cannot grow the buffer without end; the lines around
    /// it, their offsets and the line count are untouched.
    @Test(arguments: [1, 7, 4096])
    func binaryLinesAreShortenedNotBuffered(_ maxRead: Int) throws {
        let before = Array("{\"a\":1}\n".utf8)
        let binary = Array("xy".utf8) + [0] + [UInt8](repeating: 0, count: 200_000)
        let after = Array("{\"b\":2}\n{\"c\":3}\n".utf8)
        for ending in [[0x0A] + after, []] {
            let input = before + binary + ending
            let reader = ChunkReader(OpenedInput(name: "s", body: .stream(ScriptedStream(input, maxRead: maxRead))), chunkSize: 64)
            let parts = try chunks(of: reader)
            let shortened = before + Array("xy".utf8) + [0] + (ending.isEmpty ? [] : ending)
            expectBytes(parts.flatMap(\.bytes), shortened)
            #expect(parts.allSatisfy { $0.bytes.count <= 4096 + 64 }, "the buffer never grew for the binary line")
            if !ending.isEmpty {
                // The line after the binary one starts where it starts in the input.
                let next = try #require(parts.first { $0.bytes.starts(with: Array("{\"b\"".utf8)) })
                #expect(next.offset == before.count + binary.count + 1)
            }
        }
    }
}
