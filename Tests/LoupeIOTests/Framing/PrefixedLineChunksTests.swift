import LoupeTestSupport
import Testing

@testable import LoupeIO

/// Lines with text before their JSON (`LinePrefix`, `PrefixedLineChunks`): the JSON part is the
/// record, with `_prefix` (and `_prefix_time`) added; the whole line is what is printed.
@Suite("PrefixedLineChunks") struct PrefixedLineChunksTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var line: String
        /// The record read, or nil when it is read in place: the JSON part as written (its own
        /// fields have the prefix names), or the whole line (no prefix found).
        var record: String?
        var testDescription: String { line }
    }

    static let cases: [Case] = [
        Case(line: #"web-1  | {"level":"info"}"#, record: #"{"level":"info","_prefix":"web-1"}"#),
        Case(
            line: #"2025-11-07T16:12:01.123456789Z {"a":1}"#,
            record: #"{"a":1,"_prefix":"2025-11-07T16:12:01.123456789Z","_prefix_time":"2025-11-07T16:12:01.123456789Z"}"#),
        Case(
            line: #"Nov  7 16:12:01 host app[123]: {"a":1}"#, record: #"{"a":1,"_prefix":"Nov  7 16:12:01 host app[123]"}"#),
        Case(
            line: #"web-1  | 2025-11-07T16:12:01Z {"a":1}"#,
            record: #"{"a":1,"_prefix":"web-1  | 2025-11-07T16:12:01Z","_prefix_time":"2025-11-07T16:12:01Z"}"#),
        Case(line: "api | {}\r", record: #"{"_prefix":"api"}"#),
        Case(line: #"say "hi"\ | { "a" : 1 }"#, record: #"{ "a" : 1 ,"_prefix":"say \"hi\"\\"}"#),
        // The record's own fields of those names keep their values.
        Case(line: #"web-1 | {"_prefix":"own"}"#, record: nil),
        Case(
            line: #"2025-11-07T16:12:01Z {"_prefix":"own"}"#, record: #"{"_prefix":"own","_prefix_time":"2025-11-07T16:12:01Z"}"#),
        Case(line: #"2025-11-07T16:12:01Z {"_prefix_time":"own"}"#, record: #"{"_prefix_time":"own","_prefix":"2025-11-07T16:12:01Z"}"#),
        // Only a top-level field counts: a string value or a nested key of that name is no
        // field of the record's (they took the prefix away before: probe finding).
        Case(line: #"web-1 | {"msg":"_prefix"}"#, record: #"{"msg":"_prefix","_prefix":"web-1"}"#),
        Case(line: #"web-1 | {"o":{"_prefix":1},"p":["_prefix_time"]}"#, record: #"{"o":{"_prefix":1},"p":["_prefix_time"],"_prefix":"web-1"}"#),
        Case(
            line: #"2025-11-07T16:12:01Z {"x":"_prefix_time","_prefix":"own"}"#,
            record: #"{"x":"_prefix_time","_prefix":"own","_prefix_time":"2025-11-07T16:12:01Z"}"#),
        Case(line: #"{"a":1}"#, record: nil),
        Case(line: "plain text {not json}", record: nil),
        Case(line: "no json at all", record: nil),
    ]

    @Test(arguments: cases)
    func readsTheJSONPartWithThePrefix(_ c: Case) throws {
        let input = Array((c.line + "\n").utf8)
        let reader = PrefixedLineChunks(ChunkReader(OpenedInput(name: "x", body: .stream(SteppedStream(input, step: 3)))))
        let chunk = try #require(try reader.next())
        let frames = try #require(chunk.frames)
        #expect(frames.frames.count == 1)
        let frame = frames.frames[0]
        #expect(frame.written == 0..<(input.count - 1))
        let json = frames.json(of: frame, base: chunk.base)
        let text = String(decoding: UnsafeBufferPointer(start: json.start, count: json.count), as: UTF8.self)
        if let record = c.record {
            #expect(text == record)
            #expect(frame.rewrittenStart >= 0)
        } else {
            #expect(frame.rewrittenStart == -1)
            let line = c.line.replacingOccurrences(of: "\r", with: "")
            #expect(line.hasSuffix(text))
        }
    }

    /// Blank lines are no records; a byte order mark at a line start is not part of its text.
    @Test func skipsBlankLinesAndByteOrderMarks() throws {
        let input = Array("a | {\"x\":1}\n\n  \n\u{FEFF}b | {\"x\":2}\n".utf8)
        let reader = PrefixedLineChunks(ChunkReader(OpenedInput(name: "x", body: .stream(SteppedStream(input, step: 100)))))
        let chunk = try #require(try reader.next())
        let frames = try #require(chunk.frames)
        #expect(frames.recordsAreLines)
        let texts = frames.frames.map { frame in
            let json = frames.json(of: frame, base: chunk.base)
            return String(decoding: UnsafeBufferPointer(start: json.start, count: json.count), as: UTF8.self)
        }
        #expect(texts == [#"{"x":1,"_prefix":"a"}"#, #"{"x":2,"_prefix":"b"}"#])
    }

    /// A byte that is not UTF-8 in the prefix (Latin-1 text) reads as U+FFFD: the record after
    /// it stays valid (the whole line was skipped as invalid UTF-8: probe finding).
    @Test func aPrefixThatIsNotUTF8KeepsItsRecord() throws {
        let input: [UInt8] = [0x68, 0xE9, 0x74, 0x65] + Array(" | {\"a\":1}\n".utf8)
        let reader = PrefixedLineChunks(ChunkReader(OpenedInput(name: "x", body: .stream(SteppedStream(input, step: 64)))))
        let chunk = try #require(try reader.next())
        let frames = try #require(chunk.frames)
        let json = frames.json(of: frames.frames[0], base: chunk.base)
        #expect(Array(UnsafeBufferPointer(start: json.start, count: json.count)) == Array("{\"a\":1,\"_prefix\":\"h\u{FFFD}te\"}".utf8))
    }
}
