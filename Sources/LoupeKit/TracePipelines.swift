import LoupeEngine
import LoupeGate
import LoupeIO
import LoupeOutput
import LoupeQuery
import LoupeTrace

/// `loupe trace FILE...`: reads every input, assembles and analyzes each trace on all cores,
/// and prints the report (text, Markdown, or the JSON documents of TRACE-SEMANTICS 7).
///
/// Exit code: 0 when a report was produced, 1 when `--trace ID` is not in the input, 2 on an
/// error (an unreadable input, no spans in the input at all, `--strict` and a repair).
public enum TracePipeline {
    public static func run(_ configuration: TraceConfiguration) -> ExitCode {
        let pictures = configuration.output == .svg || configuration.output == .html
        guard let loaded = TraceInputs.load(configuration.inputs, configuration.reading, attributes: pictures ? .all : .analysis) else {
            return .error
        }
        var traces = loaded.traces
        if !configuration.traceIDs.isEmpty {
            // Every id given is looked for (a second --trace once replaced the first).
            let wanted = configuration.traceIDs.map { ($0, IDText.normalized($0, width: IDText.traceWidth, base64: true) ?? $0) }
            let ids = Set(wanted.map(\.1))
            traces = traces.filter { ids.contains($0.traceID) }
            let found = Set(traces.map(\.traceID))
            // With nothing to report, what the reading repaired comes first, as at a report's end.
            if traces.isEmpty { RepairReport.print(loaded.totals) }
            for (given, id) in wanted where !found.contains(id) {
                Diagnostics.error("trace \(given) is not in the input (\(Diagnostics.plural(loaded.totals.traces, "trace")) read)")
            }
            if traces.isEmpty { return loaded.hadFailure ? .error : .noMatch }
        }
        let listed = traces.count
        if let top = configuration.top { traces = Array(traces.prefix(top)) }
        if configuration.output == .svg && traces.count > 1 {
            // One picture is one trace: the first in report order, the slowest.
            Diagnostics.error("drew the slowest of \(Diagnostics.plural(traces.count, "trace")) (--trace ID draws another)")
            traces = [traces[0]]
        }

        var sections: TraceSections = []
        if configuration.criticalPath { sections.insert(.criticalPath) }
        if configuration.parallel { sections.insert(.parallel) }
        if configuration.errors { sections.insert(.errors) }
        if sections.isEmpty { sections = .all }
        let format = configuration.output
        let writer = OutputWriter()
        // On a terminal, the report of a few traces (--top N) draws them too.
        if configuration.waterfall || (format == .text && writer.isTerminal && configuration.top != nil && sections == .all) {
            sections.insert(.waterfall)
        }
        if configuration.waterfall && !configuration.criticalPath && !configuration.parallel && !configuration.errors {
            sections = .waterfall
        }
        let color = format == .text && configuration.reading.colors(writer)
        let columns = configuration.width ?? Environment.columns(writer: writer)
        let waterfall = WaterfallText(
            width: configuration.width ?? (writer.isTerminal && format == .text ? columns : 100), color: color, expand: configuration.expand
        )
        var renderer = TraceRenderer(format: format, sections: sections, color: color, width: columns, waterfall: waterfall)
        var logCounts: (records: Int, unmatched: Int)?
        if !configuration.logs.isEmpty {
            guard var logs = SpanLogReader.read(configuration.logs, reading: configuration.reading) else { return .error }
            if logs.records == 0 { SpanLogReader.sayNone(configuration.logs) }
            let (unmatched, ambiguous) = logs.join(Set(loaded.traces.map(\.traceID)))
            renderer.logs = TraceLogs(logs, all: configuration.logsAll)
            logCounts = (logs.records, unmatched)
            if unmatched > 0 {
                let why = ambiguous == 0 ? "" : " (\(ambiguous) of them with a 64-bit id that several traces end in)"
                Diagnostics.error("--logs: \(Diagnostics.plural(unmatched, "log record")) of \(logs.records) with a trace id name no trace of the input\(why)")
            }
        }
        let parameters = TraceAnalysisRun.parameters(configuration.analysis)
        let report = TraceReportWriter(
            writer: writer, renderer: renderer, parameters: parameters, totals: loaded.totals, notShown: listed - traces.count,
            threads: configuration.reading.workerThreads)
        report.shownTraces = traces.count
        report.logCounts = logCounts
        let clock = PhaseClock()
        let failure = ExitCode.ofWriting(closedPipe: .matched) {
            try report.begin()
            try TraceAnalysisRun.run(traces, threads: configuration.reading.workerThreads, parameters: parameters, render: renderer.render)
            { rendered, partial in
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
        if logs?.records == 0 { SpanLogReader.sayNone(configuration.logs) }
        var hotspots = Hotspots()
        var errorTraces: [[UInt8]] = []
        var messages = ErrorMessages()
        var stacks = FoldedStacks()
        let wantsTraces = format == .json
        let wantsStacks = configuration.folded || format == .html
        let failure = ExitCode.ofWriting(closedPipe: .matched) {
            try TraceAnalysisRun.run(traces, threads: configuration.reading.workerThreads, parameters: parameters) {
                analysis -> ([UInt8]?, FoldedStacks?, ErrorMessages?) in
                (
                    wantsTraces && analysis.errors.errorSpans > 0 ? TraceDocuments.errorTrace(analysis) : nil,
                    wantsStacks ? FoldedStacks(analysis) : nil,
                    logs.map { ErrorMessages(analysis, $0) }
                )
            } consume: { rendered, partial in
                hotspots.merge(partial)
                for (errorTrace, traceStacks, traceMessages) in rendered {
                    if let errorTrace { errorTraces.append(errorTrace) }
                    if let traceStacks { stacks.merge(traceStacks) }
                    if let traceMessages { messages.merge(traceMessages) }
                }
            }
            if configuration.folded {
                try writer.write(stacks.text)
                try writer.flush()
                return
            }
            var report = HotspotsReport(
                format: format, rows: configuration.top, color: color, parameters: parameters, width: Environment.columns(writer: writer))
            if logs != nil { report.messages = messages }
            try writer.write(report.render(hotspots, errorTraces: errorTraces, totals: loaded.totals, stacks: stacks))
            try writer.flush()
        }
        if let failure { return failure }
        RepairReport.print(loaded.totals)
        ExitKeeper.keep((loaded, traces, hotspots))
        return loaded.hadFailure ? .error : .matched
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
            let side = "\(index == 0 ? "base" : "current") (\(InputSource(argument: path).displayName))"
            guard let loaded = TraceInputs.load([path], configuration.reading, attributes: filter == nil ? .analysis : .all, side: side)
            else {
                return .error
            }
            RepairReport.print(loaded.totals, side: side)
            if loaded.hadFailure { return .error }
            var traces = loaded.traces
            let wanted = configuration.traceIDs.isEmpty ? nil : configuration.traceIDs[min(index, configuration.traceIDs.count - 1)]
            if let wanted {
                let id = IDText.normalized(wanted, width: IDText.traceWidth, base64: true) ?? wanted
                traces = traces.filter { $0.traceID == id }
            }
            if var filter {
                traces = traces.filter { trace in
                    trace.rootSpan.map { filter.matches(SpanFields.record(trace.spans[$0], traceID: trace.traceID)) } ?? false
                }
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
            // The command refuses them: a diff has no picture yet.
            case .svg, .html: break
            }
            try writer.flush()
        } ?? code
    }
}
