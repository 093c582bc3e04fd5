import LoupeTrace

extension TraceText {
    /// Columns of the critical-path table besides the tree: indent, self time, share, gaps.
    static let criticalPathFixedColumns = 4 + 2 + 9 + 2 + 6
    /// Columns a tree row keeps for its name however deep it is.
    static let minimumNameColumns = 28

    /// The tree depth that leaves `minimumNameColumns` for the name at this width.
    var criticalPathMaxDepth: Int {
        max(5, (width - Self.criticalPathFixedColumns - Self.minimumNameColumns) / 3)
    }

    /// The main fragment's critical path as a tree, then one line per other fragment.
    func criticalPath(_ a: TraceAnalysis) -> String {
        guard let main = a.paths.first(where: { $0.head == a.trace.rootSpan }) else { return "" }
        let spans = a.trace.spans
        // A wider terminal shows deeper trees, and the rows to fill them.
        let rows = CriticalPathRows(main, in: a, maxRows: max(25, criticalPathMaxDepth + 12), maxDepth: criticalPathMaxDepth)
        var table = ReportTable([.flexible(min: width - Self.criticalPathFixedColumns), .number, .number])
        table.header(["", "self time", "share"])
        let room = width - Self.criticalPathFixedColumns
        for row in rows.rows {
            let prefix = row.prefix()
            let label: String
            switch row.content {
            case .span(let s):
                var notes: [(full: String, short: String)] = []
                if let via = row.via {
                    notes.append(
                        ("(" + TraceWords.via(via, operation: Self.plain(spans[via.nearest])) + ")", "(" + TraceWords.via(via) + ")"))
                }
                if row.deeperLevels > 0 { notes.append((TraceWords.deeper(row.deeperLevels), TraceWords.deeper(row.deeperLevels))) }
                label = fitted(prefix, operation(spans[s]), notes, room: room)
            case .collapsed(let levels, let count):
                label = prefix + style.dim(TraceWords.collapsed(levels, spans: count))
            }
            table.add([label, HumanDuration.text(row.selfTime), HumanDuration.percent(row.selfTime, of: main.duration)])
        }
        if rows.omittedSpans > 0 {
            table.add([
                style.dim(TraceWords.omitted(rows.omittedSpans)), HumanDuration.text(rows.omittedTime),
                HumanDuration.percent(rows.omittedTime, of: main.duration),
            ])
        }
        var out = title("critical path", HumanDuration.text(main.duration))
        out += table.render(width: width, indent: 4, style: style)
        out += otherFragments(a, main)
        return out
    }

    /// A tree row's label in `room` columns: the prefix whole, then the name and the notes
    /// after it; a note that does not fit says less, and the name is cut only to keep the
    /// short notes.
    private func fitted(_ prefix: String, _ name: String, _ notes: [(full: String, short: String)], room: Int) -> String {
        let used = DisplayWidth.of(prefix) + DisplayWidth.of(name)
        let full = notes.map { "  " + $0.full }.joined()
        if used + DisplayWidth.of(full) <= room { return prefix + name + (full.isEmpty ? "" : style.dim(full)) }
        let short = notes.map { "  " + $0.short }.joined()
        let nameRoom = max(8, room - DisplayWidth.of(prefix) - DisplayWidth.of(short))
        return prefix + DisplayWidth.truncated(name, to: nameRoom) + style.dim(short)
    }

    /// Each fragment besides the main one: its kind, head and duration, and the span with the
    /// most self time on its path when that is not the head.
    private func otherFragments(_ a: TraceAnalysis, _ main: FragmentPath) -> String {
        let others = a.paths.filter { $0.head != main.head }
        guard !others.isEmpty else { return "" }
        let spans = a.trace.spans
        let shown = others.prefix(10)
        let kindWidth = shown.map { $0.kind.rawValue.count }.max() ?? 0
        var table = ReportTable([.text, .flexible(min: 16, lines: 3), .number])
        table.header(["", "other fragments", "duration"])
        for path in shown {
            table.add([path.kind.rawValue, operation(spans[path.head]), HumanDuration.text(path.duration)])
            if let top = path.selfTime.first, top.span != path.head {
                table.line(
                    "most self time: " + Self.plain(spans[top.span]) + " " + HumanDuration.text(top.nanoseconds),
                    indent: kindWidth + 2, tone: .dim)
            }
        }
        if others.count > 10 { table.line("… " + TraceWords.count(others.count - 10, "more fragment"), indent: 0, tone: .dim) }
        return "\n" + table.render(width: width, indent: 4, style: style)
    }
}
