import Foundation
import LoupeIO
import LoupeTestSupport
import Testing

@testable import LoupeTrace

/// Span records (`RecordChunks`) decoded on several threads are byte for byte the records of
/// reading the export front to back, with the same report, whatever the chunk size; a
/// document broken in the middle of the split gives the sequential read's prefix and skip.
/// Pieces of 16 KiB, far smaller than the default, put many seams in a small input.
@Suite struct RecordChunksTests {
    static let sizes = ParallelDecode.Sizes(minimum: 0, piece: 16 << 10)

    /// Every record byte and the report of reading `path` as span records.
    static func records(_ path: String, format: InputFormat, threads: Int, chunkSize: Int = 1 << 20) throws -> ([UInt8], ReadReport) {
        let chunks = RecordChunks(try InputSource.file(path).open(), format: format, chunkSize: chunkSize, threads: threads, sizes: sizes)
        var bytes: [UInt8] = []
        while let chunk = try chunks.next() {
            bytes.append(contentsOf: UnsafeBufferPointer(start: chunk.base, count: chunk.count))
        }
        chunks.cancel()
        return (bytes, chunks.report)
    }

    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-records-\(UUID().uuidString).json").path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    static func expectSame(_ one: ([UInt8], ReadReport), _ several: ([UInt8], ReadReport), _ what: String) {
        #expect(several.0 == one.0, "records differ: \(what)")
        #expect(several.1.spansRead == one.1.spansRead, "\(what)")
        #expect(several.1.skippedTotal == one.1.skippedTotal, "\(what)")
        #expect(several.1.repairCount == one.1.repairCount, "\(what)")
        #expect(several.1.failures == one.1.failures, "\(what)")
        #expect(several.1.inputs.map(\.spans) == one.1.inputs.map(\.spans), "\(what)")
    }

    @Test(arguments: [InputFormat.otlp, .otlpLines, .jaeger, .zipkin])
    func severalThreadsRenderWhatOneRenders(_ format: InputFormat) throws {
        for damaged in format == .otlpLines ? [false, true] : [false] {
            let path = try Self.write(TraceExports.generate(format.rawValue, minimumBytes: 300_000, damaged: damaged))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let one = try Self.records(path, format: format, threads: 1)
            #expect(one.1.spansRead > 500, "the input must be big enough to be split")
            #expect(one.0.filter { $0 == 0x0A }.count == one.1.spansRead)
            for (threads, chunkSize) in [(2, 1 << 20), (4, 1 << 20), (4, 3_000)] {
                Self.expectSame(
                    one, try Self.records(path, format: format, threads: threads, chunkSize: chunkSize), "\(format), \(threads) threads")
            }
        }
    }

    /// A byte broken inside an element far into the document: the split gives up there, and
    /// the sequential read (which stops at the error) is resumed after the records already out.
    @Test(arguments: [InputFormat.otlp, .jaeger, .zipkin])
    func aDocumentBrokenMidwayGivesTheSequentialPrefix(_ format: InputFormat) throws {
        var text = Array(TraceExports.generate(format.rawValue, minimumBytes: 300_000).utf8)
        // The first `:` after 60% of the text becomes `;`.
        let at = text[(text.count * 3 / 5)...].firstIndex(of: UInt8(ascii: ":"))!
        text[at] = UInt8(ascii: ";")
        let path = try Self.write(String(decoding: text, as: UTF8.self))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let one = try Self.records(path, format: format, threads: 1)
        #expect(one.1.skippedTotal == 1)
        #expect(one.1.spansRead > 100)
        Self.expectSame(one, try Self.records(path, format: format, threads: 4), "\(format), broken")
    }

    /// The rest of the document is checked only once its array has been read (and handed
    /// out): broken after the array, or holding spans of its own (a second document), it
    /// still gives what reading it front to back gives.
    @Test(arguments: ["broken", "second document"])
    func aDocumentWhoseRestIsUnusualGivesTheSequentialRecords(_ tail: String) throws {
        var text = TraceExports.generate("otlp", minimumBytes: 300_000).trimmingCharacters(in: .whitespacesAndNewlines)
        if tail == "broken" {
            text.removeLast()
            text += #","total":tru}"#
        } else {
            let span =
                #"{"traceId":"0000000000000000000000000000beef","spanId":"00000000000000aa","name":"late","startTimeUnixNano":"1710144000000000000"}"#
            text += #"{"resourceSpans":[{"scopeSpans":[{"spans":[\#(span)]}]}]}"#
        }
        let path = try Self.write(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let one = try Self.records(path, format: .otlp, threads: 1)
        #expect(one.1.skippedTotal == (tail == "broken" ? 1 : 0))
        Self.expectSame(one, try Self.records(path, format: .otlp, threads: 4), "\(tail)")
    }

    /// A reader that stops early ends the decoder threads and still gets a report.
    @Test func cancellingASplitReadEndsIt() throws {
        let path = try Self.write(TraceExports.generate("otlp", minimumBytes: 300_000))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let chunks = RecordChunks(try InputSource.file(path).open(), format: .otlp, chunkSize: 1 << 20, threads: 4, sizes: Self.sizes)
        #expect(try chunks.next() != nil)
        chunks.cancel()
        #expect(chunks.report.failures.isEmpty)
    }
}
