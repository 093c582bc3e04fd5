import LoupeTrace

/// Which parts of a trace report to show (`--critical-path`, `--parallel`, `--errors`; all
/// when none is given).
package struct TraceSections: OptionSet, Sendable {
    package let rawValue: Int

    package init(rawValue: Int) {
        self.rawValue = rawValue
    }

    package static let criticalPath = TraceSections(rawValue: 1)
    package static let parallel = TraceSections(rawValue: 2)
    package static let errors = TraceSections(rawValue: 4)
    package static let all: TraceSections = [.criticalPath, .parallel, .errors]
}

/// The human report of one trace: a header, the compact critical-path tree with each span's
/// self time and share, the parallelizable groups with their saving, the error origins and
/// where they surface. Text is terminal-safe; colors only when asked.
package struct TraceText: Sendable {
    let sections: TraceSections
    let style: TextStyle

    package init(sections: TraceSections, color: Bool) {
        self.sections = sections
        style = TextStyle(color: color)
    }

    package func render(_ analysis: TraceAnalysis) -> String {
        var out = header(analysis)
        if sections.contains(.criticalPath) { out += criticalPath(analysis) }
        if sections.contains(.parallel) { out += parallel(analysis) }
        if sections.contains(.errors) { out += errors(analysis) }
        return out + "\n"
    }

    // MARK: - Parts

    private func header(_ a: TraceAnalysis) -> String {
        let trace = a.trace
        var out = style.bold("trace \(trace.traceID)")
        if let root = trace.rootSpan { out += "  " + operation(trace.spans[root]) }
        var facts = [
            HumanDuration.text(trace.duration) + (trace.extent > trace.duration ? " (\(HumanDuration.text(trace.extent)) with all fragments)" : ""),
            count(trace.spans.count, "span"), count(trace.serviceCount, "service"),
            style.errorCount(trace.errorCount),
        ]
        let extra = trace.tree.fragments.count - 1
        if extra > 0 {
            let kinds = [FragmentKind.root, .orphan, .detached].compactMap { kind -> String? in
                let n = trace.tree.fragments.dropFirst().filter { $0.kind == kind }.count
                return n > 0 ? "\(n) \(kind.rawValue)" : nil
            }
            facts.append("\(count(extra + 1, "fragment")) (+" + kinds.joined(separator: ", ") + ")")
        }
        out += "\n  " + facts.joined(separator: " · ") + "\n"
        let clipped = a.paths.reduce(0) { $0 + $1.clippedSpans }
        let dropped = a.paths.reduce(0) { $0 + $1.droppedSpans }
        if clipped + dropped > 0 {
            out += "  " + style.dim("clock skew: \(count(clipped, "child span")) clipped into \(clipped == 1 ? "its parent" : "their parents"), \(dropped) dropped (entirely outside \(dropped == 1 ? "its parent" : "them"))") + "\n"
        }
        return out
    }

    private func criticalPath(_ a: TraceAnalysis) -> String {
        guard let main = a.paths.first(where: { $0.head == a.trace.rootSpan }) else { return "" }
        var lines: [(label: String, time: String, share: String)] = []
        let rows = CriticalPathRows(main, in: a)
        for row in rows.rows {
            var label = String(repeating: "  ", count: min(row.depth, 12))
            if row.depth > 0 { label += "└ " }
            if row.hiddenLevels > 0 { label += style.dim("(+\(row.hiddenLevels) levels) ") }
            label += operation(a.trace.spans[row.span])
            lines.append((label, HumanDuration.text(row.selfTime), HumanDuration.percent(row.selfTime, of: main.duration)))
        }
        if rows.omittedSpans > 0 {
            lines.append(
                (style.dim("… \(count(rows.omittedSpans, "more span")) on the path"), HumanDuration.text(rows.omittedTime),
                 HumanDuration.percent(rows.omittedTime, of: main.duration)))
        }
        var out = "\n  " + style.bold("critical path") + "  \(HumanDuration.text(main.duration))\n"
        out += table(lines.map { [$0.label, $0.time, $0.share] }, header: ["", "self", "share"], rightAligned: [1, 2], indent: "    ")
        let others = a.paths.filter { $0.head != main.head }
        for path in others.prefix(10) {
            let top = path.selfTime.first.map { " · most self time: \(operation(a.trace.spans[$0.span])) \(HumanDuration.text($0.nanoseconds))" } ?? ""
            out += "    " + style.dim("\(path.kind.rawValue) fragment") + " \(operation(a.trace.spans[path.head]))  \(HumanDuration.text(path.duration))\(top)\n"
        }
        if others.count > 10 { out += "    " + style.dim("… \(others.count - 10) more fragments") + "\n" }
        return out
    }

    private func parallel(_ a: TraceAnalysis) -> String {
        let groups = a.parallelGroups.sorted { $0.saving != $1.saving ? $0.saving > $1.saving : $0.parent < $1.parent }
        guard !groups.isEmpty else { return "\n  " + style.bold("parallelizable") + "  nothing found\n" }
        var out = "\n  " + style.bold("parallelizable") + "  \(count(groups.count, "group")), \(HumanDuration.text(a.totalSaving)) could be saved\n"
        var rows: [[String]] = []
        for group in groups {
            let spans = a.trace.spans
            let what: String
            if group.kind == .nPlusOne {
                what = "\(group.repeatCount)× \(operation(OperationKey(service: group.service, name: group.name))) (n+1)"
            } else {
                var names: [String] = []
                for s in group.spans where !names.contains(spans[s].name) { names.append(spans[s].name) }
                what = "\(group.spans.count) calls: " + names.prefix(4).map(TerminalText.sanitize).joined(separator: ", ") + (names.count > 4 ? ", …" : "")
            }
            rows.append([what, "under " + operation(spans[group.parent]), HumanDuration.text(group.saving), "of " + HumanDuration.text(group.sum)])
        }
        out += table(rows, header: ["", "", "saving", ""], rightAligned: [2], indent: "    ")
        return out
    }

    private func errors(_ a: TraceAnalysis) -> String {
        let e = a.errors
        guard e.errorSpans > 0 else { return "\n  " + style.bold("errors") + "  none\n" }
        let spans = a.trace.spans
        var out = "\n  " + style.bold("errors") + "  \(count(e.errorSpans, "error span")), "
        out += e.failed ? style.red("the trace failed") : "the trace succeeded (errors were handled)"
        out += "\n"
        let rootCauses = Set(e.rootCauses)
        var rows: [[String]] = []
        for s in e.rootCauses { rows.append([style.red("root cause"), operation(spans[s]), message(spans[s])]) }
        for s in e.origins where !rootCauses.contains(s) {
            rows.append([e.failed ? "origin" : "handled", operation(spans[s]), message(spans[s])])
        }
        if !e.surfaces.isEmpty {
            let ordered = e.surfaces.sorted { SpanOrder.less(spans, $1, $0) }
            var names: [String] = []
            for s in ordered where !names.contains(operation(spans[s])) { names.append(operation(spans[s])) }
            rows.append(["surfaces", names.prefix(5).joined(separator: " → ") + (names.count > 5 ? " → …" : ""), ""])
        }
        out += table(rows, header: nil, rightAligned: [], indent: "    ")
        return out
    }

    // MARK: - Helpers

    func operation(_ span: Span) -> String { operation(OperationKey(span)) }

    func operation(_ key: OperationKey) -> String {
        TerminalText.sanitize(key.service) + " " + style.cyan(Self.truncated(TerminalText.sanitize(key.name), 60))
    }

    private func message(_ span: Span) -> String {
        guard let text = span.statusMessage else { return "" }
        return style.dim("\"" + Self.truncated(TerminalText.sanitize(text), 80) + "\"")
    }

    static func truncated(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    private func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// Columns padded to their widest cell (escape codes not counted).
    func table(_ rows: [[String]], header: [String]?, rightAligned: Set<Int>, indent: String) -> String {
        let all = (header.map { [$0.map { style.dim($0) }] } ?? []) + rows
        guard let columns = all.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        for row in all {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], TextStyle.visibleWidth(cell)) }
        }
        var out = ""
        for row in all {
            var cells: [String] = []
            for (i, cell) in row.enumerated() {
                let fill = String(repeating: " ", count: widths[i] - TextStyle.visibleWidth(cell))
                cells.append(rightAligned.contains(i) ? fill + cell : (i == row.count - 1 ? cell : cell + fill))
            }
            var line = indent + cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}

/// ANSI styles for trace reports, or plain text when colors are off.
struct TextStyle: Sendable {
    let color: Bool

    func bold(_ s: String) -> String { color ? Colors.header + s + Colors.reset : s }
    func dim(_ s: String) -> String { color ? "\u{1B}[2m" + s + Colors.reset : s }
    func red(_ s: String) -> String { color ? "\u{1B}[31m" + s + Colors.reset : s }
    func cyan(_ s: String) -> String { color ? "\u{1B}[36m" + s + Colors.reset : s }

    func errorCount(_ n: Int) -> String {
        let text = "\(n) error\(n == 1 ? "" : "s")"
        return n > 0 ? red(text) : text
    }

    /// Characters a terminal shows: escape sequences take no room.
    static func visibleWidth(_ s: String) -> Int {
        var width = 0
        var inEscape = false
        for scalar in s.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                width += 1
            }
        }
        return width
    }
}
