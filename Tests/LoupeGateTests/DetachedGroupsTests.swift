import Foundation
import LoupeIO
import LoupeTrace
import Testing

@testable import LoupeGate

/// Which groups are async: every span of theirs is in a detached fragment (TRACE-SEMANTICS 2.5),
/// so their time is off the requests' critical path.
struct DetachedGroupsTests {
    /// A group is detached only while every value it gets is, merged parts included.
    @Test func aGroupIsDetachedOnlyWhileAllItsSpansAre() {
        var table = SampleTable(fields: ["name"])
        table.add(1, to: GroupKey(["a"]), detached: true)
        table.add(2, to: GroupKey(["a"]), detached: true)
        table.add(1, to: GroupKey(["b"]), detached: true)
        table.add(2, to: GroupKey(["b"]), detached: false)
        table.add(3, to: GroupKey(["b"]), detached: true)
        table.add(1, to: GroupKey(["c"]), detached: false)
        table.add(1, to: GroupKey(["d"]))
        #expect(table.detachedGroups == [GroupKey(["a"])])
        var later = SampleTable(fields: ["name"])
        later.add(5, to: GroupKey(["a"]), detached: false)
        later.add(5, to: GroupKey(["e"]), detached: true)
        var merged = table
        merged.merge(later)
        #expect(merged.detachedGroups == [GroupKey(["e"])])
        #expect(GateSide(mode: .spans, table: merged, gatePercentile: 95).detachedGroups == [GroupKey(["e"])])
    }

    /// A request (SERVER) publishes (PRODUCER) to a consumer (CONSUMER: a detached fragment,
    /// with a child of its own); in the second trace the worker service also makes a blocking
    /// call (CLIENT) inside the request, which is on the request's path.
    @Test func consumersOfAProducerAreDetached() throws {
        func span(_ trace: Int, _ id: Int, _ parent: Int?, _ name: String, kind: Int) -> String {
            let parentField = parent.map { #","parentSpanId":"\#(String(format: "%016x", $0))""# } ?? ""
            let ids = #""traceId":"\#(String(format: "%032x", trace))","spanId":"\#(String(format: "%016x", id))"\#(parentField)"#
            return "{" + ids + #","name":"\#(name)","kind":\#(kind),"startTimeUnixNano":"\#(1000 + id)","endTimeUnixNano":"\#(2000 + id)"}"#
        }
        func request(_ service: String, _ spans: [String]) -> String {
            #"{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"\#(service)"}}]},"scopeSpans":[{"spans":[\#(spans.joined(separator: ","))]}]}"#
        }
        let lines = [
            #"{"resourceSpans":["# + request("api", [span(1, 1, nil, "GET /orders", kind: 2), span(1, 2, 1, "publish", kind: 4)]) + ","
                + request("worker", [span(1, 3, 2, "consume", kind: 5), span(1, 4, 3, "store", kind: 1)]) + "]}",
            #"{"resourceSpans":["# + request("api", [span(2, 1, nil, "GET /orders", kind: 2), span(2, 2, 1, "publish", kind: 4)]) + ","
                + request("worker", [span(2, 3, 2, "consume", kind: 5), span(2, 5, 1, "audit", kind: 3)]) + "]}",
            #"{"resourceSpans":["# + request("audit", [span(2, 6, 5, "audit", kind: 2)]) + "]}",
        ]
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-detached-\(UUID().uuidString).jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var samples = TraceSamples()
        for trace in TraceReader.read([.file(path)]).traces { samples.add(TraceAssembler.assemble(trace)) }
        // worker consume and worker store are only ever in the consumer's fragment; worker
        // audit is a blocking child of the request in trace 2.
        #expect(samples.table.detachedGroups == [GroupKey(["worker", "consume"]), GroupKey(["worker", "store"])])
        #expect(samples.table.keys.count == 6)
    }
}
