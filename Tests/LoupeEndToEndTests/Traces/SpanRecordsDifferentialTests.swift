import Foundation
import LoupeTestSupport
import Testing

/// Spans as records, differentially: random spans are written as a trace export in each
/// format and, independently of loupe's decoders and record writer, as JSON lines of the
/// record fields DESIGN section 4 promises (`trace_id`, `span_id`, `parent_id`, `name`,
/// `service.name`, `kind`, `start`, `end`, `duration`, `status`, `status_message`,
/// `attributes.*`, `resource.*`), each format's mapping taken from TRACE-SEMANTICS 1. Every
/// query must answer the same over the export as over those lines, on one thread and several.
@Suite(
    "Span records differential", .enabled(if: LoupeProcess.binaryExists, "the loupe binary was not found next to the test bundle"))
struct SpanRecordsDifferentialTests {
    enum Format: String, CaseIterable {
        case otlp, otlpLines = "otlp-lines", jaeger, zipkin
    }

    enum Status {
        case unset, ok, error
    }

    /// A generated attribute value, as each writer spells it.
    enum Value {
        case string(String)
        case int(Int64)
        case bool(Bool)
        case double(Double)
    }

    struct GeneratedSpan {
        var trace: String
        var id: String
        var parent: String?
        var name: String
        var service: String
        var host: String
        /// `unspecified`, `server`, `client`, ...
        var kind: String
        var start: Int64
        var end: Int64
        var status: Status
        var attributes: [(String, Value)]
    }

    static let kinds = ["unspecified", "internal", "server", "client", "producer", "consumer"]

