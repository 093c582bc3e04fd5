import LoupeEngine
import LoupeJSON
import LoupeTrace

/// Reads the record fields of a span (DESIGN section 4) for `--by` keys and `--where`.
///
/// Known fields are `trace_id`, `span_id`, `parent_id`, `name`, `service.name`, `kind`,
/// `status`, `start`, `end`, `duration`, `attributes.KEY` and `resource.KEY`; any other name
/// is looked up as a span attribute, then as a resource attribute, so `--by http.route` works.
/// A field the span lacks reads as "".
package enum SpanFields {
    /// The default grouping of spans: by service and operation.
    package static let defaultKey = ["service.name", "name"]
    /// The fields read from the span itself rather than from its attributes.
    package static let builtIn: Set<String> = [
        "service.name", "name", "trace_id", "span_id", "parent_id", "kind", "status", "start", "end", "duration",
    ]

    /// The field's value as key text; `traceID` is the span's trace's id.
    package static func text(_ field: String, of span: Span, traceID: String) -> String {
        switch field {
        case "service.name": return span.service
        case "name": return span.name
        case "trace_id": return traceID
        case "span_id": return span.spanID.description
        case "parent_id": return span.parentID?.description ?? ""
        case "kind": return span.kind.recordName
        case "status": return span.status.rawValue
        case "start": return String(span.start)
        case "end": return String(span.end)
        case "duration": return String(span.duration)
        default:
            if field.hasPrefix("attributes.") { return span.attributes[String(field.dropFirst(11))].map(text) ?? "" }
            if field.hasPrefix("resource.") { return span.resource[String(field.dropFirst(9))].map(text) ?? "" }
            return (span.attributes[field] ?? span.resource[field]).map(text) ?? ""
        }
    }

    static func text(_ value: AttributeValue) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return RowValue.format(d)
        case .bool(let b): return b ? "true" : "false"
        case .json(let text): return text
        }
    }

    /// The span, of the trace `traceID`, as one JSON record, the form `--where` filters: the
    /// same record `loupe QUERY` reads from a trace export (`Span.appendRecord`), so a filter
    /// means the same in both.
    package static func record(_ span: Span, traceID: String) -> [UInt8] {
        var out: [UInt8] = []
        span.appendRecord(traceID: traceID, to: &out)
        return out
    }

    /// The paths of a span record that hold durations in ns, for `duration > 250ms`.
    package static let durationScales: [FieldPath: Double] = [FieldPath(dotted: "duration"): 1]
}

/// Turns spans into the gate's samples: one value per span, its duration in ms (`ns / 1e6`),
/// keyed by the `--by` fields (default service and operation name).
package struct SpanSamples {
    package let fields: [String]
    private var filter: RecordFilter?

    package init(fields: [String] = SpanFields.defaultKey, filter: RecordFilter? = nil) {
        self.fields = fields
        self.filter = filter
    }

    /// Adds the spans of the trace `traceID` that pass the filter to `table`; `detached(i)`
    /// says whether the i-th span is in a detached fragment (none are, for spans read without
    /// their trace).
    package mutating func add(
        _ spans: some Sequence<Span>, traceID: String, to table: inout SampleTable, detached: (Int) -> Bool = { _ in false }
    ) {
        for (i, span) in spans.enumerated() {
            if filter != nil {
                guard filter!.matches(SpanFields.record(span, traceID: traceID)) else { continue }
            }
            let key = GroupKey(fields.map { SpanFields.text($0, of: span, traceID: traceID) })
            table.add(Double(span.duration) / 1e6, to: key, detached: detached(i))
        }
    }
}
