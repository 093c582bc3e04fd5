import LoupeTrace

/// The `loupe hotspots -o html` page: bar charts of the top error origins, of the
/// parallelization savings and of critical-path self time across traces, each with its table,
/// and a flame graph of critical-path time by operation path (`FoldedStacks`).
///
/// Guarantees: one self-contained page (`HTMLPage`), every input string escaped, `rows` bars
/// and rows per chart at most.
package struct HotspotsHTML: Sendable {
    let rows: Int

    package init(rows: Int) {
        self.rows = rows
    }

    package func document(_ h: Hotspots, stacks: FoldedStacks) -> String {
        var body = "<h1>loupe hotspots</h1>\n"
        var summary = "over \(TraceWords.count(h.traces, "trace")) · \(h.tracesWithErrors) with errors · \(h.failedTraces) failed"
        if h.asyncFailedTraces > 0 { summary += " · \(h.asyncFailedTraces) with an async failure" }
        body += "<p class=\"note\">\(Markup.escape(summary)) · hover a bar for details</p>\n"
        // The charts first, where a reader looks; the tables with every number after them.
        var tables = ""
        body += errors(h, &tables) + patterns(h, &tables) + selfTime(h, &tables)
        body += "<h2>Critical-path time by operation path</h2>\n"
        body +=
            "<p class=\"note\">\(Markup.escape(HumanDuration.text(stacks.total))) of critical path over the requests (root and orphan fragments), "
        body += "each frame as wide as the time spent on the path in it and below it; callers above their callees.</p>\n"
        body += stacks.nanoseconds.isEmpty ? "<p>None.</p>\n" : FlameGraphSVG().svg(stacks)
        if !tables.isEmpty { body += "<h2>Tables</h2>\n" + tables }
        return HTMLPage.document(title: "loupe hotspots", body: body)
    }

    private func errors(_ h: Hotspots, _ tables: inout String) -> String {
        let all = h.errorRows
        var out = "<h2>Where errors start</h2>\n"
        guard !all.isEmpty else { return out + "<p>None.</p>\n" }
        let top = Array(all.prefix(rows))
        let origins = all.filter { $0.value.originSpans > 0 }.sorted {
            $0.value.originSpans != $1.value.originSpans ? $0.value.originSpans > $1.value.originSpans : $0.key < $1.key
        }
        out += "<p class=\"note\">Error origins: spans that failed without a failing call below them, by how many did; "
        out += "the root cause of a failed trace is the origin whose error reached the request.</p>\n"
        out += BarChartSVG(color: ServicePalette.error).svg(
            origins.prefix(rows).map { key, row in
                .init(
                    label: key.service + " " + key.name, value: Double(row.originSpans),
                    text: TraceWords.count(row.originSpans, "origin span")
                        + (row.rootCauseTraces > 0 ? ", root cause of \(row.rootCauseTraces) failed" : ""),
                    detail: "\(row.surfaceSpans) surface spans, \(row.spans) spans in all")
            })
        tables += "<h3>Error hotspots</h3>\n"
        tables += HTMLPage.table(
            ["operation", "root cause in (failed traces)", "share of failed", "origin spans", "surface spans", "all spans"],
            top.map { key, row in
                [
                    key.service + " " + key.name, "\(row.rootCauseTraces)",
                    HumanDuration.percent(Int64(row.rootCauseTraces), of: Int64(h.failedTraces)), "\(row.originSpans)",
                    "\(row.surfaceSpans)",
                    "\(row.spans)",
                ]
            }, numeric: [1, 2, 3, 4, 5])
        tables += more(all.count)
        return out
    }

    private func patterns(_ h: Hotspots, _ tables: inout String) -> String {
        let all = h.patternRows
        var out = "<h2>Calls that could run in parallel</h2>\n"
        guard !all.isEmpty else { return out + "<p>None.</p>\n" }
        let top = Array(all.prefix(rows))
        out +=
            "<p class=\"note\">Sequential calls under one parent, by the time running them concurrently would save over all traces.</p>\n"
        out += BarChartSVG(color: "#7a4fbf").svg(
            top.map { key, p in
                .init(
                    label: key.child.service + " " + key.child.name, value: Double(p.totalSaving),
                    text: HumanDuration.text(p.totalSaving) + " in \(p.occurrences) runs",
                    detail:
                        "under \(key.parent.service) \(key.parent.name); \(key.kind == .nPlusOne ? "n+1" : "sequential"); p95 saving \(HumanDuration.text(p.p95Saving))"
                )
            })
        tables += "<h3>Parallelization patterns</h3>\n"
        tables += HTMLPage.table(
            ["under", "calls to", "kind", "runs", "traces", "total saving", "p95 saving"],
            top.map { key, p in
                [
                    key.parent.service + " " + key.parent.name, key.child.service + " " + key.child.name,
                    key.kind == .nPlusOne ? "n+1" : "sequential", "\(p.occurrences)", "\(p.traces)", HumanDuration.text(p.totalSaving),
                    HumanDuration.text(p.p95Saving),
                ]
            }, numeric: [3, 4, 5, 6])
        tables += more(all.count)
        return out
    }

    private func selfTime(_ h: Hotspots, _ tables: inout String) -> String {
        let all = h.selfTimeRows
        var out = "<h2>Critical-path self time</h2>\n"
        guard !all.isEmpty else { return out + "<p>None.</p>\n" }
        let top = Array(all.prefix(rows))
        out += "<p class=\"note\">The operations the requests waited on, by their own time on the critical path summed over traces.</p>\n"
        out += BarChartSVG(color: "#4e79a7").svg(
            top.map { key, e in
                .init(
                    label: key.service + " " + key.name, value: Double(e.total), text: HumanDuration.text(e.total),
                    detail:
                        "on the path in \(e.perTrace.count) traces; p50 \(HumanDuration.text(e.p50)), p95 \(HumanDuration.text(e.p95)) per trace"
                )
            })
        tables += "<h3>Critical-path self time</h3>\n"
        tables += HTMLPage.table(
            ["operation", "traces on the path", "total", "p50 per trace", "p95 per trace"],
            top.map { key, e in
                [
                    key.service + " " + key.name, "\(e.perTrace.count)", HumanDuration.text(e.total), HumanDuration.text(e.p50),
                    HumanDuration.text(e.p95),
                ]
            }, numeric: [1, 2, 3, 4])
        tables += more(all.count)
        return out
    }

    private func more(_ count: Int) -> String {
        count > rows ? "<p class=\"note\">… \(count - rows) more (--top N shows more, -o json shows all)</p>\n" : ""
    }
}
