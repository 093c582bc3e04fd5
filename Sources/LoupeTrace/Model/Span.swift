/// One span in the common model of TRACE-SEMANTICS section 1, whatever format it came from.
///
/// Times are integer nanoseconds since the Unix epoch; ids are lowercase hex, trace ids padded
/// to 32 characters and span ids to 16; an empty parent id means none.
package struct Span: Sendable, Equatable {
    package var traceID: String
    package var spanID: String
    /// The parent's span id, or nil for none (empty, all zeros, or equal to the span's own id).
    package var parentID: String?
    /// How the parent link was declared.
    package var parentRef: ParentReference
    package var service: String
    package var name: String
    package var kind: SpanKind
    package var start: Int64
    package var end: Int64
    package var status: SpanStatus
    /// Span attributes (Jaeger and Zipkin tags), values flattened to scalars.
    package var attributes: [String: AttributeValue]
    /// Resource attributes (OTLP), or process tags (Jaeger).
    package var resource: [String: AttributeValue]

    package init(
        traceID: String, spanID: String, parentID: String?, parentRef: ParentReference = .childOf, service: String, name: String,
        kind: SpanKind = .unspecified, start: Int64, end: Int64, status: SpanStatus = .unset,
        attributes: [String: AttributeValue] = [:], resource: [String: AttributeValue] = [:]
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.parentID = parentID
        self.parentRef = parentRef
        self.service = service
        self.name = name
        self.kind = kind
        self.start = start
        self.end = end
        self.status = status
        self.attributes = attributes
        self.resource = resource
    }

    package var duration: Int64 { end - start }
}

/// `CHILD_OF` (the default) or `FOLLOWS_FROM` (Jaeger); a FOLLOWS_FROM edge never blocks.
package enum ParentReference: String, Sendable {
    case childOf = "CHILD_OF"
    case followsFrom = "FOLLOWS_FROM"
}

/// The OTel span kinds; missing or unknown is `unspecified`.
package enum SpanKind: String, Sendable, CaseIterable {
    case unspecified = "UNSPECIFIED", `internal` = "INTERNAL", server = "SERVER", client = "CLIENT", producer = "PRODUCER", consumer = "CONSUMER"
}

/// The OTel status: `error` only when the data says so (TRACE-SEMANTICS "Decision (error)").
package enum SpanStatus: String, Sendable {
    case unset, ok, error
}

/// A flattened attribute value.
package enum AttributeValue: Sendable, Equatable, Hashable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    /// Arrays and key-value lists, kept as JSON text.
    case json(String)
}
