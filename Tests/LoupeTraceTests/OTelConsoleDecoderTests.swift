import Glibc
import LoupeIO
import LoupeJSON
import Testing

@testable import LoupeTrace

/// The OpenTelemetry SDK's console exporter output (Python's `ConsoleSpanExporter`), on the
/// fixture the real SDK wrote (Tests/Fixtures/otel-console/make_trace.py) and on hand-made
/// variants of its shape.
@Suite struct OTelConsoleDecoderTests {
    static let fixture: String = {
        let path = repositoryRoot + "/Tests/Fixtures/otel-console/checkout.console.txt"
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }()

    static let t0: Int64 = 1_762_531_921_123_456_000
    static let ms: Int64 = 1_000_000

    @Test(arguments: [1, 3, 15, 100, 65535, 65537])
    func readsTheSDKsOutputAtAwkwardBlockSizes(step: Int) throws {
        let (spans, traceIDs, report) = decode(Self.fixture, .otelConsole, step: step)
        #expect(report.skippedTotal == 0)
        #expect(report.repairCount == 0)
        // Spans come in the order they ended: children first.
        #expect(spans.map(\.name) == ["SELECT cart_items", "load cart", "GET /inventory", "GET /pricing", "charge card", "GET /checkout"])
        #expect(Set(traceIDs) == ["e8d79f49af6d114c4a6f188a424e617b"])
        #expect(Set(spans.map(\.service)) == ["checkout"])

        let root = try #require(spans.last)
        #expect(root.spanID == "cd502d42af1ffe0d")
        #expect(root.parentID == nil)
        #expect(root.kind == .server)
        #expect(root.start == Self.t0)
        #expect(root.end == Self.t0 + 145 * Self.ms)
        #expect(root.status == .error)
        #expect(root.statusMessage == nil)
        #expect(root.attributes["http.request.method"] == .string("GET"))
        #expect(root.attributes["http.response.status_code"] == .int(500))
        #expect(root.resource["service.instance.id"] == .string("checkout-1"))
        #expect(root.resource["telemetry.sdk.language"] == .string("python"))

        let query = spans[0]
        #expect(query.spanID == "a6ea1c0d2f8b9e9d")
        #expect(query.parentID == "e3d6e4b9d96e182d")
        #expect(spans[1].spanID == "e3d6e4b9d96e182d")
        #expect(query.kind == .client)
        #expect(query.start == Self.t0 + 3 * Self.ms)
        #expect(query.end == Self.t0 + 15 * Self.ms)
        #expect(query.status == .unset)
        #expect(query.attributes == ["db.system": .string("postgresql"), "db.rows": .int(3)])

        #expect(spans[1].kind == .internal)
        #expect(spans[3].attributes["tags"] == .json(#"["eu","b2b"]"#))

        let charge = spans[4]
        #expect(charge.parentID == root.spanID)
        #expect(charge.status == .error)
        #expect(charge.statusMessage == "TimeoutError: card processor did not answer in 50 ms")
        #expect(charge.attributes["amount"] == .double(42.5))
        #expect(charge.start == Self.t0 + 90 * Self.ms)
        #expect(charge.end == Self.t0 + 141 * Self.ms)
    }

    /// The rest of the shape: `0X` ids, an OK status, a bare kind name, a span without a start
    /// time (skipped and counted), an array around the objects, what analysis keeps.
    @Test(arguments: [1, 7, 65536])
    func variantsOfTheShape(step: Int) {
        let text = """
            [{"name": "a", "context": {"trace_id": "0X00000000000000000000000000ABCDEF", "span_id": "0x0000000000000001",
              "trace_state": "[]"}, "kind": "SERVER", "parent_id": null, "start_time": "2025-11-07T16:12:01Z",
              "end_time": "2025-11-07T16:12:02.5+01:00", "status": {"status_code": "OK"}, "attributes": {"db.system": "redis", "x": [1, {"k": null}]},
              "events": [{"name": "e", "timestamp": "2025-11-07T16:12:01.5Z", "attributes": {}}], "links": [],
              "resource": {"attributes": {"service.name": "svc"}, "schema_url": ""}},
            {"name": "b", "context": {"trace_id": "0xabcdef", "span_id": "0x2"}, "kind": "SpanKind.PRODUCER",
              "parent_id": "0x1", "start_time": null, "end_time": null, "status": {"status_code": "UNSET"}}]
            """
        let (spans, traceIDs, report) = decode(text, .otelConsole, step: step, attributes: .analysis)
        #expect(spans.count == 1)
        #expect(report.skipped.map(\.reason) == [.missingStartTime])
        guard let span = spans.first else { return }
        #expect(traceIDs.first == "00000000000000000000000000abcdef")
        #expect(span.spanID == "0000000000000001")
        #expect(span.kind == .server)
        #expect(span.status == .ok)
        #expect(span.service == "svc")
        // 16:12:02.5 at +01:00 is 15:12:02.5 UTC: it ended before it started, and is clamped.
        #expect(span.duration == 0)
        #expect(report.negativeDurationsClamped == 1)
        // Analysis keeps db.system only, and no resource attributes.
        #expect(span.attributes == ["db.system": .string("redis")])
        #expect(span.resource.isEmpty)
    }

    /// The console exporter's times are read by the one time-text parser (`Timestamp`).
    @Test func isoTimes() {
        func parse(_ text: String) -> Int64? { Array(text.utf8).withUnsafeBufferPointer { Timestamp.parseText($0) } }
        #expect(parse("2025-11-07T16:12:01.123456Z") == 1_762_531_921_123_456_000)
        #expect(parse("2025-11-07 16:12:01,123456789") == 1_762_531_921_123_456_789)
        #expect(parse("2025-11-07T17:12:01.123456+01:00") == 1_762_531_921_123_456_000)
        #expect(parse("2025-11-07T16:12Z") == 1_762_531_920_000_000_000)
        #expect(parse("1970-01-01T00:00:00Z") == 0)
        for bad in ["", "2025-13-07T16:12:01Z", "2025-11-07T16:12:01.Z", "2025-11-07T16:12:01Q", "0001-01-01T00:00:00Z"] {
            #expect(parse(bad) == nil, "\(bad)")
        }
        func fixed(_ ns: Int64) -> String {
            var out: [UInt8] = []
            Timestamp.appendFixedRFC3339(ns, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(fixed(1_544_712_660_300_000_000) == "2018-12-13T14:51:00.300000000Z")
        #expect(fixed(0) == "1970-01-01T00:00:00.000000000Z")
        #expect(fixed(-1) == "1969-12-31T23:59:59.999999999Z")
    }
}
