import Foundation
import LoupeTestSupport
import Testing

@testable import LoupeIO

/// Format detection from the first bytes (TRACE-SEMANTICS 1 formats; DESIGN section 1).
@Suite("FormatDetector") struct FormatDetectorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var format: InputFormat
        var testDescription: String { "\(format.rawValue): \(text.prefix(40))" }
    }

    static let cases: [Case] = [
        Case(text: "{\n  \"resourceSpans\": [\n {\"resource\": {}}]}", format: .otlp),
        Case(text: "{\"resourceSpans\":[]}", format: .otlp),
        Case(text: "{\"resourceSpans\":[]}\n{\"resourceSpans\":[]}\n", format: .otlpLines),
        Case(text: "{\"resource_spans\":[]}\r\n{\"resource_spans\":[]}", format: .otlpLines),
        Case(text: "{\"batches\":[{\"resource\":{},\"scopeSpans\":[]}]}", format: .otlp),
        Case(text: "{\"batches\":[1,2]}", format: .jsonLines),
        Case(text: "{\"data\":[{\"traceID\":\"ab\",\"spans\":[]}],\"total\":0}", format: .jaeger),
        Case(text: "{\"data\":[1]}", format: .jsonLines),
        Case(text: "{\"_comment\":\"x\",\"traceID\":\"1\",\"spans\":[],\"processes\":{}}", format: .jaeger),
        Case(text: "[{\"traceId\":\"a\",\"id\":\"b\",\"name\":\"get\"}]", format: .zipkin),
        Case(text: "[[{\"traceId\":\"a\",\"id\":\"b\",\"duration\":5}]]", format: .zipkin),
        // Log records that happen to carry a span's ids are logs: a span needs a span's shape.
        Case(text: "[{\"traceId\":\"a\",\"id\":\"b\",\"timestamp\":\"2025-11-07T16:12:01Z\"}]", format: .json),
        Case(text: "[{\"traceId\":\"a\",\"id\":\"b\",\"name\":{\"first\":\"x\"}}]", format: .json),
        Case(text: "{\"traceId\":\"a\",\"id\":\"b\",\"timestamp\":1}", format: .jsonLines),
        // Arrays of records, pretty or not; concatenated and pretty values; RS sequences.
        Case(text: "[{\"a\":1},{\"a\":2}]", format: .json),
        Case(text: "[\n  {\n    \"a\": 1\n  }\n]\n", format: .json),
        Case(text: "{\n  \"a\": 1\n}\n{\n  \"a\": 2\n}\n", format: .json),
        Case(text: "{\"a\":1}{\"a\":2}", format: .json),
        Case(text: "{\"a\":1}#{}", format: .jsonLines),
        Case(text: "{\"a\":true} \"x\"", format: .jsonLines),
        Case(text: "{\"a\":1}\n{\"a\":2}", format: .jsonLines),
        Case(text: "\u{1E}{\"a\":1}\n\u{1E}{\"a\":2}\n", format: .jsonSeq),
        // Text before the JSON on most lines: docker compose, kubectl --timestamps, syslog.
        Case(text: "web-1  | {\"a\":1}\nweb-1  | {\"a\":2}\n", format: .prefixedLines),
        Case(text: "2025-11-07T16:12:01.123456789Z {\"a\":1}\n", format: .prefixedLines),
        Case(text: "Nov  7 16:12:01 host app[123]: {\"a\":1}\n", format: .prefixedLines),
        Case(text: "Nov  7 16:12:01 host app[123]: started {pid 4}\nNov  7 16:12:02 host app[123]: ok\n", format: .jsonLines),
        Case(text: "starting\nweb-1  | {\"a\":1}\nweb-1  | {\"a\":2}\n", format: .prefixedLines),
        // The first line with an object decides; text lines before it are passed over.
        Case(text: "starting\nstill starting\nready\nweb-1  | {\"a\":2}\n", format: .prefixedLines),
        Case(text: "web-1  | {\"a\":1}\nstarting\nstill starting\nready\n", format: .prefixedLines),
        Case(text: "Starting app v1.2\n{\"a\":1}\nweb-1  | {\"a\":2}\n", format: .jsonLines),
        Case(text: String(repeating: "text\n", count: 16) + "web-1  | {\"a\":2}\n", format: .jsonLines),
        // An empty array is a valid JSON record first: `loupe '*'` must print it.
        Case(text: "[]", format: .jsonLines),
        Case(text: "[[]   ]", format: .jsonLines),
        Case(text: "[[]]", format: .jsonLines),
        Case(text: "[[[[1]]]]", format: .jsonLines),
        Case(text: "[]\n[]\n", format: .jsonLines),
        Case(text: "{\"traceId\":\"a\",\"id\":\"b\",\"name\":\"x\"}", format: .zipkin),
        Case(text: "{\"traceId\":\"a\",\"id\":\"b\"}\n{\"traceId\":\"a\",\"id\":\"c\"}\n", format: .jsonLines),
        Case(text: "{\"level\":\"info\",\"msg\":\"resourceSpans\"}\n", format: .jsonLines),
        // OTLP logs: a document (pretty or not), or the collector's one per line.
        Case(text: "{\"resourceLogs\":[]}", format: .otlpLogs),
        Case(text: "{\n  \"resourceLogs\": [\n    {\"resource\": {}}\n  ]\n}\n", format: .otlpLogs),
        Case(text: "{\"resourceLogs\":[]}\n{\"resourceLogs\":[]}\n", format: .otlpLogsLines),
        Case(text: "{\"resource_logs\":[]}\n{\"resource_logs\":[]}", format: .otlpLogsLines),
        Case(text: "{\"level\":\"info\",\"msg\":\"resourceLogs\"}\n", format: .jsonLines),
        // The OpenTelemetry SDK's console exporter: pretty span objects one after another.
        Case(
            text: "{\n    \"name\": \"GET\",\n    \"context\": {\n        \"trace_id\": \"0x5b\",\n        \"span_id\": \"0x1\"\n    },\n"
                + "    \"start_time\": \"2025-11-07T16:12:01.123456Z\"\n}\n{\n}\n", format: .otelConsole),
        Case(text: "{\"context\":{\"trace_id\":\"0x5b\",\"span_id\":\"0x1\"},\"start_time\":null}", format: .otelConsole),
        // A log record with a `context` object is no span.
        Case(text: "{\"context\":{\"userId\":\"u1\"},\"start_time\":\"x\"}\n", format: .jsonLines),
        Case(text: "{\"context\":{\"trace_id\":\"0x5b\",\"span_id\":\"0x1\"},\"msg\":\"x\"}\n", format: .jsonLines),
        // Objects that tools wrap records in, told by the tool's shape, not by one key.
        Case(text: "{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n        {\n            \"kind\": \"Event\"", format: .wrapped),
        Case(text: "{\"items\":[{\"a\":1}],\"kind\":\"PodList\"}", format: .wrapped),
        Case(text: "{\"took\":3,\"timed_out\":false,\"hits\":{\"total\":{\"value\":1},\"hits\":[{\"_id\":\"1\"}]}}", format: .wrapped),
        Case(text: "{\n  \"took\" : 3,\n  \"hits\" : {\n    \"hits\" : [ ]\n  }\n}\n", format: .wrapped),
        Case(text: "{\"events\":[{\"timestamp\":1,\"message\":\"x\",\"ingestionTime\":2}]}", format: .wrapped),
        Case(text: "{\"events\":[],\"nextForwardToken\":\"f/1\",\"nextBackwardToken\":\"b/1\"}", format: .wrapped),
        Case(text: "{\"Records\":[{\"eventVersion\":\"1.09\",\"eventSource\":\"s3.amazonaws.com\"}]}", format: .wrapped),
        // Records that merely hold such a key stay records.
        Case(text: "{\"items\":[{\"sku\":\"a\"}],\"total\":3}\n{\"items\":[],\"total\":0}\n", format: .jsonLines),
        Case(text: "{\n  \"msg\": \"checkout\",\n  \"events\": [\n    {\"name\": \"pay\"}\n  ]\n}\n", format: .json),
        Case(text: "{\"hits\":{\"hits\":[{\"a\":1}]},\"msg\":\"cache\"}\n{\"hits\":{}}\n", format: .jsonLines),
        Case(text: "{\"Records\":[{\"id\":1}]}\n", format: .jsonLines),
        Case(text: "{\"items\":[{\"a\":1}],\"kind\":\"Order\"}\n", format: .jsonLines),
        Case(text: "\u{FEFF}{\"resourceSpans\":[]}", format: .otlp),
        Case(text: "", format: .jsonLines),
        Case(text: "not json", format: .jsonLines),
        Case(text: "[1,2]", format: .jsonLines),
        // A null or a string before the first span does not hide the spans (it read as one record: probe finding).
        Case(text: #"[null,{"traceId":"01","id":"1","name":"c","timestamp":1000}]"#, format: .zipkin),
        Case(text: #"["x", null, {"traceId":"01","id":"1","name":"c"}]"#, format: .zipkin),
        Case(text: #"[null,{"a":1}]"#, format: .jsonLines),
        // A file of one request per line whose first line is cut, and Tempo's batches one per
        // line: lines, so that the cut costs that line only (one broken document before: probe finding).
        Case(text: "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"01\"\n{\"resourceSpans\":[]}\n", format: .otlpLines),
        Case(text: "{\"batches\":[{\"scopeSpans\":[]}]}\n{\"batches\":[{\"scopeSpans\":[]}]}\n", format: .otlpLines),
        Case(text: "{\"resourceSpans\":[\n  {\"resource\":{}}\n]}\n", format: .otlp),
        // Cut inside the first value: a prefix of a big document is still recognized.
        Case(text: "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"a\\\"b", format: .otlp),
    ]

    @Test(arguments: cases)
    func detects(_ c: Case) {
        #expect(FormatDetector.detect(Array(c.text.utf8)) == c.format)
    }

    /// Found by Fuzz/ (the trace targets, which detect the format of a stream read a few bytes
    /// at a time): a byte order mark cut by a read decided "JSON lines" on its first byte, and
    /// every read walked the whole prefix again (a 16 KB document read byte by byte took 20 s
    /// in the fuzzing build). A stream must be detected as its bytes are, whatever the reads.
    @Test(arguments: [1, 2, 3, 7, 100])
    func detectsStreamsReadAFewBytesAtATime(step: Int) throws {
        let big =
            "{\n  \"resourceSpans\": [\n" + String(repeating: "    {\"resource\": {\"attributes\": []}, \"scopeSpans\": []},\n", count: 300)
            + "    {}\n  ]\n}\n"
        for c in Self.cases + [Case(text: big, format: .otlp)] {
            // A stream in one read: what the bytes say (a one-line OTLP request reads as lines).
            var whole = OpenedInput(name: "s", body: .stream(SteppedStream(Array(c.text.utf8), step: 1 << 20)))
            var opened = OpenedInput(name: "s", body: .stream(SteppedStream(Array(c.text.utf8), step: step)))
            let expected = try FormatDetector.detect(&whole)
            let format = try FormatDetector.detect(&opened)
            #expect(format == expected, "\(c.testDescription), step \(step)")
        }
    }

    /// A first record bigger than the detection window: the window cut the line or the event
    /// that decides, and a prefixed file read every line as a bad one, an `aws logs` answer
    /// read as one record (probe findings). As a mapped file and as a stream.
    @Test func aFirstRecordBiggerThanTheWindow() throws {
        let big = String(repeating: "x", count: 100_000)
        let cases: [(String, InputFormat)] = [
            ("web-1  | {\"a\":\"\(big)\"}\nweb-1  | {\"b\":1}\n", .prefixedLines),
            (
                "{\n    \"events\": [\n        {\n            \"timestamp\": 1,\n            \"message\": \"\(big)\",\n"
                    + "            \"ingestionTime\": 2\n        }\n    ],\n    \"nextForwardToken\": \"f/1\"\n}\n",
                .wrapped
            ),
            // Not a wrapper, however big: a pretty record, a JSON line, text before a brace.
            ("{\n  \"events\": [{\"message\": \"\(big)\"}],\n  \"level\": \"info\"\n}\n", .json),
            ("{\"a\":\"\(big)\"}\n{\"b\":1}\n", .jsonLines),
        ]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-sniff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (n, (text, format)) in cases.enumerated() {
            let path = directory.appendingPathComponent("\(n).log").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            var mapped = try InputSource.file(path).open()
            #expect(try FormatDetector.detect(&mapped) == format, "case \(n), a file")
            for step in [4096, 1 << 20] {
                var stream = OpenedInput(name: "s", body: .stream(SteppedStream(Array(text.utf8), step: step)))
                #expect(try FormatDetector.detect(&stream) == format, "case \(n), a stream, step \(step)")
            }
        }
    }
}

/// `--format` over what was detected (`InputFormat.forced`): an OTLP name forces the framing,
/// the signal stays the document's.
@Suite("InputFormat.forced") struct InputFormatForcedTests {
    @Test func otlpNamesKeepTheSignal() {
        #expect(InputFormat.otlpLogsLines.forced(.otlpLines) == .otlpLogsLines)
        #expect(InputFormat.otlpLogs.forced(.otlpLines) == .otlpLogsLines)
        #expect(InputFormat.otlpLogsLines.forced(.otlp) == .otlpLogs)
        #expect(InputFormat.otlpLines.forced(.otlpLogs) == .otlp)
        #expect(InputFormat.otlp.forced(.otlpLogsLines) == .otlpLines)
        // Other names force the format as they say.
        #expect(InputFormat.otlpLogs.forced(.jsonLines) == .jsonLines)
        #expect(InputFormat.jsonLines.forced(.otlpLines) == .otlpLines)
        #expect(InputFormat.jsonLines.forced(.otlpLogs) == .otlpLogs)
        #expect(InputFormat.otlp.forced(.otelConsole) == .otelConsole)
    }
}
