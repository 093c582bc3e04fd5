import LoupeEngine
import LoupeGate
import LoupeIO
import LoupeOutput
import LoupeQuery
import LoupeTrace

/// Everything `loupe diff BASE CUR` was asked to do; built by the CLI, run by `DiffPipeline`.
public struct DiffConfiguration: Sendable {
    public var base = ""
    public var cur = ""
    public var reading = ReadingOptions()
    /// `--trace ID`: the first picks the base side's trace, the second the current side's; one
    /// alone picks in both.
    public var traceIDs: [String] = []
    /// `--where FILTER`: only traces whose root span matches.
    public var filter: String?
    /// `--min-change`: a change of critical-path self time counts from this share of the base
    /// and this many milliseconds on.
    public var minChangePercent = 5.0
    public var minChangeMs = 1.0
    /// Changed rows in text and Markdown.
    public var top = 20
    public var output = ReportFormat.text
    /// `--report FILE`: the Markdown report, besides standard output.
    public var report: String?
    public var analysis = TraceAnalysisOptions()

    public init() {}

    /// `--min-change 5%,1ms`: a share, a duration, or both; nil and the text of the error when
    /// it is not one.
    public mutating func setMinChange(_ text: String) -> String? {
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if part.hasSuffix("%"), let percent = Double(part.dropLast()), percent >= 0 {
                minChangePercent = percent
            } else if let ns = Array(part.utf8).withUnsafeBufferPointer({ $0.isEmpty ? nil : DurationText.parse($0.baseAddress!, $0.count) }),
                ns >= 0
            {
                minChangeMs = ns / 1e6
            } else {
                return "--min-change takes a percentage, a duration or both (5%,1ms), not '\(part)'"
            }
        }
        return nil
    }
}

/// `loupe diff BASE CUR`: reads both sides through the one trace-loading path, picks the
/// traces to compare, analyzes them and prints what changed per operation path.
///
/// Exit code, as diff(1): 0 when no operation path changed, 1 when some did, 2 on an error
/// (an unreadable input, no spans, no trace picked on a side, a repair under `--strict`).
public enum DiffPipeline {
    public static func run(_ configuration: DiffConfiguration) -> ExitCode {
        var filter: RecordFilter?
        if let text = configuration.filter {
            do {
                filter = try RecordFilter(Parser.parseExpression(text), durationScales: SpanFields.durationScales)
            } catch {
                Diagnostics.error("--where: " + error.rendered(query: text))
                return .error
            }
        }
        let parameters = TraceAnalysisRun.parameters(configuration.analysis)
        var sides: [[TraceAnalysis]] = []
        for (index, path) in [configuration.base, configuration.cur].enumerated() {
            guard let loaded = TraceInputs.load([path], configuration.reading, attributes: filter == nil ? .analysis : .all) else {
                return .error
            }
            RepairReport.print(loaded.totals)
            if loaded.hadFailure { return .error }
            var traces = loaded.traces
            let wanted = configuration.traceIDs.isEmpty ? nil : configuration.traceIDs[min(index, configuration.traceIDs.count - 1)]
            if let wanted {
                let id = IDText.normalized(wanted, width: IDText.traceWidth, base64: true) ?? wanted
                traces = traces.filter { $0.traceID == id }
            }
            if var filter {
                traces = traces.filter { trace in trace.rootSpan.map { filter.matches(SpanFields.record(trace.spans[$0])) } ?? false }
            }
            if traces.isEmpty {
                let which = (wanted.map { "trace \($0)" } ?? "trace") + (configuration.filter == nil ? "" : " whose root span matches --where")
                Diagnostics.error("\(path): no \(which) (\(Diagnostics.plural(loaded.totals.traces, "trace")) read)")
                return .error
            }
            sides.append(traces.map { TraceAnalysis($0, parameters: parameters) })
        }
        let threshold = TraceDiff.Threshold(
            relative: configuration.minChangePercent / 100, absoluteNs: ParallelParameters.nanoseconds(milliseconds: configuration.minChangeMs))
        var report = TraceDiffReport(TraceDiff(base: sides[0], cur: sides[1], threshold: threshold))
        report.rows = configuration.top
        report.nPlusOneMin = configuration.analysis.nPlusOneMin
        if let path = configuration.report {
            do throws(GateError) {
                try GateFiles.write(Array(report.markdown.utf8), to: path, what: "Markdown report")
            } catch {
                Diagnostics.error(error.description)
                return .error
            }
        }
        let writer = OutputWriter()
        let code: ExitCode = report.diff.rows.contains { $0.change != .same } ? .noMatch : .matched
        return ExitCode.ofWriting(closedPipe: code) {
            switch configuration.output {
            case .text:
                try writer.write(report.text(width: Environment.columns(writer: writer), color: configuration.reading.colors(writer)))
            case .markdown: try writer.write(report.markdown)
            case .json: try writer.write(report.json)
            }
            try writer.flush()
        } ?? code
    }
}
