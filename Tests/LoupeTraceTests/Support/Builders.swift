@testable import LoupeTrace

/// A span for hand-made trees: times in milliseconds (as nanoseconds), ids as given.
func span(
    _ id: String, parent: String? = nil, _ start: Int64, _ end: Int64, kind: SpanKind = .internal, status: SpanStatus = .unset,
    service: String = "svc", name: String? = nil, ref: ParentReference = .childOf, db: Bool = false
) -> Span {
    Span(
        spanID: SpanID(id), parentID: parent.map { SpanID($0) }, parentRef: ref, service: service, name: name ?? id, kind: kind,
        start: start * 1_000_000, end: end * 1_000_000, status: status, attributes: db ? ["db.system": .string("postgresql")] : [:])
}

/// Assembles spans (in input order) into one trace.
func assemble(_ spans: [Span]) -> Trace {
    TraceAssembler.assemble(TraceSpans(traceID: "t", spans: spans))
}

/// `(span id, start ms, end ms)` of each segment of fragment `f`.
func segments(_ analysis: TraceAnalysis, fragment f: Int = 0) -> [String] {
    analysis.paths[f].segments.map { s in
        "\(analysis.trace.spans[s.span].spanID)[\(s.start / 1_000_000),\(s.end / 1_000_000)]"
    }
}

/// Span ids of indexes.
func ids(_ trace: Trace, _ indexes: [Int]) -> [String] { indexes.map { trace.spans[$0].spanID.description } }
