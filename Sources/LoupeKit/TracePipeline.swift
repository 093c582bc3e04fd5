import LoupeIO
import LoupeOutput
import LoupeTrace

/// `loupe trace FILE...`: reads every input, assembles and analyzes each trace on all cores,
/// and prints the report (text, Markdown, or the JSON documents of TRACE-SEMANTICS 7).
///
/// Exit code: 0 when a report was produced, 1 when `--trace ID` is not in the input, 2 on an
/// error (an unreadable input, no spans in the input at all, `--strict` and a repair).
public enum TracePipeline {
    public static func run(_ configuration: TraceConfiguration) -> ExitCode {
        guard let loaded = TraceInputs.load(configuration.inputs, configuration.reading) else { return .error }
        var traces = loaded.traces
        if let wanted = configuration.traceID {
            let id = IDText.normalized(wanted, width: IDText.traceWidth, base64: true) ?? wanted
            traces = traces.filter { $0.traceID == id }
            if traces.isEmpty {
                RepairReport.print(loaded.totals)
                Diagnostics.error("trace \(wanted) is not in the input (\(Diagnostics.plural(loaded.totals.traces, "trace")) read)")
                return loaded.hadFailure ? .error : .noMatch
            }
        }
        let listed = traces.count
        if let top = configuration.top { traces = Array(traces.prefix(top)) }

        var sections: TraceSections = []
        if configuration.criticalPath { sections.insert(.criticalPath) }
        if configuration.parallel { sections.insert(.parallel) }
        if configuration.errors { sections.insert(.errors) }
        if sections.isEmpty { sections = .all }
        let format = configuration.output
        let writer = OutputWriter()
        let color = format == .text && configuration.reading.colors(writer)
        var renderer = TraceRenderer(format: format, sections: sections, color: color, width: Environment.columns(writer: writer))
        var logCounts: (records: Int, unmatched: Int)?
        if !configuration.logs.isEmpty {
            guard let logs = SpanLogReader.read(configuration.logs, reading: configuration.reading) else { return .error }
            renderer.logs = TraceLogs(logs, all: configuration.logsAll)
            let unmatched = logs.unmatched(Set(loaded.traces.map(\.traceID)))
            logCounts = (logs.records, unmatched)
            if unmatched > 0 {
                Diagnostics.error("--logs: \(Diagnostics.plural(unmatched, "log record")) of \(logs.records) with a trace id name no trace of the input")
            }
        }
        let parameters = TraceAnalysisRun.parameters(configuration.analysis)
        let report = TraceReportWriter(
            writer: writer, renderer: renderer, parameters: parameters, totals: loaded.totals, notShown: listed - traces.count)
        report.logCounts = logCounts
        let clock = PhaseClock()
        let failure = ExitCode.ofWriting(closedPipe: .matched) {
            try report.begin()
            try TraceAnalysisRun.run(traces, threads: configuration.reading.workerThreads, parameters: parameters, render: renderer.render) { rendered, partial in
                report.hotspots.merge(partial)
                for trace in rendered { _ = try report.consume(trace) }
            }
            clock.lap("analyzed and wrote \(traces.count) traces")
            try report.finish()
            clock.lap("finished the report")
        }
        if let failure { return failure }
        RepairReport.print(loaded.totals)
        ExitKeeper.keep((loaded, traces))
        return loaded.hadFailure ? .error : .matched
    }
}
