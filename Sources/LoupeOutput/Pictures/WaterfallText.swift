import LoupeTrace

/// The terminal waterfall of one trace: one row per span (or collapsed siblings) indented by
/// depth, a bar on the trace's time axis, the critical path's time drawn `█` (yellow with
/// colors) and the rest of a span `░`, error origins marked `✗` and other error spans `!`
/// (red with colors), and each parallelizable group bracketed in the left column and closed by
/// a line with the time it would save.
///
/// Guarantees: the same characters with and without colors (colors only add emphasis), no line
/// wider than `width` columns (60 at least), names cut with `…`, terminal-safe text.
package struct WaterfallText: Sendable {
    package let width: Int
    package let expand: Bool
    let style: TextStyle

    /// Rows drawn at most when not expanded; the rest are counted in a closing line.
    package static let maxRows = 300

    package init(width: Int, color: Bool, expand: Bool = false) {
        self.width = max(TraceText.minimumWidth, width)
        self.expand = expand
        style = TextStyle(color: color)
    }

    private var labelWidth: Int { max(24, width * 2 / 5) }
    private static let durationWidth = 9
    private var barWidth: Int { width - labelWidth - 2 - Self.durationWidth }

    /// `loggedErrors` (`--logs`): the spans that wrote an error or fatal log record, marked `L`.
    package func render(_ a: TraceAnalysis, loggedErrors: Set<Int>? = nil) -> String {
        let layout = WaterfallLayout(a, expand: expand, maxRows: Self.maxRows)
        let spans = a.trace.spans
        var lines: [String] = []
        var gutter = [Character](repeating: " ", count: layout.rows.count)
        // Note lines go after the last member's subtree: (row index to insert before, text).
        var notes: [(before: Int, depth: Int, text: String)] = []
        for bracket in layout.brackets {
            let group = a.parallelGroups[bracket.group]
            var after = bracket.lastRow + 1
            let depth = layout.rows[bracket.lastRow].depth
            while after < layout.rows.count && layout.rows[after].depth > depth { after += 1 }
            for r in bracket.firstRow..<after { gutter[r] = r == bracket.firstRow ? "┌" : "│" }
            let what = group.kind == .nPlusOne ? "\(group.repeatCount)× the same call (n+1)" : "\(group.spans.count) sequential calls"
            notes.append(
                (
                    after, depth,
                    "\(what) could run in parallel: saves \(HumanDuration.text(group.saving))" + (group.nested ? " (nested)" : "")
                ))
        }
        for (r, row) in layout.rows.enumerated() {
            for note in notes where note.before == r { lines.append(noteLine(note.depth, note.text)) }
            lines.append(rowLine(row, gutter[r], layout, spans, loggedErrors))
        }
        for note in notes where note.before == layout.rows.count { lines.append(noteLine(note.depth, note.text)) }

        var out = "\n  " + style.bold("waterfall") + "  " + HumanDuration.text(layout.duration) + "\n"
        var legend = "█ critical path · ░ other time · ✗ error origin · ! error · ┌ could run in parallel"
        if loggedErrors != nil { legend += " · L logged an error" }
        if layout.rows.contains(where: { if case .collapsed = $0.content { true } else { false } }) {
            legend += " · ×N calls of one operation in one row" + (expand ? "" : " (--expand shows each)")
        }
        for line in DisplayWidth.wrapped(legend, to: width - 4) { out += "    " + style.dim(line) + "\n" }
        out += axis(layout)
        out += lines.joined()
        if layout.hiddenSpans > 0 {
            out +=
                "  "
                + style.dim(
                    DisplayWidth.truncated(
                        "… \(TraceWords.count(layout.hiddenSpans, "more span")) not drawn (--expand draws all)", to: width - 2)) + "\n"
        }
        return out
    }

    /// The waterfall for a Markdown report: a bold title and the plain drawing in a fenced
    /// block whose fence is longer than any run of backticks in it (a span name cannot close it).
    package func markdown(_ a: TraceAnalysis) -> String {
        let plain = WaterfallText(width: width, color: false, expand: expand).render(a)
        var longest = 0
        var run = 0
        for ch in plain {
            run = ch == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let body = plain.drop { $0 == "\n" }
        return "**Waterfall**\n\n" + fence + "text\n" + body + fence + "\n\n"
    }

    /// Tick labels over the bar column, then a rule with a `┬` at each tick.
    private func axis(_ layout: WaterfallLayout) -> String {
        let ticks = TimeAxis(duration: layout.duration, count: max(2, barWidth / 12))
        var labels = [Character](repeating: " ", count: barWidth + Self.durationWidth + 1)
        var rule = [Character](repeating: "─", count: barWidth)
        var free = 0
        for t in ticks.ticks {
            let cell = min(barWidth - 1, Int(Double(t) / Double(ticks.duration) * Double(barWidth)))
            rule[cell] = "┬"
            let text = Array(ticks.label(t))
            guard cell >= free, cell + text.count <= labels.count else { continue }
            for (i, ch) in text.enumerated() { labels[cell + i] = ch }
            free = cell + text.count + 1
        }
        let pad = String(repeating: " ", count: labelWidth + 1)
        let top = String(labels)
        let trimmed = String(top.reversed().drop { $0 == " " }.reversed())
        return pad + style.dim(trimmed) + "\n" + pad + style.dim(String(rule)) + "\n"
    }

    private func rowLine(
        _ row: WaterfallLayout.Row, _ gutter: Character, _ layout: WaterfallLayout, _ spans: [Span], _ loggedErrors: Set<Int>?
    ) -> String {
        let mark = row.origin ? "✗" : row.error ? "!" : " "
        // With --logs, a second mark: the row's span (or one of its members) logged an error.
        let logMark = loggedErrors.map { logged in row.members.contains(where: logged.contains) ? style.red("L") : " " } ?? ""
        let indent = String(repeating: " ", count: min(row.depth * 2, labelWidth / 2))
        let span = spans[row.span]
        var name = TraceText.plain(span)
        if case .collapsed(_, let count, _) = row.content { name = "×\(count) " + name }
        let room = labelWidth - 3 - indent.count - (loggedErrors == nil ? 0 : 1)
        let shown = DisplayWidth.truncated(name, to: room)
        var label = String(gutter) + (row.error ? style.red(mark) : mark) + logMark + " " + indent
        label += row.origin ? style.red(shown) : shown
        label += String(repeating: " ", count: max(0, room - DisplayWidth.of(shown)))
        let duration = DisplayWidth.padded(HumanDuration.text(row.end - row.start), to: Self.durationWidth, right: true)
        return label + " " + bar(row, layout, spans) + " " + duration + "\n"
    }

    /// The bar: each member's extent `░`, the row's critical-path stretches `█`; a span shorter
    /// than a cell still shows one.
    private func bar(_ row: WaterfallLayout.Row, _ layout: WaterfallLayout, _ spans: [Span]) -> String {
        enum Cell { case empty, span, path }
        var cells = [Cell](repeating: .empty, count: barWidth)
        func range(_ s: Int64, _ e: Int64) -> Range<Int> {
            let total = Double(max(1, layout.duration))
            let first = min(barWidth - 1, max(0, Int(Double(s - layout.start) / total * Double(barWidth))))
            let last = min(barWidth, max(first + 1, Int((Double(e - layout.start) / total * Double(barWidth)).rounded(.up))))
            return first..<last
        }
        for m in row.members { for i in range(spans[m].start, spans[m].end) where cells[i] == .empty { cells[i] = .span } }
        for segment in row.segments { for i in range(segment.start, segment.end) { cells[i] = .path } }
        var out = ""
        var run = ""
        var runKind = Cell.empty
        func flush() {
            guard !run.isEmpty else { return }
            switch runKind {
            case .empty: out += run
            // An error span's bar is red: dim off the path, bold on it.
            case .span: out += row.error ? style.dimRed(run) : style.dim(run)
            case .path: out += row.error ? style.boldRed(run) : style.yellow(run)
            }
            run = ""
        }
        for cell in cells {
            if cell != runKind { flush() }
            runKind = cell
            run += cell == .empty ? " " : cell == .span ? "░" : "█"
        }
        flush()
        return out
    }

    private func noteLine(_ depth: Int, _ text: String) -> String {
        let indent = String(repeating: " ", count: min(depth * 2, labelWidth / 2) + 2)
        let line = "└" + indent + "↳ " + text
        return style.dim(DisplayWidth.truncated(line, to: width)) + "\n"
    }
}

extension TextStyle {
    func yellow(_ s: String) -> String { color ? "\u{1B}[33m" + s + Colors.reset : s }
    func boldRed(_ s: String) -> String { color ? "\u{1B}[1;31m" + s + Colors.reset : s }
    func dimRed(_ s: String) -> String { color ? "\u{1B}[2;31m" + s + Colors.reset : s }
}
