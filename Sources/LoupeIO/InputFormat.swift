/// The shapes of input loupe reads: JSON lines of records, one of the trace export formats, or
/// OTLP logs.
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
        case .jsonLines, .otlpLogs, .otlpLogsLines: return false
        }
    }

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
        case .otlp: return "OTLP JSON"
        case .otlpLines: return "OTLP JSON lines"
        case .jaeger: return "Jaeger JSON"
        case .zipkin: return "Zipkin v2 JSON"
        case .otelConsole: return "OpenTelemetry console JSON"
        case .otlpLogs: return "OTLP JSON logs"
        case .otlpLogsLines: return "OTLP JSON lines of logs"
        }
    }

    /// The `--format` names, for help texts and messages.
    package static var names: String { allCases.map(\.rawValue).joined(separator: "|") }
}
