import LoupeEngine
import LoupeIO
import LoupeTrace

/// The output formats of `loupe trace` and `loupe hotspots`.
public enum TraceOutputFormat: String, CaseIterable, Sendable {
    case text, json, markdown
    /// One trace's waterfall as a standalone SVG document.
    case svg
    /// One self-contained page: per trace its waterfall SVG and the report's tables.
    case html
}

/// One trace, rendered on a worker thread: what the report writes at once, and what it keeps
/// for the end (groups are sorted across traces; Markdown puts a summary table first).
package struct RenderedTrace: Sendable {
    package var stream: [UInt8] = []
    /// The trace's parallel groups, rendered at the end, when they are sorted across traces.
    package var groups: TraceGroups?
    package var errorTrace: [UInt8]?
    package var markdownRow = ""
    package var markdownSection = ""
    /// The trace's entry of the `logs` document (`--logs`), when records name it.
    package var logs: [UInt8]?
}

/// Renders traces for the report: a pure function, safe to call from many threads.
package struct TraceRenderer: Sendable {
    package let format: TraceOutputFormat
    package let sections: TraceSections
    let text: TraceText
    let markdown: TraceMarkdown
    let html: TraceHTML
    /// `--logs`: the log records joined to the traces.
    package var logs: TraceLogs?

    /// `width`: terminal columns for the text report (see `TraceText`).
    /// `waterfall`: how `--waterfall` draws, when it differs from the report's width.
    package init(format: TraceOutputFormat, sections: TraceSections, color: Bool, width: Int = 80, waterfall: WaterfallText? = nil) {
        self.format = format
        self.sections = sections
        var text = TraceText(sections: sections, color: color, width: width)
        if let waterfall { text.waterfall = waterfall }
        self.text = text
        markdown = TraceMarkdown(sections: sections)
        html = TraceHTML(expand: waterfall?.expand ?? false)
    }

    package func render(_ analysis: TraceAnalysis) -> RenderedTrace {
        var rendered = RenderedTrace()
        switch format {
        case .text:
            rendered.stream = Array(text.render(analysis, logs: logs).utf8)
        case .markdown:
            rendered.markdownRow = markdown.summaryRow(analysis)
            rendered.markdownSection = markdown.section(analysis)
            if sections.contains(.waterfall) { rendered.markdownSection += text.waterfall.markdown(analysis) }
        case .svg:
            rendered.stream = Array(html.svg.document(analysis).utf8)
        case .html:
            rendered.stream = Array(html.section(analysis).utf8)
        case .json:
            if sections.contains(.criticalPath) { rendered.stream = TraceDocuments.criticalPathTrace(analysis) }
            if sections.contains(.parallel) {
                if !analysis.parallelGroups.isEmpty { rendered.groups = TraceGroups(analysis) }
            }
            if sections.contains(.errors), analysis.errors.errorSpans > 0 { rendered.errorTrace = TraceDocuments.errorTrace(analysis) }
            if let logs { rendered.logs = TraceDocuments.logs(analysis, logs.logs) }
        }
        return rendered
    }
}

