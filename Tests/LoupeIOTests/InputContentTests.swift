import LoupeTestSupport
import Testing

@testable import LoupeIO

/// What an input that is no trace export holds, for the messages of `loupe trace`.
@Suite("InputContent") struct InputContentTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var content: InputContent
        /// What a stream says, read only until its first value or line ends, where that differs.
        var streamed: InputContent?
        var testDescription: String { "\(text.prefix(40).debugDescription) → \(content)" }
        init(_ text: String, _ content: InputContent, streamed: InputContent? = nil) {
            self.text = text
            self.content = content
            self.streamed = streamed
        }
    }

    static let cases: [Case] = [
        // Nothing in it.
        Case("", .empty),
        Case("\n\n\r\n \t", .empty),
        Case("\u{FEFF}", .empty),
        Case("\u{FEFF}\n", .empty),
        // A lone empty array, as Zipkin writes an export without spans.
        Case("[]", .emptyArray("[]")),
        Case(" [ \n ] \n", .emptyArray("[]")),
        Case("[[]]", .emptyArray("[[]]")),
        Case("[ [ ] ]\n", .emptyArray("[[]]")),
        Case("[]\n[]\n", .json, streamed: .emptyArray("[]")),
        Case("[[[]]]", .json),
        Case("[1]", .json),
        Case("[{}]", .json),
        Case("[", .json),
        // Jaeger's answer when no trace matched.
        Case(#"{"data":[]}"#, .emptyJaeger),
        Case(#"{"data": [ ],"total":0,"limit":0,"offset":0,"errors":null}"#, .emptyJaeger),
        Case(#"{"errors":null,"data":[]}"#, .emptyJaeger),
        Case(#"{"data":[{"a":1}]}"#, .json),
        Case(#"{"data":{}}"#, .json),
        Case(#"{"meta":{"data":[]}}"#, .json),
        // OTLP of other signals.
        Case(#"{"resourceLogs":[{"scopeLogs":[]}]}"#, .otlpLogs),
        Case("{\n  \"resource_logs\": []\n}\n", .otlpLogs),
        Case(#"{"resourceMetrics":[]}"#, .otlpMetrics),
        Case(#"{"resource_metrics":[]}"#, .otlpMetrics),
        // Text: the first line that is not blank.
        Case("hello world\nsecond\n", .plainText(firstLine: "hello world")),
        Case("\n  \n  2024-03-11 INFO started  \r\nmore", .plainText(firstLine: "2024-03-11 INFO started")),
        Case("\u{FEFF}text", .plainText(firstLine: "text")),
        // Text with a line that may be JSON further on, and JSON of other shapes.
        Case("hello\n{\"a\":1}\n", .json, streamed: .plainText(firstLine: "hello")),
        Case(#"{"level":"info"}"#, .json),
        Case("{}", .json),
    ]

    @Test(arguments: cases)
    func tellsWhatItIs(_ c: Case) {
        #expect(InputContent(prefix: Array(c.text.utf8)) == c.content)
    }

    @Test func holdsNoSpans() {
        let empty: [InputContent] = [.empty, .emptyArray("[]"), .emptyJaeger]
        let other: [InputContent] = [.otlpLogs, .otlpMetrics, .plainText(firstLine: "x"), .json]
        #expect(empty.map(\.holdsNoSpans) == [true, true, true])
        #expect(other.map(\.holdsNoSpans) == [false, false, false, false])
    }

    /// A stream read a few bytes at a time, after the format detector looked at it, gives the
    /// same answer whatever the reads (the answer for its first value or line, so that a live
    /// pipe is not waited on), and every byte is still there for its next reader.
    @Test(arguments: [1, 3, 15, 100, (64 << 10) - 1, (64 << 10) + 1])
    func streamsAtAnyReadSize(step: Int) throws {
        let pretty = "{\n  \"resourceLogs\": [\n" + String(repeating: "    {\"resource\": {}},\n", count: 200) + "    {}\n  ]\n}\n"
        for c in Self.cases + [Case(pretty, .otlpLogs)] {
            let bytes = Array(c.text.utf8)
            var opened = OpenedInput(name: "s", body: .stream(SteppedStream(bytes, step: step)))
            _ = try FormatDetector.detect(&opened)
            let content = try InputContent(&opened)
            #expect(content == c.streamed ?? c.content, "\(c.testDescription), step \(step)")
            guard case .stream(let stream) = opened.body else { continue }
            var rest: [UInt8] = []
            let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 1)
            defer { scratch.deallocate() }
            while case let n = try stream.read(into: scratch), n > 0 { rest += scratch[0..<n] }
            #expect(rest == bytes, "\(c.testDescription), step \(step)")
        }
    }
}
