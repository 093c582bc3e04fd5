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
    /// The terminal waterfall (`--waterfall`); not part of `all`.
    package static let waterfall = TraceSections(rawValue: 8)
    package static let all: TraceSections = [.criticalPath, .parallel, .errors]
}

/// The human report of one trace: a header, the critical-path tree with each span's self time
/// and share, the parallelizable groups with their saving, the error origins and where they
/// surface.
///
/// Guarantees: text is terminal-safe (control characters escaped), colors only when asked, and
/// no line is wider than `width` columns by display width (wide characters count 2) for any
/// width from 60 up; names are cut with `…` and long messages wrapped to make that so.
package struct TraceText: Sendable {
    let sections: TraceSections
    let style: TextStyle
    let width: Int
    /// How `--waterfall` draws (its own width and `--expand`).
    package var waterfall: WaterfallText

    /// The narrowest width the layout is made for; a smaller one is treated as this.
    package static let minimumWidth = 60

    package init(sections: TraceSections, color: Bool, width: Int = 80) {
        self.sections = sections
        style = TextStyle(color: color)
        self.width = max(Self.minimumWidth, width)
        waterfall = WaterfallText(width: width, color: color)
    }

    package func render(_ analysis: TraceAnalysis, logs: TraceLogs? = nil) -> String {
        var out = header(analysis)
        if sections.contains(.waterfall) { out += waterfall.render(analysis, loggedErrors: logs?.loggedErrors(analysis)) }
        if sections.contains(.criticalPath) { out += criticalPath(analysis) }
        if sections.contains(.parallel) { out += parallel(analysis) }
        if sections.contains(.errors) { out += errors(analysis) }
        if let logs { out += self.logs(analysis, logs) }
        return out + "\n"
    }

    // MARK: - Header

    private func header(_ a: TraceAnalysis) -> String {
        let trace = a.trace
        var title = "trace \(TerminalText.sanitize(trace.traceID))"
        if let root = trace.rootSpan {
            let room = width - DisplayWidth.of(title) - 2
            if room >= 8 { title += "  " + DisplayWidth.truncated(operation(trace.spans[root]), to: room) }
        }
        var out = style.bold(DisplayWidth.truncated(title, to: width)) + "\n"
        let several = trace.tree.fragments.count > 1
        let facts = [
            HumanDuration.text(trace.duration)
                + (several && trace.extent > trace.duration ? " (\(HumanDuration.text(trace.extent)) with all fragments)" : ""),
            TraceWords.count(trace.spans.count, "span"), TraceWords.count(trace.serviceCount, "service"),
            TraceWords.count(trace.errorCount, "error"),
        ]
        out += prose(facts.map(DisplayWidth.keptTogether).joined(separator: " · "))
        if let fragments = TraceWords.fragments(trace, together: true) { out += prose(fragments) }
        for sentence in ClippedChildren(trace, a.sanitized).sentences { out += prose(sentence, tone: .dim) }
        return out
    }

    // MARK: - Helpers

    /// A paragraph, two spaces in, wrapped to the width (continuation lines four in).
    func prose(_ text: String, tone: ReportTable.Tone = .plain, indent: Int = 2) -> String {
        var out = ""
        for (i, line) in DisplayWidth.wrapped(text, to: width - indent - 2, first: width - indent).enumerated() {
            let pad = String(repeating: " ", count: indent + (i > 0 ? 2 : 0))
            out += pad + (tone == .dim ? style.dim(line) : tone == .red ? style.red(line) : line) + "\n"
        }
        return out
    }

    /// A section title: a blank line, the bold name, two spaces and what follows it, wrapped
    /// under itself.
    func title(_ name: String, _ rest: String) -> String {
        var out = "\n  " + style.bold(name)
        guard !rest.isEmpty else { return out + "\n" }
        let lines = DisplayWidth.wrapped(rest, to: width - 4 - DisplayWidth.of(name))
        out += "  " + lines[0] + "\n"
        for line in lines.dropFirst() { out += String(repeating: " ", count: 4 + DisplayWidth.of(name)) + line + "\n" }
        return out
    }

    /// `service name`, the name in cyan.
    func operation(_ span: Span) -> String { operation(OperationKey(span)) }

    func operation(_ key: OperationKey) -> String {
        Self.shown(key.service) + " " + style.cyan(Self.shown(key.name))
    }

    /// `service name` without styles, for text that is wrapped.
    static func plain(_ key: OperationKey) -> String {
        shown(key.service) + " " + shown(key.name)
    }

    /// A name as the report shows it: escaped, and cut with `…` past 120 columns, so that a
    /// huge name cannot fill the report with wrapped lines (a 100 KB one made 6,651 lines).
    static func shown(_ name: String) -> String {
        DisplayWidth.truncated(TerminalText.sanitize(name), to: 120)
    }

    static func plain(_ span: Span) -> String { plain(OperationKey(span)) }
}

/// ANSI styles for trace reports, or plain text when colors are off.
struct TextStyle: Sendable {
    let color: Bool

    func bold(_ s: String) -> String { color ? Colors.header + s + Colors.reset : s }
    func dim(_ s: String) -> String { color ? "\u{1B}[2m" + s + Colors.reset : s }
    func red(_ s: String) -> String { color ? "\u{1B}[31m" + s + Colors.reset : s }
    func cyan(_ s: String) -> String { color ? "\u{1B}[36m" + s + Colors.reset : s }
}
