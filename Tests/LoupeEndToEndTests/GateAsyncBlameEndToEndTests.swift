import Foundation
import Testing

/// `loupe gate` on traces whose only regression is async work: the blame section says so
/// instead of "none grew significantly".
@Suite(.serialized)
struct GateAsyncBlameEndToEndTests {
    /// 25 traces as OTLP JSON lines: `api GET /orders` (SERVER, 10 ms + 0.1 ms per trace)
    /// publishes (`api publish`, PRODUCER, 1 ms) to `worker consume` (CONSUMER, a detached
    /// fragment), which takes `consumeMs` + 0.1 ms per trace.
    static func traces(consumeMs: Int64) -> String {
        (0..<25).map { i -> String in
            let trace = String(format: "%032x", i + 1)
            let t0 = Int64(i + 1) * 1_000_000_000
            func span(_ id: Int, _ parent: Int?, _ name: String, kind: Int, startMs: Int64, durationNs: Int64) -> String {
                let parentField = parent.map { #","parentSpanId":"\#(String(format: "%016x", $0))""# } ?? ""
                let start = t0 + startMs * 1_000_000
                let ids = #""traceId":"\#(trace)","spanId":"\#(String(format: "%016x", id))"\#(parentField)"#
                let times = #""startTimeUnixNano":"\#(start)","endTimeUnixNano":"\#(start + durationNs)""#
                return "{" + ids + #","name":"\#(name)","kind":\#(kind),"# + times + "}"
            }
            func resource(_ service: String, _ spans: [String]) -> String {
                #"{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"\#(service)"}}]},"scopeSpans":[{"spans":[\#(spans.joined(separator: ","))]}]}"#
            }
            let step = Int64(i) * 100_000
            let api = resource(
                "api",
                [
                    span(1, nil, "GET /orders", kind: 2, startMs: 0, durationNs: 10_000_000 + step),
                    span(2, 1, "publish", kind: 4, startMs: 2, durationNs: 1_000_000),
                ])
            let worker = resource("worker", [span(3, 2, "consume", kind: 5, startMs: 4, durationNs: consumeMs * 1_000_000 + step)])
            return #"{"resourceSpans":["# + api + "," + worker + "]}\n"
        }.joined()
    }

    /// The consumer takes 20 ms more in every trace; the request does not wait for it. Its p95:
    /// base 10.0 ... 12.4 ms, h = 24 x 0.95 = 22.8, 12.2 + 0.8 x 0.1 = 12.28 ms; current 32.28 ms
    /// (+162.9%). The sides do not overlap: U = 625, z = (625 - 312.5 - 0.5) / 51.54 = 6.054,
    /// p = 7.1e-10, times 3 groups (Holm) = 2.1e-9. The request's own groups do not change.
    @Test func anAsyncRegressionSaysWhyBlameIsEmpty() throws {
        let scratch = try GateEndToEndTests.Scratch()
        let base = try scratch.write("base.jsonl", Self.traces(consumeMs: 10))
        let current = try scratch.write("current.jsonl", Self.traces(consumeMs: 30))
        let run = try GateEndToEndTests.run(["--baseline", base, current, "--report", scratch.file("report.md")])
        #expect(run.status == 1, "\(run)")
        #expect(
            run.stdout == """
                loupe gate: FAIL: 1 regression in 3 groups
                compared span durations by service.name, name at p95; 2 unchanged
                rule: a group regresses when its p95 grew by at least 10% and at least 1 ms, and a one-sided Mann-Whitney U test gives p < 0.01 after Holm's correction for the number of groups (at least 20 values on each side)

                verdict     group           base p95  cur p95   change  p-value  n base/cur
                regression  worker consume   12.3 ms  32.3 ms  +162.9%   2.1e-9       25/25
                and 2 unchanged groups (--all lists them)

                critical path: operations whose self time on the critical path grew (median per trace, baseline -> current)
                  worker consume is async: its spans are in detached fragments (work the request did not wait for), off the request's critical path, so their time did not make the request slower

                """)
        let report = try String(contentsOfFile: scratch.file("report.md"), encoding: .utf8)
        #expect(
            report.contains(
                "#### Critical path: where the time went\n\nworker consume is async: its spans are in detached fragments"
                    + " (work the request did not wait for), off the request's critical path, so their time did not make the request slower.\n"
            ), "\(report)")
        #expect(!report.contains("No operation's critical-path self time grew"))
    }
}
