import LoupeQuery
import LoupeTrace
import Testing

@testable import LoupeGate

/// Spans mode: one value per span (duration in ms), keyed by service and name or `--by` fields,
/// filtered by `--where` over the span as a record.
struct SpanSamplesTests {
    static let traceID = String(repeating: "a", count: 32)

    static func span(_ id: Int, _ service: String, _ name: String, ms: Double, kind: SpanKind = .server, route: String? = nil) -> Span {
        var attributes: [String: AttributeValue] = [:]
        if let route { attributes["http.route"] = .string(route) }
        return Span(
            spanID: SpanID(hex: UInt64(id)), parentID: nil, service: service, name: name,
            kind: kind,
            start: 1_000_000_000, end: 1_000_000_000 + Int64(ms * 1e6), attributes: attributes, resource: ["host.name": .string("h1")])
    }

    static let spans = [
        span(1, "checkout", "POST /orders", ms: 12.5, route: "/orders"),
        span(2, "checkout", "POST /orders", ms: 0.000001),
        span(3, "cart", "GET", ms: 3, kind: .client),
        span(4, "checkout", "POST /orders", ms: 250, route: "/orders"),
    ]

    @Test func defaultKeyIsServiceAndName() {
        var table = SampleTable(fields: SpanFields.defaultKey)
        var samples = SpanSamples()
        samples.add(Self.spans, traceID: Self.traceID, to: &table)
        #expect(table.keys == [GroupKey(["checkout", "POST /orders"]), GroupKey(["cart", "GET"])])
        #expect(table.values[GroupKey(["checkout", "POST /orders"])] == [12.5, 0.000001, 250])
    }

    @Test func byFieldsReadAttributesAndKnownFields() {
        var table = SampleTable(fields: ["kind", "http.route", "resource.host.name", "attributes.http.route"])
        var samples = SpanSamples(fields: table.fields)
        samples.add(Self.spans, traceID: Self.traceID, to: &table)
        #expect(
            table.keys == [
                GroupKey(["server", "/orders", "h1", "/orders"]), GroupKey(["server", "", "h1", ""]), GroupKey(["client", "", "h1", ""]),
            ])
    }

    @Test func whereFiltersSpansAsRecords() throws {
        let filter = try RecordFilter(
            Parser.parseExpression("kind == \"server\" and duration > 10ms and attributes.http.route == \"/orders\""),
            durationScales: SpanFields.durationScales)
        var table = SampleTable(fields: SpanFields.defaultKey)
        var samples = SpanSamples(filter: filter)
        samples.add(Self.spans, traceID: Self.traceID, to: &table)
        #expect(table.values[GroupKey(["checkout", "POST /orders"])] == [12.5, 250])
        #expect(table.keys.count == 1)
    }
}

/// Traces: assembled once, so a duplicate span counts once (TRACE-SEMANTICS 2.2).
struct TraceSamplesTests {
    @Test func duplicateSpansCountOnce() {
        let first = SpanSamplesTests.span(1, "checkout", "POST /orders", ms: 12.5)
        var duplicate = first
        duplicate.end += 1_000_000_000
        var samples = TraceSamples()
        samples.add(
            TraceAssembler.assemble(
                TraceSpans(
                    traceID: SpanSamplesTests.traceID,
                    spans: [first, duplicate, SpanSamplesTests.span(2, "checkout", "POST /orders", ms: 3)])))
        #expect(samples.table.values[GroupKey(["checkout", "POST /orders"])] == [12.5, 3])
        #expect(samples.blame.traces == 1)
    }
}
