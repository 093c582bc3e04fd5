import Testing

@testable import LoupeTrace

/// Log records joined to traces: every spelling of the ids loggers write reaches the span
/// that wrote the record, and records keep time order.
@Suite struct SpanLogsTests {
    static let trace = "5b8efff798038103d269b633813fc60c"

    static func log(_ time: String?, _ message: String) -> SpanLog {
        SpanLog(spanID: nil, time: time, level: "info", message: message, file: "app.log", line: 1)
    }

    @Test(arguments: [
        // (trace id as written, span id as written, decimal, the span id it reaches)
        ("5b8efff798038103d269b633813fc60c", "00000000000000b5", false, "00000000000000b5"),
        ("5B8EFFF798038103D269B633813FC60C", "B5", false, "00000000000000b5"),
        ("W47/95gDgQPSabYzgT/GDA==", "AAAAAAAAALU=", false, "00000000000000b5"),
        ("projects/shop/traces/5b8efff798038103d269b633813fc60c", "00000000000000b5", false, "00000000000000b5"),
        ("15161849952847513100", "181", true, "00000000000000b5"),
    ])
    func everySpellingReachesTheSpan(_ traceID: String, _ spanID: String, _ decimal: Bool, _ expected: String) {
        var logs = SpanLogs()
        let added = logs.add(traceID: traceID, spanID: spanID, decimal: decimal, Self.log("2024-03-11T08:00:00.000000000Z", "x"))
        #expect(added)
        logs.finish()
        let joined = logs.logs(ofTrace: Self.trace)
        #expect(joined.map(\.spanID) == [SpanID(expected)], "\(traceID)")
        #expect(logs.unmatched([Self.trace]) == 0)
        #expect(logs.unmatched(["00000000000000000000000000000001"]) == 1)
    }

    @Test func recordsComeInTimeOrderThoseWithoutATimeLast() {
        var logs = SpanLogs()
        logs.add(traceID: Self.trace, spanID: nil, Self.log(nil, "untimed 1"))
        logs.add(traceID: Self.trace, spanID: nil, Self.log("2024-03-11T08:00:00.200000000Z", "second"))
        logs.add(traceID: "d269b633813fc60c", spanID: nil, Self.log("2024-03-11T08:00:00.100000000Z", "first, by the lower 64 bits"))
        logs.add(traceID: Self.trace, spanID: nil, Self.log(nil, "untimed 2"))
        // Not hex: kept as written (as span ids are), so it names no trace of hex ids.
        logs.add(traceID: "req-42", spanID: nil, Self.log(nil, "another request"))
        logs.finish()
        #expect(logs.logs(ofTrace: Self.trace).map(\.message) == ["first, by the lower 64 bits", "second", "untimed 1", "untimed 2"])
        #expect(logs.records == 5)
        #expect(logs.unmatched([Self.trace]) == 1)
    }

    /// A decimal reading is only for Datadog's fields: an all-digit hex id stays hex.
    @Test func allDigitHexIdsAreNotReadAsDecimal() {
        var logs = SpanLogs()
        logs.add(traceID: "12345678901234567890123456789012", spanID: "1234567890123456", Self.log(nil, "x"))
        logs.finish()
        #expect(logs.logs(ofTrace: "12345678901234567890123456789012").map(\.spanID) == ["1234567890123456"])
        #expect(SpanLogs.isDecimal("dd.trace_id") && !SpanLogs.isDecimal("trace_id"))
    }
}
