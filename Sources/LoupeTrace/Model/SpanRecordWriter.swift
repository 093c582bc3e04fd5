/// Writes spans as query records (`Span.appendRecord`), byte for byte the same, remembering the
/// last `resource` object it wrote.
///
/// The spans of one OTLP `ResourceSpans` or one Jaeger process share one resource map (the
/// decoder hands each the same dictionary storage), so with the resource written once per run
/// of spans its attributes are not sorted and quoted again for every span: eight resource
/// attributes cost about as much as the rest of a record (callgrind, spans as records).
package struct SpanRecordWriter {
    private var resource: [String: AttributeValue] = [:]
    private var resourceJSON: [UInt8] = Array("{}".utf8)

    package init() {}

    /// Appends the record of `span`, of the trace `traceID`, to `out`, without a line end.
    package mutating func append(_ span: borrowing Span, traceID: String, to out: inout [UInt8]) {
        // Equal maps give equal JSON; maps that share storage compare equal at once.
        if span.resource != resource {
            resource = span.resource
            resourceJSON.removeAll(keepingCapacity: true)
            Span.append(resource, to: &resourceJSON)
        }
        span.appendRecord(traceID: traceID, to: &out) { $0.append(contentsOf: resourceJSON) }
    }
}
