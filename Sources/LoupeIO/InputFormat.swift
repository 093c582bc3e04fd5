/// The shapes of input loupe reads: JSON lines of records, or one of the trace export formats.
///
/// The raw values are the names `--format` accepts.
package enum InputFormat: String, Sendable, CaseIterable {
    /// One JSON value per line (logs); every line is a record.
    case jsonLines = "jsonl"
    /// One or more OTLP/JSON `ExportTraceServiceRequest` documents (`resourceSpans`), also
    /// Grafana Tempo's `batches` wrapper.
    case otlp
    /// The collector's file exporter: one OTLP/JSON document per line.
    case otlpLines = "otlp-lines"
    /// Jaeger UI download / query API JSON (`{"data":[...]}`) or a single trace object.
    case jaeger
    /// Zipkin v2 JSON: an array of spans, an array of arrays, or one span object.
    case zipkin

    /// True for the formats whose records are spans.
    package var isTraceExport: Bool { self != .jsonLines }

    /// A human name for messages.
    package var displayName: String {
        switch self {
        case .jsonLines: return "JSON lines"
        case .otlp: return "OTLP JSON"
        case .otlpLines: return "OTLP JSON lines"
        case .jaeger: return "Jaeger JSON"
        case .zipkin: return "Zipkin v2 JSON"
        }
    }

    /// The `--format` names, for help texts and messages.
    package static var names: String { allCases.map(\.rawValue).joined(separator: "|") }
}
