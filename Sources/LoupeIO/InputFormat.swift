/// The shapes of input loupe reads: records (JSON lines, JSON values, RS-separated texts,
/// prefixed lines), one of the trace export formats, or OTLP logs.
///
/// The raw values are the names `--input-format` (alias `--format`) accepts.
package enum InputFormat: String, Sendable, CaseIterable {
    /// One JSON value per line (logs); every line is a record.
    case jsonLines = "jsonl"
    /// JSON values one after another, pretty-printed or not, and arrays whose elements are the
    /// records (`gcloud --format=json`, CloudWatch and Elasticsearch exports).
    case json
    /// The records inside the object a tool wraps them in (`RecordWrapper`): `kubectl get -o
    /// json` items, Elasticsearch `hits.hits`, `aws logs` events, CloudTrail `Records`.
    case wrapped
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
    /// The OpenTelemetry SDK's console exporter (Python's `ConsoleSpanExporter`): pretty span
    /// objects one after another, ids as `0x...` hex, ISO 8601 times.
    case otelConsole = "otel-console"
    /// One or more OTLP/JSON `ExportLogsServiceRequest` documents (`resourceLogs`).
    case otlpLogs = "otlp-logs"
    /// The collector's file exporter for logs: one OTLP/JSON logs document per line.
    case otlpLogsLines = "otlp-logs-lines"

    /// True for the formats whose records are spans.
    package var isTraceExport: Bool {
        switch self {
        case .otlp, .otlpLines, .jaeger, .zipkin, .otelConsole: return true
        case .jsonLines, .json, .wrapped, .jsonSeq, .prefixedLines, .otlpLogs, .otlpLogsLines: return false
        }
    }

    /// True for the formats read one line per record on the fast path; the others are framed
    /// (`RecordFrames`) or decoded into records (spans, OTLP log records).
    package var isJSONLines: Bool { self == .jsonLines }

    /// True for OTLP logs, whose log records are the query's records.
    package var isOTLPLogs: Bool { self == .otlpLogs || self == .otlpLogsLines }

    /// True for the formats read line by line, where a broken line costs only that line.
    package var isLines: Bool { self == .otlpLines || self == .otlpLogsLines }

    /// `forced` (`--format`) applied to an input detected as `self`: an OTLP name forces the
    /// framing (one document, or one per line) while the signal stays what the document holds,
    /// so `--format otlp-lines` reads a file of OTLP logs as logs rather than as no spans.
    package func forced(_ forced: InputFormat) -> InputFormat {
        let otlpSpans: Set<InputFormat> = [.otlp, .otlpLines]
        let otlpLogs: Set<InputFormat> = [.otlpLogs, .otlpLogsLines]
        if otlpSpans.contains(forced), isOTLPLogs { return forced == .otlpLines ? .otlpLogsLines : .otlpLogs }
        if otlpLogs.contains(forced), otlpSpans.contains(self) { return forced == .otlpLogsLines ? .otlpLines : .otlp }
        return forced
    }

    /// A human name for messages.
    package var displayName: String {
        switch self {
        case .jsonLines: return "JSON lines"
        case .json: return "JSON values"
        case .wrapped: return "JSON records in a wrapper object"
        case .jsonSeq: return "JSON text sequences"
        case .prefixedLines: return "prefixed JSON lines"
        case .otlp: return "OTLP JSON"
        case .otlpLines: return "OTLP JSON lines"
        case .jaeger: return "Jaeger JSON"
        case .zipkin: return "Zipkin v2 JSON"
        case .otelConsole: return "OpenTelemetry console JSON"
        case .otlpLogs: return "OTLP JSON logs"
        case .otlpLogsLines: return "OTLP JSON lines of logs"
        }
    }

    /// The `--input-format` names, for help texts and messages.
    package static var names: String { allCases.map(\.rawValue).joined(separator: "|") }
}
