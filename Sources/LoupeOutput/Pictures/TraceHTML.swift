import LoupeTrace

/// One trace's part of the `loupe trace -o html` page: a heading, the waterfall SVG, and the
/// tables of the text report (critical-path self time, parallelizable groups, errors).
///
/// Guarantees: every input string escaped (see `Markup`); the page frame is `HTMLPage`.
package struct TraceHTML: Sendable {
    let svg: TraceSVG
    /// Rows of the critical-path table at most.
    static let selfTimeRows = 25

    package init(expand: Bool = false) {
        svg = TraceSVG(expand: expand)
    }

    package static func head(traces: Int) -> String {
        HTMLPage.head(title: "loupe trace report")
            + "<h1>loupe trace report</h1>\n<p class=\"note\">\(TraceWords.count(traces, "trace")) · hover a row for its details; "
            + "black outline: the critical path; red: errors; ✗ marks where an error starts; purple brackets: calls that could run in parallel</p>\n"
    }

    package func section(_ a: TraceAnalysis) -> String {
        let spans = a.trace.spans
        let root = a.trace.rootSpan.map { " " + TraceText.plain(spans[$0]) } ?? ""
        var out = "<section class=\"trace\">\n<h2>\(Markup.escape("trace " + a.trace.traceID + root))</h2>\n"
        out += svg.svg(a, titled: false)
        if let main = a.paths.first(where: { $0.head == a.trace.rootSpan }) {
            out += "<h3>Critical path \(Markup.escape(HumanDuration.text(main.duration)))</h3>\n"
            let rows = main.selfTime.prefix(Self.selfTimeRows).map { entry in
                [
                    TraceText.plain(spans[entry.span]), HumanDuration.text(entry.nanoseconds),
                    HumanDuration.percent(entry.nanoseconds, of: main.duration),
                ]
            }
            out += HTMLPage.table(["operation", "self time on the path", "share"], rows, numeric: [1, 2])
            if main.selfTime.count > Self.selfTimeRows {
                out += "<p class=\"note\">… \(main.selfTime.count - Self.selfTimeRows) more spans (-o json lists all)</p>\n"
            }
        }
        if !a.parallelGroups.isEmpty {
            out += "<h3>Could run in parallel: up to \(Markup.escape(HumanDuration.text(a.totalSaving)))</h3>\n"
            let rows = a.parallelGroups.map { g in
                [
                    TraceText.plain(spans[g.parent]),
                    g.kind == .nPlusOne ? "\(g.repeatCount)× \(g.service) \(g.name) (n+1)" : "\(g.spans.count) sequential calls",
                    HumanDuration.text(g.sum), HumanDuration.text(g.saving) + (g.nested ? " (nested)" : ""),
                ]
            }
            out += HTMLPage.table(["under", "calls", "total", "saving"], rows, numeric: [2, 3])
        }
        let errors = a.errors
        if errors.errorSpans > 0 {
            out += "<h3>Errors: \(errors.errorSpans) error spans; \(errors.failed ? "the trace failed" : "the trace did not fail")</h3>\n"
            var rows: [[String]] = []
            for s in errors.rootCauses { rows.append(["root cause", TraceText.plain(spans[s]), spans[s].statusMessage ?? ""]) }
            for s in errors.origins where !errors.rootCauses.contains(s) {
                rows.append(["origin", TraceText.plain(spans[s]), spans[s].statusMessage ?? ""])
            }
            for s in errors.surfaces { rows.append(["surface", TraceText.plain(spans[s]), spans[s].statusMessage ?? ""]) }
            out += HTMLPage.table(["role", "span", "message"], rows)
        }
        return out + "</section>\n"
    }
}
