/// The shapes of input loupe reads: records (JSON lines, JSON values, RS-separated texts,
/// prefixed lines) or one of the trace export formats.
///
/// The raw values are the names `--input-format` (alias `--format`) accepts.
package enum InputFormat: String, Sendable, CaseIterable {
    /// One JSON value per line (logs); every line is a record.
    case jsonLines = "jsonl"
    /// JSON values one after another, pretty-printed or not, and arrays whose elements are the
    /// records (`gcloud --format=json`, CloudWatch and Elasticsearch exports).
    case json
    /// RFC 7464 JSON text sequences: each record opens with the RS byte (0x1E).
    case jsonSeq = "json-seq"
    /// JSON lines with text before the JSON (`docker compose logs`, `kubectl logs
    /// --timestamps`, syslog): the text is the record's field `_prefix`.
    case prefixedLines = "prefixed"
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
    package var isTraceExport: Bool {
        switch self {
        case .jsonLines, .json, .jsonSeq, .prefixedLines: return false
        case .otlp, .otlpLines, .jaeger, .zipkin: return true
        }
    }

    /// True for the formats read one line per record on the fast path; the others are framed
    /// (`RecordFrames`) or decoded into span records.
    package var isJSONLines: Bool { self == .jsonLines }

    /// A human name for messages.
    package var displayName: String {
        switch self {
        case .jsonLines: return "JSON lines"
        case .json: return "JSON values"
        case .jsonSeq: return "JSON text sequences"
        case .prefixedLines: return "prefixed JSON lines"
        case .otlp: return "OTLP JSON"
        case .otlpLines: return "OTLP JSON lines"
        case .jaeger: return "Jaeger JSON"
        case .zipkin: return "Zipkin v2 JSON"
        }
    }

    /// The `--input-format` names, for help texts and messages.
    package static var names: String { allCases.map(\.rawValue).joined(separator: "|") }
}
