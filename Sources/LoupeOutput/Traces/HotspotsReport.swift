import LoupeTrace

/// The `loupe hotspots` report across all traces: error hotspots (TRACE-SEMANTICS 5.2),
/// parallelization patterns by (parent operation, repeated child operation), and the
/// operations that carry the most critical-path self time.
///
/// JSON holds every row (`errors` is the section 5 document); text and Markdown show the top
/// `rows` of each table.
package struct HotspotsReport {
    let format: TraceOutputFormat
    let rows: Int
    let style: TextStyle
    let parameters: ParallelParameters
    /// Terminal columns for the text report; no line is wider (TraceText.minimumWidth at least).
    let width: Int
    /// `--logs`: what the error origins' error records said, per operation.
    package var messages: ErrorMessages?

    package init(format: TraceOutputFormat, rows: Int, color: Bool, parameters: ParallelParameters, width: Int = 80) {
        self.format = format
        self.rows = rows
        style = TextStyle(color: color)
        self.parameters = parameters
        self.width = max(TraceText.minimumWidth, width)
    }

    package func render(_ h: Hotspots, errorTraces: [[UInt8]], totals: TraceInputTotals) -> [UInt8] {
        switch format {
        case .json: return json(h, errorTraces, totals)
        case .text: return Array(text(h).utf8)
        case .markdown: return Array(markdown(h).utf8)
        }
    }

    // MARK: - JSON

    private func json(_ h: Hotspots, _ errorTraces: [[UInt8]], _ totals: TraceInputTotals) -> [UInt8] {
        let input = TraceDocuments.input(totals)
        var errors = TraceDocuments.errorsHead(h)
        errors += Array(",\"per_trace\":[".utf8)
        for (i, trace) in errorTraces.enumerated() {
            if i > 0 { errors.append(UInt8(ascii: ",")) }
            errors += trace
        }
        errors += Array("],\"input\":".utf8) + input + [UInt8(ascii: "}")]
        var json = JSONBuilder()
        json.beginObject()
        json.field("traces", h.traces)
        json.field("traces_with_errors", h.tracesWithErrors)
        json.field("failed_traces", h.failedTraces)
        json.key("params")
        json.raw(TraceDocuments.parameters(parameters))
        json.key("errors")
        json.raw(errors)
        json.key("parallel_patterns")
        json.beginArray()
        for (key, pattern) in h.patternRows {
            json.beginObject()
            json.key("parent")
            operation(key.parent, &json)
            json.field("kind", key.kind.rawValue)
            json.key("child")
            operation(key.child, &json)
            json.field("occurrences", pattern.occurrences)
            json.field("traces", pattern.traces)
            json.field("total_saving_ns", pattern.totalSaving)
            json.field("p95_saving_ns", Int64(pattern.p95Saving.rounded()))
            json.endObject()
        }
        json.endArray()
        json.key("critical_path_self_time")
        json.beginArray()
        for (key, entry) in h.selfTimeRows {
            json.beginObject()
            json.field("service", key.service)
            json.field("operation", key.name)
            json.field("traces", entry.perTrace.count)
            json.field("total_ns", entry.total)
            json.field("p50_ns", Int64(entry.p50.rounded()))
            json.field("p95_ns", Int64(entry.p95.rounded()))
            json.endObject()
        }
        json.endArray()
        if let messages {
            // Per error hotspot, in its order, what its origins' error records said.
            json.key("log_messages")
            json.beginArray()
            for (key, _) in h.errorRows {
                json.beginObject()
                json.field("service", key.service)
                json.field("name", key.name)
                json.key("messages")
                json.beginArray()
                for (message, count) in messages.top(key, 10) {
                    json.beginObject()
                    json.field("message", message)
                    json.field("count", count)
                    json.endObject()
                }
                json.endArray()
                json.endObject()
            }
            json.endArray()
        }
        json.key("input")
        json.raw(input)
        json.endObject()
        return json.bytes + [0x0A]
    }

    private func operation(_ key: OperationKey, _ json: inout JSONBuilder) {
        json.beginObject()
        json.field("service", key.service)
        json.field("name", key.name)
        json.endObject()
    }

    // MARK: - Text

    private func text(_ h: Hotspots) -> String {
        let text = TraceText(sections: .all, color: style.color, width: width)
        var out = ""
        var summary = "over \(TraceWords.count(h.traces, "trace")) · \(h.tracesWithErrors) with errors · \(h.failedTraces) failed"
        if h.asyncFailedTraces > 0 { summary += " · \(h.asyncFailedTraces) with an async failure" }
        for (i, line) in DisplayWidth.wrapped(summary, to: width - 10).enumerated() {
            out += (i == 0 ? style.bold("hotspots") + " " : "          ") + line + "\n"
        }
        out += errorsText(h, text) + patternsText(h, text) + selfTimeText(h, text)
        return out
    }

    private func errorsText(_ h: Hotspots, _ text: TraceText) -> String {
        let errorRows = h.errorRows
        var out = "\n" + style.bold("error hotspots") + (errorRows.isEmpty ? "  none\n" : "\n")
        guard !errorRows.isEmpty else { return out }
        // The async column only when some trace had an async failure.
        let async = h.asyncFailedTraces > 0
        var table = ReportTable([.flexible(min: 16, lines: 3, stacks: true)] + Array(repeating: .number, count: async ? 6 : 5))
        table.header(["", "root cause", ""] + (async ? ["async root"] : []) + ["", "", ""])
        table.header(["", "in failed", "share of"] + (async ? ["cause in"] : []) + ["origin", "surface", "all"])
        table.header(["operation", "traces", "failed"] + (async ? ["traces"] : []) + ["spans", "spans", "spans"])
        for (key, row) in errorRows.prefix(rows) {
            table.add(
                [
                    text.operation(key), "\(row.rootCauseTraces)",
                    HumanDuration.percent(Int64(row.rootCauseTraces), of: Int64(h.failedTraces)),
                ] + (async ? ["\(row.asyncRootCauseTraces)"] : []) + ["\(row.originSpans)", "\(row.surfaceSpans)", "\(row.spans)"])
            for (message, count) in messages?.top(key, 3) ?? [] {
                table.line("\"\(TerminalText.sanitize(message))\" ×\(count)", indent: 2, tone: .dim)
            }
        }
        out += table.render(width: width, indent: 2, style: style)
        return out + more(errorRows.count)
    }

    private func patternsText(_ h: Hotspots, _ text: TraceText) -> String {
        let patternRows = h.patternRows
        var out = "\n" + style.bold("parallelization patterns") + (patternRows.isEmpty ? "  none\n" : "\n")
        guard !patternRows.isEmpty else { return out }
        var table = ReportTable([.flexible(min: 16, lines: 3, stacks: true), .text, .number, .number, .number, .number])
        table.header(["", "", "", "", "total", "p95"])
        table.header(["calls to", "kind", "runs", "traces", "saving", "saving"])
        for (key, pattern) in patternRows.prefix(rows) {
            table.add([
                text.operation(key.child), key.kind == .nPlusOne ? "n+1" : "sequential", "\(pattern.occurrences)", "\(pattern.traces)",
                HumanDuration.text(pattern.totalSaving), HumanDuration.text(pattern.p95Saving),
            ])
            table.line("under " + TraceText.plain(key.parent), indent: 2, tone: .dim)
        }
        out += table.render(width: width, indent: 2, style: style)
        return out + more(patternRows.count)
    }

    private func selfTimeText(_ h: Hotspots, _ text: TraceText) -> String {
        let selfRows = h.selfTimeRows
        var out = "\n" + style.bold("critical-path self time") + (selfRows.isEmpty ? "  none\n" : "\n")
        guard !selfRows.isEmpty else { return out }
        var table = ReportTable([.flexible(min: 16, lines: 3, stacks: true), .number, .number, .number, .number])
        table.header(["", "traces on", "", "p50 per", "p95 per"])
        table.header(["operation", "the path", "total", "trace", "trace"])
        for (key, entry) in selfRows.prefix(rows) {
            table.add([
                text.operation(key), "\(entry.perTrace.count)", HumanDuration.text(entry.total), HumanDuration.text(entry.p50),
                HumanDuration.text(entry.p95),
            ])
        }
        out += table.render(width: width, indent: 2, style: style)
        return out + more(selfRows.count)
    }

    private func more(_ count: Int) -> String {
        guard count > rows else { return "" }
        return "  " + style.dim("… \(count - rows) more (--top N shows more, -o json shows all)") + "\n"
    }

    // MARK: - Markdown

    private func markdown(_ h: Hotspots) -> String {
        let heading =
            "## loupe hotspots\n\n\(TraceWords.count(h.traces, "trace")), \(h.tracesWithErrors) with errors, \(h.failedTraces) failed"
            + (h.asyncFailedTraces > 0 ? ", \(h.asyncFailedTraces) with an async failure" : "") + ".\n\n"
        let async = h.asyncFailedTraces > 0
        let errors = markdownSection(
            "Error hotspots", h.errorRows,
            header: "| operation | root cause in (failed traces) | share of failed |" + (async ? " async root cause in (traces) |" : "")
                + " origin spans | surface spans | all spans |\n|---|---:|---:|" + (async ? "---:|" : "") + "---:|---:|---:|\n"
        ) { key, row in
            "| \(TraceMarkdown.operation(key)) | \(row.rootCauseTraces) | \(HumanDuration.percent(Int64(row.rootCauseTraces), of: Int64(h.failedTraces))) |"
                + (async ? " \(row.asyncRootCauseTraces) |" : "") + " \(row.originSpans) | \(row.surfaceSpans) | \(row.spans) |"
        }
        let patterns = markdownSection(
            "Parallelization patterns", h.patternRows,
            header: "| under | calls to | kind | runs | traces | total saving | p95 saving |\n|---|---|---|---:|---:|---:|---:|\n"
        ) { key, p in
            "| \(TraceMarkdown.operation(key.parent)) | \(TraceMarkdown.operation(key.child)) | \(key.kind == .nPlusOne ? "N+1" : "sequential") | \(p.occurrences) | \(p.traces) | \(HumanDuration.text(p.totalSaving)) | \(HumanDuration.text(p.p95Saving)) |"
        }
        let selfTime = markdownSection(
            "Critical-path self time", h.selfTimeRows,
            header: "| operation | traces on the path | total | p50 per trace | p95 per trace |\n|---|---:|---:|---:|---:|\n"
        ) { key, e in
            "| \(TraceMarkdown.operation(key)) | \(e.perTrace.count) | \(HumanDuration.text(e.total)) | \(HumanDuration.text(e.p50)) | \(HumanDuration.text(e.p95)) |"
        }
        return heading + [errors, patterns, selfTime].joined(separator: "\n")
    }

    /// A `###` section: the table of the first `rows` rows, or "None.".
    private func markdownSection<Row>(_ title: String, _ all: [Row], header: String, row: (Row) -> String) -> String {
        guard !all.isEmpty else { return "### \(title)\n\nNone.\n" }
        return "### \(title)\n\n" + header + all.prefix(rows).map { row($0) + "\n" }.joined() + markdownMore(all.count)
    }

    /// After a table cut by `--top`: "… 12 more (--top N shows more, -o json shows all)".
    private func markdownMore(_ count: Int) -> String {
        count > rows ? "\n_… \(count - rows) more (`--top N` shows more, `-o json` shows all)_\n" : ""
    }
}
