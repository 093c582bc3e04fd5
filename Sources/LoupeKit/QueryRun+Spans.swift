import LoupeEngine
import LoupeIO
import LoupeJSON
import LoupeOutput
import LoupeTrace

/// Spans as records: when an input of `loupe QUERY` is a trace export, each span becomes one
/// JSON record (DESIGN section 4) that the query engine filters and aggregates like a log line.
/// `duration` holds nanoseconds, so it compares with duration literals (`duration > 250ms`).
extension QueryRun {
    /// The compiler's view of span records: `duration` is in nanoseconds.
    static let spanDurationScales: [FieldPath: Double] = [FieldPath(dotted: "duration"): 1]

    /// For a trace export, the chunks of its span records, and for OTLP logs of its log records
    /// (they take over the opened input); nil for JSON lines. The format is the one the input
    /// set told.
    func spanRecords(for opened: OpenedInput, format: InputFormat) -> RecordChunks? {
        guard format.isTraceExport || format.isOTLPLogs else { return nil }
        return RecordChunks(opened, format: format, chunkSize: configuration.reading.blockSize ?? (1 << 20))
    }

    /// After the input: stops the decoder if the query stopped early, then reports what
    /// decoding skipped or repaired; true when that fails the run (`--strict`).
    func finishSpanRecords(_ chunks: RecordChunks?) -> Bool {
        guard let chunks else { return false }
        chunks.cancel()
        let report = chunks.report
        for failure in report.failures {
            Diagnostics.error(failure)
            hadError = true
        }
        RepairReport.print(TraceInputTotals(read: report))
        // An export read to its end without a record in it is said, not counted as 0 silently.
        for message in report.inputs.compactMap(InputMessages.noRecords) { Diagnostics.error(TerminalText.sanitize(message)) }
        if configuration.reading.strict && report.repairCount > 0 {
            let logs = report.inputs.contains { InputFormat(rawValue: $0.format)?.isOTLPLogs == true }
            Diagnostics.error("--strict: \(Diagnostics.plural(report.repairCount, logs ? "log record" : "span record")) needed a repair")
            reports.strictFailure = true
            return true
        }
        return false
    }
}
