import LoupeIO

/// The wording for inputs without spans, the same for every command that reads trace exports:
/// each message names the input and says what it holds.
package enum InputMessages {
    /// What loupe reads spans from.
    static let formats = "OTLP JSON, OTLP JSON lines, Jaeger JSON, Zipkin v2 JSON and OpenTelemetry console JSON"

    /// An input that is not a trace export (an error).
    package static func notATraceExport(_ name: String, _ content: InputContent, detected: InputFormat = .jsonLines) -> String {
        // Record shapes that do not start like JSON lines (prefixed lines look like text).
        let looksLike =
            "\(name): not a trace export (it looks like \(detected.displayName); loupe reads \(formats), or force one with --input-format)"
        if detected == .prefixedLines || detected == .jsonSeq { return looksLike }
        switch content {
        case .otlpLogs:
            return "\(name) holds OTLP logs (resourceLogs), not spans; loupe reads traces: \(formats)"
        case .otlpMetrics:
            return "\(name) holds OTLP metrics (resourceMetrics), not spans; loupe reads traces: \(formats)"
        case .plainText(let line):
            return "\(name) is plain text, not a trace export (its first line: \(line)); loupe reads \(formats)"
        case .json, .empty, .emptyArray, .emptyJaeger:
            return looksLike
        }
    }

    /// An input of spans or OTLP logs read as query records that held no record: what it was
    /// read as. Nil when it held some, or when records were skipped in it.
    package static func noRecords(_ input: InputSummary) -> String? {
        guard input.spans == 0, input.logRecords == 0, input.skips.isEmpty else { return nil }
        guard let format = InputFormat(rawValue: input.format) else { return noSpans(input) }
        switch format {
        case .otlpLogs, .otlpLogsLines:
            return "\(input.name) holds no log records (read as \(format.displayName))"
        case .otlp, .otlpLines:
            // Forcing an OTLP format reads logs too (`InputFormat.forced`): this holds neither.
            return "\(input.name) holds neither spans nor log records (read as \(format.displayName))"
        default:
            return noSpans(input)
        }
    }

    /// An input that was read and held no spans: what it is. Nil when it held spans, or when
    /// records were skipped in it (the skips say what was wrong).
    package static func noSpans(_ input: InputSummary) -> String? {
        guard input.spans == 0, input.skips.isEmpty else { return nil }
        switch input.content {
        case .empty?:
            return "\(input.name) is empty: no spans to read"
        case .emptyArray(let text)?:
            return "\(input.name) holds only an empty JSON array (\(text)): no spans to read"
        case .emptyJaeger?:
            return "\(input.name) is a Jaeger export with no traces ({\"data\":[]}): no spans to read"
        default:
            let format = InputFormat(rawValue: input.format)?.displayName ?? input.format
            return "\(input.name) holds no spans (read as \(format))"
        }
    }
}
