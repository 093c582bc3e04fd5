import LoupeTestSupport
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
        var elsewhere = logs
        #expect(logs.join([Self.trace]) == (0, 0))
        let joined = logs.logs(ofTrace: Self.trace)
        #expect(joined.map(\.spanID) == [SpanID(expected)], "\(traceID)")
        #expect(elsewhere.join(["00000000000000000000000000000001"]) == (1, 0))
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
        #expect(logs.join([Self.trace]) == (1, 0))
        #expect(logs.logs(ofTrace: Self.trace).map(\.message) == ["first, by the lower 64 bits", "second", "untimed 1", "untimed 2"])
        #expect(logs.records == 5)
    }

    /// Each id is read by its own field's rule: a hex trace id beside Datadog's decimal span id.
    @Test func theSpanIDIsReadByItsOwnField() {
        var logs = SpanLogs()
        logs.add(traceID: Self.trace, spanID: "181", decimal: false, decimalSpan: true, Self.log(nil, "x"))
        logs.finish()
        _ = logs.join([Self.trace])
        #expect(logs.logs(ofTrace: Self.trace).map(\.spanID) == [SpanID("00000000000000b5")])
    }

    /// A decimal reading is only for Datadog's fields: an all-digit hex id stays hex.
    @Test func allDigitHexIdsAreNotReadAsDecimal() {
        var logs = SpanLogs()
        logs.add(traceID: "12345678901234567890123456789012", spanID: "1234567890123456", Self.log(nil, "x"))
        logs.finish()
        #expect(logs.logs(ofTrace: "12345678901234567890123456789012").map(\.spanID) == ["1234567890123456"])
        #expect(SpanLogs.isDecimal("dd.trace_id") && !SpanLogs.isDecimal("trace_id"))
    }

    /// Every record joins at most one trace: its own when the input holds it, else, for a
    /// 64-bit id, the one trace that ends in it; a 64-bit id that several traces end in joins
    /// none and is counted. Before, a 64-bit id joined both its own (padded) trace and a
    /// 128-bit one ending in it, and a record was listed twice (probe finding).
    @Test func everyRecordJoinsAtMostOneTrace() {
        var rng = SplitMix64(seed: 5)
        let lowers = ["d8f6550cdc55876b", "00000000000000b5", "1234567890abcdef"]
        let uppers = ["0000000000000000", "a1a1a1a1a1a1a1a1", "5b8efff798038103"]
        for round in 0..<300 {
            let traces = Set((0..<Int.random(in: 1...5, using: &rng)).map { _ in uppers.randomElement(using: &rng)! + lowers.randomElement(using: &rng)! })
            var logs = SpanLogs()
            var written: [String] = []
            for i in 0..<Int.random(in: 1...12, using: &rng) {
                let id = Bool.random(using: &rng) ? lowers.randomElement(using: &rng)! : uppers.randomElement(using: &rng)! + lowers.randomElement(using: &rng)!
                written.append(id)
                logs.add(traceID: id, spanID: nil, Self.log(nil, "\(i)"))
            }
            logs.finish()
            let (unmatched, ambiguous) = logs.join(traces)
            var seen: [String: String] = [:]
            for trace in traces {
                for record in logs.logs(ofTrace: trace) {
                    #expect(seen.updateValue(trace, forKey: record.message!) == nil, "round \(round): record \(record.message!) twice")
                }
            }
            var expectedUnmatched = 0
            var expectedAmbiguous = 0
            for (i, id) in written.enumerated() {
                let full = id.count == 16 ? String(repeating: "0", count: 16) + id : id
                let enders = traces.filter { $0.hasSuffix(full.suffix(16)) && $0.count == 32 && !$0.hasPrefix(String(repeating: "0", count: 16)) }
                let owner: String? = traces.contains(full) ? full : (full.hasPrefix(String(repeating: "0", count: 16)) && enders.count == 1 ? enders.first : nil)
                #expect(seen["\(i)"] == owner, "round \(round): record \(i) with \(id) in \(traces.sorted())")
                if owner == nil {
                    expectedUnmatched += 1
                    if full.hasPrefix(String(repeating: "0", count: 16)) && enders.count > 1 { expectedAmbiguous += 1 }
                }
            }
            #expect(unmatched == expectedUnmatched && ambiguous == expectedAmbiguous, "round \(round)")
        }
    }
}
