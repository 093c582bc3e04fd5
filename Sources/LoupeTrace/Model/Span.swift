/// One span in the common model of TRACE-SEMANTICS section 1, whatever format it came from.
///
/// Times are integer nanoseconds since the Unix epoch; ids are lowercase hex, trace ids padded
/// to 32 characters and span ids to 16 (`SpanID`); an empty parent id means none. A span holds no trace
/// id: all the spans of a trace share it, and what holds them holds it (`TraceSpans`, `Trace`;
/// while reading, a `SpanSink` is handed it with each span).
package struct Span: Sendable, Equatable {
    // Stored properties are laid out in declaration order: the one-byte enums come last,
    // together, so that padding does not follow each of them. What most spans lack (a status
    // message, attributes, resource attributes) lives in one shared box, and the trace id is
    // kept once per trace: 96 bytes a span (`MemoryLayout<Span>.stride`) instead of 136, for a
    // million spans kept to the end of a run. The ids are plain data (`SpanID`), so that copying
    // a span retains only its two names and its details.
    package var spanID: SpanID
    /// The parent's span id, or nil for none (empty, all zeros, or equal to the span's own id).
    package var parentID: SpanID?
    package var service: String
    package var name: String
    package var start: Int64
    package var end: Int64
    /// The status message, attributes and resource attributes; nil when all are empty.
    /// Spans with equal details may share one box (`DecodeContext` does).
    package var details: SpanDetails?
    /// How the parent link was declared.
    package var parentRef: ParentReference
    package var kind: SpanKind
    package var status: SpanStatus

    package init(
        spanID: SpanID, parentID: SpanID?, parentRef: ParentReference = .childOf, service: String, name: String,
        kind: SpanKind = .unspecified, start: Int64, end: Int64, status: SpanStatus = .unset, statusMessage: String? = nil,
        attributes: [String: AttributeValue] = [:], resource: [String: AttributeValue] = [:]
    ) {
        self.spanID = spanID
        self.parentID = parentID
        self.parentRef = parentRef
        self.service = service
        self.name = name
        self.kind = kind
        self.start = start
        self.end = end
        self.status = status
        details = SpanDetails.make(statusMessage: statusMessage, attributes: attributes, resource: resource)
    }

    /// The status message (OTLP `status.message`, Jaeger `otel.status_description`, the
    /// Zipkin `error` tag's text), when there is one.
    package var statusMessage: String? {
        get { details?.statusMessage }
        set { details = SpanDetails.make(statusMessage: newValue, attributes: attributes, resource: resource) }
    }

    /// Span attributes (Jaeger and Zipkin tags), values flattened to scalars.
    package var attributes: [String: AttributeValue] {
        get { details?.attributes ?? [:] }
        set { details = SpanDetails.make(statusMessage: statusMessage, attributes: newValue, resource: resource) }
    }

    /// Resource attributes (OTLP), or process tags (Jaeger).
    package var resource: [String: AttributeValue] {
        get { details?.resource ?? [:] }
        set { details = SpanDetails.make(statusMessage: statusMessage, attributes: attributes, resource: newValue) }
    }

    package var duration: Int64 { end - start }

    /// The start (and end) of a SERVER or kind-less span read without a start time: the server
    /// half of a Zipkin shared RPC span, which assembly gives its CLIENT half's times, or a part
    /// of a span sent in parts, which assembly merges into it (TRACE-SEMANTICS 1). Only decoders
    /// for analysis produce it, and assembly never lets it through.
    package static let untimed = Int64.min

    package var isUntimed: Bool { start == Self.untimed }

    /// True for a call whose time is spent waiting on another component: a CLIENT span, or any
    /// span with a `db.system` or `db.system.name` attribute (TRACE-SEMANTICS 4.1).
    package var isOutgoingCall: Bool { Self.isOutgoingCall(kind: kind, details: details) }

    /// `isOutgoingCall` from the two fields it reads, for loops that read them in place.
    @inline(__always)
    package static func isOutgoingCall(kind: SpanKind, details: SpanDetails?) -> Bool {
        guard kind != .client else { return true }
        guard let attributes = details?.attributes, !attributes.isEmpty else { return false }
        return attributes["db.system"] != nil || attributes["db.system.name"] != nil
    }
}

/// What few spans have, boxed so that a span without any carries one nil reference; immutable,
/// so spans share a box freely. Never empty (`make` gives nil instead), and compared by content.
package final class SpanDetails: Sendable, Equatable {
    package let statusMessage: String?
    package let attributes: [String: AttributeValue]
    package let resource: [String: AttributeValue]

    private init(statusMessage: String?, attributes: [String: AttributeValue], resource: [String: AttributeValue]) {
        self.statusMessage = statusMessage
        self.attributes = attributes
        self.resource = resource
    }

    /// The box, or nil when there is nothing to keep.
    package static func make(statusMessage: String?, attributes: [String: AttributeValue], resource: [String: AttributeValue])
        -> SpanDetails?
    {
        if statusMessage == nil && attributes.isEmpty && resource.isEmpty { return nil }
        return SpanDetails(statusMessage: statusMessage, attributes: attributes, resource: resource)
    }

    package static func == (a: SpanDetails, b: SpanDetails) -> Bool {
        a === b || (a.statusMessage == b.statusMessage && a.attributes == b.attributes && a.resource == b.resource)
    }
}

/// `CHILD_OF` (the default) or `FOLLOWS_FROM` (Jaeger); a FOLLOWS_FROM edge never blocks.
package enum ParentReference: String, Sendable {
    case childOf = "CHILD_OF"
    case followsFrom = "FOLLOWS_FROM"
}

/// The OTel span kinds; missing or unknown is `unspecified`.
package enum SpanKind: String, Sendable, CaseIterable {
    case unspecified = "UNSPECIFIED", `internal` = "INTERNAL", server = "SERVER", client = "CLIENT", producer = "PRODUCER", consumer =
        "CONSUMER"

    /// The OTLP enum number (0-5).
    package init?(otlpNumber: Int64) {
        switch otlpNumber {
        case 0: self = .unspecified
        case 1: self = .internal
        case 2: self = .server
        case 3: self = .client
        case 4: self = .producer
        case 5: self = .consumer
        default: return nil
        }
    }

    /// A kind written as a name, in any case, with or without the `SPAN_KIND_` prefix
    /// (`SPAN_KIND_SERVER`, `server`, `CLIENT`); nil when unknown.
    package init?(name: String) {
        var upper = name.uppercased()
        if upper.hasPrefix("SPAN_KIND_") { upper.removeFirst(10) }
        guard let kind = SpanKind(rawValue: upper) else { return nil }
        self = kind
    }

    /// The lowercase name used in span records (`server`, `client`, ...).
    package var recordName: String { rawValue.lowercased() }
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
