import LoupeIO
import LoupeOutput
import LoupeTrace

/// `loupe hotspots FILE...`: analyzes every trace and prints what recurs across them: error
/// hotspots, parallelization patterns and critical-path self time per operation.
///
/// Exit code: 0 when a report was produced, 2 on an error (an input that cannot be read, is no
/// trace export or holds no spans; a repair under `--strict`).
public enum HotspotsPipeline {
    public static func run(_ configuration: HotspotsConfiguration) -> ExitCode {
        guard let loaded = TraceInputs.load(configuration.inputs, configuration.reading) else { return .error }
        let traces = loaded.traces
        let format = configuration.output
        let writer = OutputWriter()
        let color = format == .text && configuration.reading.colors(writer)
        let parameters = TraceAnalysisRun.parameters(configuration.analysis)
        let logs = configuration.logs.isEmpty ? nil : SpanLogReader.read(configuration.logs, reading: configuration.reading)
        if !configuration.logs.isEmpty && logs == nil { return .error }
        var hotspots = Hotspots()
        var errorTraces: [[UInt8]] = []
        var messages = ErrorMessages()
        let wantsTraces = format == .json
        let failure = ExitCode.ofWriting(closedPipe: .matched) {
            try TraceAnalysisRun.run(traces, threads: configuration.reading.workerThreads, parameters: parameters) { analysis in
                (
                    wantsTraces && analysis.errors.errorSpans > 0 ? TraceDocuments.errorTrace(analysis) : nil,
                    logs.map { ErrorMessages(analysis, $0) }
                )
            } consume: { rendered, partial in
                hotspots.merge(partial)
                for (errorTrace, traceMessages) in rendered {
                    if let errorTrace { errorTraces.append(errorTrace) }
                    if let traceMessages { messages.merge(traceMessages) }
                }
            }
            var report = HotspotsReport(
                format: format, rows: configuration.top, color: color, parameters: parameters, width: Environment.columns(writer: writer))
            if logs != nil { report.messages = messages }
            try writer.write(report.render(hotspots, errorTraces: errorTraces, totals: loaded.totals))
            try writer.flush()
        }
        if let failure { return failure }
        RepairReport.print(loaded.totals)
        ExitKeeper.keep((loaded, traces, hotspots))
        return loaded.hadFailure ? .error : .matched
    }
}
