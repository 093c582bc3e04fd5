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

    package init(format: TraceOutputFormat, rows: Int, color: Bool, parameters: ParallelParameters) {
        self.format = format
        self.rows = rows
        style = TextStyle(color: color)
        self.parameters = parameters
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
        let text = TraceText(sections: .all, color: style.color)
        var out = style.bold("hotspots") + " over \(h.traces) trace\(h.traces == 1 ? "" : "s") · \(h.tracesWithErrors) with errors · \(h.failedTraces) failed\n"
        let errorRows = h.errorRows
        out += "\n" + style.bold("error hotspots") + (errorRows.isEmpty ? "  none\n" : "\n")
        if !errorRows.isEmpty {
            var table: [[String]] = []
            for (key, row) in errorRows.prefix(rows) {
                table.append([
                    text.operation(key), "\(row.rootCauseTraces)", HumanDuration.percent(Int64(row.rootCauseTraces), of: Int64(h.failedTraces)),
                    "\(row.originSpans)", "\(row.surfaceSpans)", "\(row.spans)",
                ])
            }
            out += text.table(table, header: ["operation", "root cause in", "of failed", "origins", "surfaces", "spans"], rightAligned: [1, 2, 3, 4, 5], indent: "  ")
            out += more(errorRows.count)
        }
        let patternRows = h.patternRows
        out += "\n" + style.bold("parallelization patterns") + (patternRows.isEmpty ? "  none\n" : "\n")
        if !patternRows.isEmpty {
            var table: [[String]] = []
            for (key, pattern) in patternRows.prefix(rows) {
                let kind = key.kind == .nPlusOne ? "n+1" : "sequential"
                table.append([
                    text.operation(key.parent), text.operation(key.child), kind, "\(pattern.occurrences)", "\(pattern.traces)",
                    HumanDuration.text(pattern.totalSaving), HumanDuration.text(pattern.p95Saving),
                ])
            }
            out += text.table(
                table, header: ["under", "calls to", "kind", "runs", "traces", "total saving", "p95 saving"], rightAligned: [3, 4, 5, 6],
                indent: "  ")
            out += more(patternRows.count)
        }
        let selfRows = h.selfTimeRows
        out += "\n" + style.bold("critical-path self time") + (selfRows.isEmpty ? "  none\n" : "\n")
        if !selfRows.isEmpty {
            var table: [[String]] = []
            for (key, entry) in selfRows.prefix(rows) {
                table.append([
                    text.operation(key), "\(entry.perTrace.count)", HumanDuration.text(entry.total), HumanDuration.text(entry.p50),
                    HumanDuration.text(entry.p95),
                ])
            }
            out += text.table(table, header: ["operation", "traces", "total", "p50", "p95"], rightAligned: [1, 2, 3, 4], indent: "  ")
            out += more(selfRows.count)
        }
        return out
    }

    private func more(_ count: Int) -> String {
        count > rows ? "  " + style.dim("… \(count - rows) more (--top N shows more, -o json shows all)") + "\n" : ""
    }

    // MARK: - Markdown

    private func markdown(_ h: Hotspots) -> String {
        var out = "## loupe hotspots\n\n\(h.traces) trace\(h.traces == 1 ? "" : "s"), \(h.tracesWithErrors) with errors, \(h.failedTraces) failed.\n\n"
        out += "### Error hotspots\n\n"
        let errorRows = h.errorRows
        if errorRows.isEmpty {
            out += "None.\n\n"
        } else {
            out += "| operation | root cause in | of failed | origins | surfaces | spans |\n|---|---:|---:|---:|---:|---:|\n"
            for (key, row) in errorRows.prefix(rows) {
                out += "| \(TraceMarkdown.operation(key)) | \(row.rootCauseTraces) | \(HumanDuration.percent(Int64(row.rootCauseTraces), of: Int64(h.failedTraces))) | \(row.originSpans) | \(row.surfaceSpans) | \(row.spans) |\n"
            }
            out += "\n"
        }
        out += "### Parallelization patterns\n\n"
        let patternRows = h.patternRows
        if patternRows.isEmpty {
            out += "None.\n\n"
        } else {
            out += "| under | calls to | kind | runs | traces | total saving | p95 saving |\n|---|---|---|---:|---:|---:|---:|\n"
            for (key, p) in patternRows.prefix(rows) {
                out += "| \(TraceMarkdown.operation(key.parent)) | \(TraceMarkdown.operation(key.child)) | \(key.kind == .nPlusOne ? "N+1" : "sequential") | \(p.occurrences) | \(p.traces) | \(HumanDuration.text(p.totalSaving)) | \(HumanDuration.text(p.p95Saving)) |\n"
            }
            out += "\n"
        }
        out += "### Critical-path self time\n\n"
        let selfRows = h.selfTimeRows
        if selfRows.isEmpty {
            out += "None.\n"
        } else {
            out += "| operation | traces | total | p50 | p95 |\n|---|---:|---:|---:|---:|\n"
            for (key, e) in selfRows.prefix(rows) {
                out += "| \(TraceMarkdown.operation(key)) | \(e.perTrace.count) | \(HumanDuration.text(e.total)) | \(HumanDuration.text(e.p50)) | \(HumanDuration.text(e.p95)) |\n"
            }
        }
        return out
    }
}