/// Writes the `loupe trace` report as traces arrive (in report order), then what needs all of
/// them: for JSON the documents of TRACE-SEMANTICS 7, one section alone or
/// `{"critical_path","parallel","errors"}`; for Markdown a summary table, then each trace. A
/// sink: the pipeline drives it, and sets `hotspots` (the aggregate over every trace) before
/// `finish`.
package final class TraceReportWriter: Sink {
    private let writer: OutputWriter
    private let renderer: TraceRenderer
    private let parameters: ParallelParameters
    /// What reading found, for the JSON `input` object.
    private let totals: TraceInputTotals
    /// Traces read but left out of the report (`--top`); text and Markdown say so.
    private let notShown: Int
    /// Threads that render the parallel groups at the end.
    private let threads: Int
    /// Traces the report shows, for the HTML heading.
    package var shownTraces = 0
    /// Over all traces, for the footer and the JSON errors document.
    package var hotspots = Hotspots()
    private var wroteTrace = false
    private var groups = GroupStore()
    private var errorTraces: [[UInt8]] = []
    private var markdownRows: [String] = []
    private var markdownSections: [String] = []
    private var logEntries: [[UInt8]] = []
    /// `--logs`: records read that name a trace, and those that name none of the input's.
    package var logCounts: (records: Int, unmatched: Int)?

    package init(
        writer: OutputWriter, renderer: TraceRenderer, parameters: ParallelParameters, totals: TraceInputTotals, notShown: Int = 0,
        threads: Int = 1
    ) {
        self.writer = writer
        self.renderer = renderer
        self.parameters = parameters
        self.totals = totals
        self.notShown = notShown
        self.threads = threads
    }

    private var combined: Bool { renderer.sections.intersection(.all).rawValue.nonzeroBitCount > 1 || logCounts != nil }

    package func begin() throws(OutputError) {
        if renderer.format == .html { try writer.write(TraceHTML.head(traces: shownTraces)) }
        guard renderer.format == .json else { return }
        if combined { try writer.write("{") }
        if renderer.sections.contains(.criticalPath) { try writer.write((combined ? "\"critical_path\":" : "") + "{\"traces\":[") }
    }

    package func consume(_ trace: RenderedTrace) throws(OutputError) -> SinkDecision {
        switch renderer.format {
        case .text, .svg, .html:
            try writer.write(trace.stream)
        case .markdown:
            markdownRows.append(trace.markdownRow)
            markdownSections.append(trace.markdownSection)
        case .json:
            if renderer.sections.contains(.criticalPath) {
                if wroteTrace { try writer.write(byte: UInt8(ascii: ",")) }
                try writer.write(trace.stream)
            }
            if let traceGroups = trace.groups { groups.add(traceGroups) }
            if let errorTrace = trace.errorTrace { errorTraces.append(errorTrace) }
            if let logs = trace.logs { logEntries.append(logs) }
        }
        wroteTrace = true
        return .continue
    }

    package func finish() throws(OutputError) {
        let more = notShown > 0 ? "… \(notShown) more \(notShown == 1 ? "trace" : "traces") not shown (--top N shows more)\n" : ""
        switch renderer.format {
        case .text:
            if hotspots.traces > 1 { try writer.write(footer(hotspots)) }
            try writer.write(more)
        case .svg:
            break
        case .html:
            if !more.isEmpty { try writer.write("<p class=\"note\">" + Markup.escape(more) + "</p>\n") }
            try writer.write(HTMLPage.tail)
        case .markdown:
            try writer.write(
                "## loupe trace report\n\n" + TraceMarkdown.summaryHeader + markdownRows.joined() + (more.isEmpty ? "" : "\n" + more)
                    + "\n" + markdownSections.joined())
        case .json:
            try finishJSON(totals, hotspots)
        }
        try writer.flush()
    }

    private func finishJSON(_ totals: TraceInputTotals, _ hotspots: Hotspots) throws(OutputError) {
        let input = TraceDocuments.input(totals)
        var first = true
        func open(_ name: String) throws(OutputError) {
            if combined { try writer.write((first ? "" : ",") + "\"\(name)\":") }
            first = false
        }
        if renderer.sections.contains(.criticalPath) {
            try writer.write("],\"input\":")
            try writer.write(input)
            try writer.write("}")
            first = false
        }
        if renderer.sections.contains(.parallel) {
            try open("parallel")
            try writer.write("{\"params\":")
            try writer.write(TraceDocuments.parameters(parameters))
            try writer.write(",\"groups\":[")
            try writeGroups()
            try writer.write("],\"total_saving_ns\":\(hotspots.totalSaving),\"input\":")
            try writer.write(input)
            try writer.write("}")
        }
        if renderer.sections.contains(.errors) {
            try open("errors")
            try writer.write(TraceDocuments.errorsHead(hotspots))
            try writer.write(",\"per_trace\":[")
            for (i, trace) in errorTraces.enumerated() {
                if i > 0 { try writer.write(byte: UInt8(ascii: ",")) }
                try writer.write(trace)
            }
            try writer.write("],\"input\":")
            try writer.write(input)
            try writer.write("}")
        }
        if let logCounts {
            try open("logs")
            try writer.write("{\"traces\":[")
            for (i, entry) in logEntries.enumerated() {
                if i > 0 { try writer.write(byte: UInt8(ascii: ",")) }
                try writer.write(entry)
            }
            try writer.write("],\"records\":\(logCounts.records),\"unmatched\":\(logCounts.unmatched)}")
        }
        if combined { try writer.write("}") }
        try writer.write("\n")
    }

    /// The groups of every trace in section 4.2's order, each rendered as it is written.
    private func writeGroups() throws(OutputError) {
        var order: [(key: TraceDocuments.GroupOrder, group: Int32)] = []
        order.reserveCapacity(groups.count)
        for g in 0..<groups.count { order.append((groups.order(g), Int32(g))) }
        order.sort { TraceDocuments.GroupOrder.less($0.key, $1.key) }
        // Rendering is most of the work here: batches are rendered on all threads and written
        // in order, so the JSON is never all in memory at once.
        let groups = groups
        var wrote = false
        let map = OrderedParallelMap<ArraySlice<(key: TraceDocuments.GroupOrder, group: Int32)>, [[UInt8]]>(
            threads: threads)
        do {
            // About 1 KB of JSON a group, three batches in flight per thread.
            try map.run(
                batchesOf: order, size: 64,
                transform: { slice, _ in
                    slice.map { groups.json(Int($0.group)) }
                },
                consume: { rendered in
                    for json in rendered {
                        if wrote { try writer.write(byte: UInt8(ascii: ",")) }
                        try writer.write(json)
                        wrote = true
                    }
                    return true
                })
        } catch let error as OutputError {
            throw error
        } catch {
            fatalError("only writing the report throws here: \(error)")
        }
    }

    private func footer(_ h: Hotspots) -> String {
        let saving = h.totalSaving
        return
            "\(h.traces) traces · \(h.tracesWithErrors) with errors (\(h.failedTraces) failed) · up to \(HumanDuration.text(saving)) could be saved by running sequential calls concurrently\n"
    }
}

extension TraceDocuments {
    /// `{"traces","traces_with_errors","failed_traces","async_failed_traces","hotspots":[...]`
    /// (left open).
    package static func errorsHead(_ hotspots: Hotspots) -> [UInt8] {
        var head = Array(
            "{\"traces\":\(hotspots.traces),\"traces_with_errors\":\(hotspots.tracesWithErrors),\"failed_traces\":\(hotspots.failedTraces),\"async_failed_traces\":\(hotspots.asyncFailedTraces),\"hotspots\":"
                .utf8)
        head += errorHotspots(hotspots)
        return head
    }
}