    static func hex(_ value: UInt64, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Random spans of a few traces; runs of spans share a service (and so a resource).
    static func spans(seed: UInt64) -> [GeneratedSpan] {
        var rng = SplitMix64(seed: seed)
        let traces = (0..<Int.random(in: 1...4, using: &rng)).map { _ in hex(rng.next() | 1, width: 32) }
        var spans: [GeneratedSpan] = []
        var service = "api"
        for i in 0..<Int.random(in: 20...90, using: &rng) {
            if Int.random(in: 0..<4, using: &rng) == 0 { service = ["api", "db", "pay", "caf\u{e9}"].randomElement(using: &rng)! }
            let trace = traces.randomElement(using: &rng)!
            let start = Int64.random(in: 1_700_000_000_000_000...1_700_000_100_000_000, using: &rng) * 1000
            var attributes: [(String, Value)] = []
            if Bool.random(using: &rng) { attributes.append(("http.status_code", .int([200, 404, 500, 503].randomElement(using: &rng)!))) }
            if Bool.random(using: &rng) { attributes.append(("db.system", .string("postgresql"))) }
            if Bool.random(using: &rng) { attributes.append(("retry", .bool(Bool.random(using: &rng)))) }
            if Bool.random(using: &rng) { attributes.append(("ratio", .double([0.5, 0.25, 1.5].randomElement(using: &rng)!))) }
            if Bool.random(using: &rng) {
                attributes.append(("note", .string(["a \"q\"", "back\\slash", "tab\there", "\u{e9}t\u{e9}"].randomElement(using: &rng)!)))
            }
            let earlier = spans.filter { $0.trace == trace }
            spans.append(
                GeneratedSpan(
                    trace: trace, id: hex(UInt64(i + 1) << 12 | UInt64.random(in: 0...4095, using: &rng), width: 16),
                    parent: Bool.random(using: &rng) ? earlier.randomElement(using: &rng)?.id : nil,
                    name: ["GET /", "SELECT", "charge \"card\"", "caf\u{e9}", "op\\x"].randomElement(using: &rng)!, service: service,
                    host: "\(service)-\(Int.random(in: 1...2, using: &rng))", kind: kinds.randomElement(using: &rng)!, start: start,
                    end: start + Int64.random(in: 0...5_000, using: &rng) * 1000,
                    status: [Status.unset, .unset, .ok, .error].randomElement(using: &rng)!, attributes: attributes))
        }
        return spans
    }

    // MARK: - The JSON text both sides share

    static func quoted(_ text: String) -> String { JSONText.quoted(text) }

    static func json(_ value: Value) -> String {
        switch value {
        case .string(let s): return quoted(s)
        case .int(let n): return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .double(let x): return String(x)
        }
    }

    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { quoted($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    // MARK: - The expected records, by format

    /// The record of one span as DESIGN section 4 and TRACE-SEMANTICS 1 define it for `format`.
    static func record(_ span: GeneratedSpan, _ format: Format) -> String {
        var attributes = span.attributes.map { ($0.0, json($0.1)) }
        var resource: [(String, String)] = []
        switch format {
        case .otlp, .otlpLines:
            resource = [("service.name", quoted(span.service)), ("host.name", quoted(span.host))]
        case .jaeger:
            // Status and kind travel as tags, which stay attributes; the process tags are the resource.
            if span.kind != "unspecified" { attributes.append(("span.kind", quoted(span.kind))) }
            if span.status == .error { attributes.append(("error", "true")) }
            if span.status == .ok { attributes.append(("otel.status_code", quoted("OK"))) }
            resource = [("host.name", quoted(span.host))]
        case .zipkin:
            // Zipkin tags are strings; the error tag is one too.
            attributes = span.attributes.map { ($0.0, zipkinTag($0.1)) }
            if span.status == .error { attributes.append(("error", quoted("true"))) }
            if span.status == .ok { attributes.append(("otel.status_code", quoted("OK"))) }
        }
        let status: String
        switch span.status {
        case .unset: status = "unset"
        case .ok: status = "ok"
        case .error: status = "error"
        }
        return object([
            ("trace_id", quoted(span.trace)), ("span_id", quoted(span.id)), ("parent_id", span.parent.map(quoted) ?? "null"),
            ("name", quoted(span.name)), ("service.name", quoted(span.service)), ("kind", quoted(span.kind)),
            ("start", String(span.start)), ("end", String(span.end)), ("duration", String(span.end - span.start)),
            ("status", quoted(status)), ("attributes", object(sorted(attributes))), ("resource", object(sorted(resource))),
        ])
    }

    /// Members in the order records write them: keys by UTF-8 bytes.
    static func sorted(_ members: [(String, String)]) -> [(String, String)] {
        members.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
    }

    static func zipkinTag(_ value: Value) -> String {
        switch value {
        case .string(let s): return quoted(s)
        default: return quoted(String(json(value)))
        }
    }

    // MARK: - The exports

    static func otlpValue(_ value: Value) -> String {
        switch value {
        case .string(let s): return object([("stringValue", quoted(s))])
        case .int(let n): return object([("intValue", quoted(String(n)))])
        case .bool(let b): return object([("boolValue", b ? "true" : "false")])
        case .double(let x): return object([("doubleValue", String(x))])
        }
    }

    static func otlpAttributes(_ pairs: [(String, Value)]) -> String {
        "[" + pairs.map { object([("key", quoted($0.0)), ("value", otlpValue($0.1))]) }.joined(separator: ",") + "]"
    }

    /// Consecutive spans of one service, in order.
    static func runs(_ spans: [GeneratedSpan]) -> [[GeneratedSpan]] {
        var runs: [[GeneratedSpan]] = []
        for span in spans {
            if let last = runs.last?.last, last.service == span.service, last.host == span.host {
                runs[runs.count - 1].append(span)
            } else {
                runs.append([span])
            }
        }
        return runs
    }

    static func otlpResourceSpans(_ run: [GeneratedSpan]) -> String {
        let spans = run.map { span -> String in
            var members = [("traceId", quoted(span.trace)), ("spanId", quoted(span.id))]
            if let parent = span.parent { members.append(("parentSpanId", quoted(parent))) }
            members += [
                ("name", quoted(span.name)), ("kind", String(kinds.firstIndex(of: span.kind)!)),
                ("startTimeUnixNano", quoted(String(span.start))), ("endTimeUnixNano", quoted(String(span.end))),
                ("attributes", otlpAttributes(span.attributes)),
                ("status", object(span.status == .unset ? [] : [("code", span.status == .error ? "2" : "1")])),
            ]
            return object(members)
        }
        let resource = object([
            ("attributes", otlpAttributes([("service.name", .string(run[0].service)), ("host.name", .string(run[0].host))]))
        ])
        return object([("resource", resource), ("scopeSpans", "[" + object([("spans", "[" + spans.joined(separator: ",") + "]")]) + "]")])
    }

    static func export(_ spans: [GeneratedSpan], _ format: Format) -> String {
        let runs = runs(spans)
        switch format {
        case .otlp:
            return object([("resourceSpans", "[" + runs.map(otlpResourceSpans).joined(separator: ",\n") + "]")]) + "\n"
        case .otlpLines:
            // A few runs per line, as the collector's file exporter writes batches.
            return stride(from: 0, to: runs.count, by: 3).map { i in
                object([("resourceSpans", "[" + runs[i..<min(i + 3, runs.count)].map(otlpResourceSpans).joined(separator: ",") + "]")])
            }.joined(separator: "\n") + "\n"
        case .jaeger:
            // One trace object per run; its one process is the run's service.
            let traces = runs.map { run -> String in
                let spans = run.map { span -> String in
                    var tags = span.attributes.map { pair -> String in
                        let (type, value): (String, String)
                        switch pair.1 {
                        case .string(let s): (type, value) = ("string", quoted(s))
                        case .int(let n): (type, value) = ("int64", String(n))
                        case .bool(let b): (type, value) = ("bool", b ? "true" : "false")
                        case .double(let x): (type, value) = ("float64", String(x))
                        }
                        return object([("key", quoted(pair.0)), ("type", quoted(type)), ("value", value)])
                    }
                    if span.kind != "unspecified" {
                        tags.append(object([("key", quoted("span.kind")), ("type", quoted("string")), ("value", quoted(span.kind))]))
                    }
                    if span.status == .error {
                        tags.append(object([("key", quoted("error")), ("type", quoted("bool")), ("value", "true")]))
                    }
                    if span.status == .ok {
                        tags.append(object([("key", quoted("otel.status_code")), ("type", quoted("string")), ("value", quoted("OK"))]))
                    }
                    let references =
                        span.parent.map {
                            "[" + object([("refType", quoted("CHILD_OF")), ("traceID", quoted(span.trace)), ("spanID", quoted($0))]) + "]"
                        }
                        ?? "[]"
                    return object([
                        ("traceID", quoted(span.trace)), ("spanID", quoted(span.id)), ("operationName", quoted(span.name)),
                        ("references", references), ("startTime", String(span.start / 1000)),
                        ("duration", String((span.end - span.start) / 1000)), ("processID", quoted("p1")),
                        ("tags", "[" + tags.joined(separator: ",") + "]"),
                    ])
                }
                let host = object([("key", quoted("host.name")), ("type", quoted("string")), ("value", quoted(run[0].host))])
                let process = object([("serviceName", quoted(run[0].service)), ("tags", "[" + host + "]")])
                return object([
                    ("traceID", quoted(run[0].trace)), ("spans", "[" + spans.joined(separator: ",") + "]"),
                    ("processes", object([("p1", process)])),
                ])
            }
            return object([("data", "[" + traces.joined(separator: ",\n") + "]")]) + "\n"
        case .zipkin:
            let objects = spans.map { span -> String in
                var tags = span.attributes.map { ($0.0, zipkinTag($0.1)) }
                if span.status == .error { tags.append(("error", quoted("true"))) }
                if span.status == .ok { tags.append(("otel.status_code", quoted("OK"))) }
                var members = [("traceId", quoted(span.trace)), ("id", quoted(span.id))]
                if let parent = span.parent { members.append(("parentId", quoted(parent))) }
                members += [("name", quoted(span.name))]
                if span.kind != "unspecified" && span.kind != "internal" { members.append(("kind", quoted(span.kind.uppercased()))) }
                members += [
                    ("timestamp", String(span.start / 1000)), ("duration", String((span.end - span.start) / 1000)),
                    ("localEndpoint", object([("serviceName", quoted(span.service))])), ("tags", object(tags)),
                ]
                return object(members)
            }
            return "[" + objects.joined(separator: ",\n") + "]\n"
        }
    }

    /// Zipkin has no INTERNAL kind on the wire: a span written without one reads as unspecified.
    static func expectedKind(_ span: GeneratedSpan, _ format: Format) -> GeneratedSpan {
        var span = span
        if format == .zipkin && span.kind == "internal" { span.kind = "unspecified" }
        return span
    }

    static let queries = [
        "* | count by service.name, kind, status",
        #"status == "error" | count by service.name"#,
        // Not a duration literal nor a duration column: span records read `duration` as a
        // duration in nanoseconds (and label it so), a plain JSON-lines file as a number.
        "duration > 2000000 | stats count(), sum(end), min(start), max(end) by name",
        "attributes.http.status_code >= 500 | count by resource.host.name, attributes.db.system",
        "parent_id == null | count by trace_id",
        "* | fields trace_id, span_id, parent_id, name, start, end, attributes.retry, attributes.ratio, attributes.note, status_message",
        "* | distinct attributes",
        "exists(attributes.error) or attributes.otel.status_code == \"OK\" | count by status",
    ]

    @Test(arguments: Format.allCases, [1, 2, 3])
    func queriesOverSpansAnswerAsOverTheirRecords(_ format: Format, seed: Int) throws {
        let spans = Self.spans(seed: UInt64(seed) &* 7919 &+ UInt64(format.rawValue.count))
        let scratch = try TemporaryDirectory(prefix: "loupe-span-records")
        scratch.write("export.json", Array(Self.export(spans, format).utf8))
        let records = spans.map { Self.record(Self.expectedKind($0, format), format) }.joined(separator: "\n") + "\n"
        scratch.write("records.jsonl", Array(records.utf8))
        for query in Self.queries {
            let expected = try LoupeProcess.run(["-o", "json", query, "records.jsonl"], in: scratch.path)
            #expect(expected.status <= 1, "\(query) over the records: \(expected)")
            for threads in ["1", "3"] {
                let got = try LoupeProcess.run(["-o", "json", "--threads", threads, query, "export.json"], in: scratch.path)
                #expect(got.stdoutText == expected.stdoutText, "\(format), seed \(seed), --threads \(threads): \(query)\n\(got)")
                #expect(got.status == expected.status)
            }
        }
    }
}
