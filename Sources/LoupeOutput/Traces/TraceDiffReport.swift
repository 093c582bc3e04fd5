import LoupeTrace

/// `loupe diff`'s report: the headline, then the paths that changed, as text (fitted to the
/// width), Markdown (`--report`) or JSON (every path).
package struct TraceDiffReport {
    package let diff: TraceDiff
    /// Changed rows shown in text and Markdown (`--top`); JSON lists every path.
    package var rows = 20
    package var nPlusOneMin = ParallelParameters().nPlusOneMin

    package init(_ diff: TraceDiff) {
        self.diff = diff
    }

    private var changed: [TraceDiff.Row] { diff.rows.filter { $0.change != .same } }

    // MARK: - Headline

    /// `2.04 s -> 2.90 s (+860 ms): +790 ms payments POST /charge (critical path), +12 calls of
    /// users SELECT orders (n+1)`.
    package var headline: String {
        let delta = diff.cur.durationNs - diff.base.durationNs
        var text = "\(HumanDuration.text(diff.base.durationNs)) -> \(HumanDuration.text(diff.cur.durationNs)) (\(Self.signed(delta)))"
        let causes = diff.causes(nPlusOneMin: nPlusOneMin).map { cause -> String in
            let row = cause.row
            let operation = TraceText.plain(row.path.steps.last!)
            var notes: [String] = []
            if cause.onCriticalPath { notes.append("critical path") }
            if cause.onCriticalPath && row.deltaCalls != 0 { notes.append(Self.calls(row.deltaCalls)) }
            if cause.repeated { notes.append("n+1") }
            let lead = cause.onCriticalPath ? "\(Self.signed(row.deltaCpSelfNs)) \(operation)" : "\(Self.calls(row.deltaCalls)) of \(operation)"
            return lead + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))")
        }
        if !causes.isEmpty { text += ": " + causes.joined(separator: ", ") }
        return text
    }

    /// A change in the number of calls: `+3 calls`, `-1 call`.
    static func calls(_ delta: Int64) -> String { (delta > 0 ? "+" : "") + "\(delta) " + (abs(delta) == 1 ? "call" : "calls") }

    /// A duration change with its sign: `+790 ms`, `-1.20 s`, `0 ns`.
    static func signed(_ ns: Int64) -> String { (ns > 0 ? "+" : "") + HumanDuration.text(ns) }

    private var sides: String {
        "base \(TraceWords.count(diff.base.traces, "trace")), current \(TraceWords.count(diff.cur.traces, "trace"))"
            + (diff.base.traces > 1 || diff.cur.traces > 1 ? " (figures are medians per trace)" : "")
    }

    // MARK: - Text

    package func text(width: Int, color: Bool) -> String {
        let style = TextStyle(color: color)
        var out = style.bold("loupe diff") + ": " + sides + "\n"
        out += DisplayWidth.wrapped(TerminalText.sanitize(headline), to: width).map { $0 + "\n" }.joined()
        let shown = changed
        guard !shown.isEmpty else { return out + "\n  no operation path changed\n" }
        var table = ReportTable([.text, .number, .number, .number, .number])
        table.header(["change", "Δ cp self", "cp self", "calls", "errors"])
        for row in shown.prefix(rows) {
            func figure(_ b: Int64, _ c: Int64, _ text: (Int64) -> String) -> String {
                guard b != c else { return text(c) }
                let cell = "\(text(b)) -> \(text(c))"
                return c > b ? style.red(cell) : style.cyan(cell)
            }
            table.line(TerminalText.sanitize(Self.pathText(row.path)), indent: 0)
            table.add(
                [
                    row.change.rawValue,
                    Self.signed(row.deltaCpSelfNs),
                    figure(row.base.cpSelfNs, row.cur.cpSelfNs, HumanDuration.text),
                    figure(row.base.calls, row.cur.calls) { "\($0)" },
                    figure(row.base.errors, row.cur.errors) { "\($0)" },
                ])
        }
        out += "\n" + table.render(width: width, indent: 2, style: style)
        return out + footer(shown.count, dim: style.dim)
    }

    /// A path as text, the operation first and then its callers up to the root
    /// (`payments SELECT orders ‹ payments POST /charge ‹ frontend GET /checkout`), so a cut
    /// never hides which operation the row is about.
    static func pathText(_ path: OperationPath) -> String {
        path.steps.reversed().map(TraceText.plain).joined(separator: " ‹ ")
    }

    private func footer(_ shownCount: Int, dim: (String) -> String) -> String {
        var lines: [String] = []
        if shownCount > rows { lines.append("… \(shownCount - rows) more changed (--top N shows more, -o json shows all)") }
        let same = diff.rows.count - shownCount
        if same > 0 { lines.append("\(TraceWords.count(same, "path")) unchanged") }
        return lines.map { "  " + dim($0) + "\n" }.joined()
    }

    // MARK: - Markdown

    package var markdown: String {
        var out = "## loupe diff\n\n\(sides).\n\n**\(TraceMarkdown.cell(headline))**\n\n"
        let shown = changed
        guard !shown.isEmpty else { return out + "No operation path changed.\n" }
        out += Self.markdownHeader
        for row in shown.prefix(rows) {
            out += Self.markdownRow(row) + "\n"
        }
        if shown.count > rows { out += "\n_… \(shown.count - rows) more changed (`--top N` shows more, `-o json` shows all)_\n" }
        let same = diff.rows.count - shown.count
        if same > 0 { out += "\n_\(TraceWords.count(same, "path")) unchanged._\n" }
        return out
    }

    /// The Markdown table's header (also used under a gate regression).
    package static let markdownHeader = "| change | operation path | calls | cp self | Δ cp self | total | errors |\n|---|---|---:|---:|---:|---:|---:|\n"

    /// One row of the Markdown table, the full path in it (also used under a gate regression).
    package static func markdownRow(_ row: TraceDiff.Row) -> String {
        func figure(_ b: Int64, _ c: Int64, _ text: (Int64) -> String) -> String { b == c ? text(c) : "\(text(b)) → **\(text(c))**" }
        let path = row.path.steps.map { TraceMarkdown.operation($0) }.joined(separator: " › ")
        return "| \(row.change.rawValue) | \(path) | \(figure(row.base.calls, row.cur.calls) { "\($0)" }) | "
            + "\(figure(row.base.cpSelfNs, row.cur.cpSelfNs, HumanDuration.text)) | \(signed(row.deltaCpSelfNs)) | "
            + "\(figure(row.base.totalNs, row.cur.totalNs, HumanDuration.text)) | \(figure(row.base.errors, row.cur.errors) { "\($0)" }) |"
    }

    // MARK: - JSON

    package var json: [UInt8] {
        var json = JSONBuilder()
        json.beginObject()
        for (name, side) in [("base", diff.base), ("cur", diff.cur)] {
            json.key(dynamic: name)
            json.beginObject()
            json.field("traces", side.traces)
            json.field("duration_ns", side.durationNs)
            json.endObject()
        }
        json.key("paths")
        json.beginArray()
        for row in diff.rows {
            json.beginObject()
            json.key("path")
            json.beginArray()
            for step in row.path.steps {
                json.beginObject()
                json.field("service", step.service)
                json.field("name", step.name)
                json.endObject()
            }
            json.endArray()
            json.field("change", row.change.rawValue)
            for (name, figures) in [("base", row.base), ("cur", row.cur)] {
                json.key(dynamic: name)
                json.beginObject()
                json.field("calls", figures.calls)
                json.field("total_ns", figures.totalNs)
                json.field("cp_self_ns", figures.cpSelfNs)
                json.field("errors", figures.errors)
                json.endObject()
            }
            json.field("delta_cp_self_ns", row.deltaCpSelfNs)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.bytes.append(0x0A)
        return json.bytes
    }
}
