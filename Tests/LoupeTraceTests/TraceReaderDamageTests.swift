import LoupeIO
import Testing

@testable import LoupeTrace

/// Regressions for damage that once made a reader lose valid spans without a word (issue 10).
@Suite struct TraceReaderDamageTests {
    static func otlpLine(_ trace: String, _ spans: [String]) -> String {
        let body = spans.map {
            #"{"traceId":"\#(trace)","spanId":"\#($0)","name":"op","startTimeUnixNano":"1000","endTimeUnixNano":"2000"}"#
        }
        return #"{"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"spans":["#
            + body.joined(separator: ",") + "]}]}]}"
    }

    /// A line cut short used to swallow the next, valid line: a newline ends a record.
    @Test(arguments: [1, 3, 15, 100, 65536])
    func otlpLinesCutLineDoesNotEatTheNext(step: Int) {
        let text =
            [
                Self.otlpLine("00000000000000000000000000000001", ["0000000000000001", "0000000000000002"]),
                #"{"resourceSpans":[{"resource":"#,
                Self.otlpLine("00000000000000000000000000000002", ["0000000000000003"]),
                #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"#,
                Self.otlpLine("00000000000000000000000000000003", ["0000000000000004"]),
            ].joined(separator: "\n") + "\n"
        let (spans, _, report) = decode(text, .otlpLines, step: step)
        #expect(spans.map(\.spanID) == ["0000000000000001", "0000000000000002", "0000000000000003", "0000000000000004"])
        #expect(report.skippedTotal == 2)
        #expect(report.inputs[0].skips.first?.line == 2)
    }

    /// The nested form `[[span, ...], [span, ...]]` used to lose the first span of the document.
    @Test(arguments: [1, 7, 65536])
    func zipkinNestedKeepsEverySpan(step: Int) {
        func span(_ id: String, parent: String? = nil) -> String {
            let parentField = parent.map { #","parentId":"\#($0)""# } ?? ""
            return #"{"traceId":"00000000000000a1","id":"\#(id)"\#(parentField),"name":"op","timestamp":1,"duration":5}"#
        }
        let text =
            "[[" + span("0000000000000001") + "," + span("0000000000000002", parent: "0000000000000001") + "],\n ["
            + span("0000000000000003") + "], [], [[" + span("0000000000000004") + "]]]"
        let (spans, _, report) = decode(text, .zipkin, step: step)
        #expect(spans.map(\.spanID) == ["0000000000000001", "0000000000000002", "0000000000000003", "0000000000000004"])
        #expect(report.skippedTotal == 0)
    }
}
