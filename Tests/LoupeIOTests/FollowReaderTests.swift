import Foundation
import Testing

@testable import LoupeIO

/// `FollowReader` on regular files: whole lines only, at awkward read sizes; appends,
/// truncation and replacement (rotation).
@Suite("FollowReader")
struct FollowReaderTests {
    static let text = CompressionFixtures.text(lines: 3000)

    private func file(_ bytes: [UInt8]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-follow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("app.log")
        try Data(bytes).write(to: url)
        return url
    }

    private func append(_ bytes: [UInt8], to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
    }

    /// Every event until the reader has nothing new, with the lines joined up.
    private func drain(_ reader: FollowReader) throws -> (bytes: [UInt8], events: [String]) {
        var bytes: [UInt8] = []
        var events: [String] = []
        while true {
            switch try reader.next(wait: 0) {
            case .lines(let chunk):
                bytes += UnsafeBufferPointer(start: chunk.base, count: chunk.count)
            case .restarted(let message):
                events.append(message)
            case .idle, .ended:
                return (bytes, events)
            }
        }
    }

    /// Lines with a prefix before their JSON (`kubectl logs -f --timestamps`) come framed, as
    /// they do when the file is read to its end.
    @Test func framesPrefixedLinesAsTheyAreAppended() throws {
        let url = try file(Array("web-1  | {\"a\":1}\n".utf8))
        let reader = try FollowReader(.file(url.path), readSize: 5)
        reader.framesPrefixedLines = true
        try append(Array("web-2  | {\"a\":2}\n".utf8), to: url)
        var records: [String] = []
        while case .lines(let chunk) = try reader.next(wait: 0) {
            let frames = try #require(chunk.frames)
            for frame in frames.frames {
                let json = frames.json(of: frame, base: chunk.base)
                records.append(String(decoding: UnsafeBufferPointer(start: json.start, count: json.count), as: UTF8.self))
            }
        }
        #expect(records == [#"{"a":1,"_prefix":"web-1"}"#, #"{"a":2,"_prefix":"web-2"}"#])
    }

    @Test(arguments: CompressionFixtures.awkwardSizes)
    func handsOutWholeLinesAsTheyAreAppended(_ readSize: Int) throws {
        let cut = Self.text.count / 2 + 7  // in the middle of a line
        let url = try file(Array(Self.text[..<cut]))
        let reader = try FollowReader(.file(url.path), readSize: readSize)
        let first = try drain(reader)
        let wholeLines = Self.text[..<cut].lastIndex(of: 0x0A)! + 1
        #expect(first.bytes == Array(Self.text[..<wholeLines]))
        try append(Array(Self.text[cut...]), to: url)
        let second = try drain(reader)
        #expect(first.bytes + second.bytes == Self.text)
        #expect(first.events.isEmpty && second.events.isEmpty)
    }

    @Test func truncationStartsOverAndReplacementReadsTheOldFileFirst() throws {
        let url = try file(Array("{\"a\":1}\n".utf8))
        let reader = try FollowReader(.file(url.path), readSize: 4096)
        #expect(try drain(reader).bytes == Array("{\"a\":1}\n".utf8))

        // Shorter than what was read: truncated. (A rewrite that is not shorter cannot be told
        // from the old file; tail -F has the same limit.)
        try Data("{}\n".utf8).write(to: url)
        let truncated = try drain(reader)
        #expect(truncated.events == ["\(url.path): file truncated; reading it again from the start"])
        #expect(truncated.bytes == Array("{}\n".utf8))

        // Rotation: renamed, written once more through the old name's file, then recreated.
        let old = url.deletingLastPathComponent().appendingPathComponent("app.log.1")
        try FileManager.default.moveItem(at: url, to: old)
        try append(Array("{\"c\":3}\n{\"d\":".utf8), to: old)
        try Data("{\"e\":5}\n".utf8).write(to: url)
        let rotated = try drain(reader)
        #expect(rotated.events == ["\(url.path): file replaced; following the new file"])
        // The old file's rest, its unterminated last line as a line of its own, then the new file.
        #expect(String(decoding: rotated.bytes, as: UTF8.self) == "{\"c\":3}\n{\"d\":{\"e\":5}\n")
    }

    @Test func anUnterminatedLastLineOfAReplacedFileIsHandedOutAlone() throws {
        let url = try file(Array("{\"a\":1}\n{\"b\":".utf8))
        let reader = try FollowReader(.file(url.path), readSize: 4096)
        #expect(try drain(reader).bytes == Array("{\"a\":1}\n".utf8))
        try FileManager.default.moveItem(at: url, to: url.deletingLastPathComponent().appendingPathComponent("app.log.1"))
        try Data("{\"c\":3}\n".utf8).write(to: url)
        var chunks: [String] = []
        while true {
            let event = try reader.next(wait: 0)
            if case .lines(let chunk) = event {
                chunks.append(String(decoding: UnsafeBufferPointer(start: chunk.base, count: chunk.count), as: UTF8.self))
            } else if case .idle = event {
                break
            }
        }
        #expect(chunks == ["{\"b\":", "{\"c\":3}\n"])
    }

    @Test func compressedFilesAndDirectoriesAreRefused() throws {
        let url = try file(try CompressionFixtures.gzip(Array("{}\n".utf8)))
        #expect(
            throws: InputError.cannotFollow(
                url.path, reason: "it is compressed (decompress it into a pipe instead: zcat FILE | loupe -f ...)")
        ) {
            _ = try FollowReader(.file(url.path))
        }
        #expect(throws: InputError.isDirectory("/tmp")) { _ = try FollowReader(.file("/tmp")) }
        #expect(throws: InputError.notFound("/nonexistent/app.log")) { _ = try FollowReader(.file("/nonexistent/app.log")) }
    }
}
