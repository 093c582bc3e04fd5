import LoupeTrace

/// The Markdown report of one trace, for a pull request: a row for the summary table and a
/// section with the critical path, the parallelizable groups and the errors as tables.
///
/// Guarantees: names show as written, never as markup or control characters (`MarkdownText`); it says the same things
/// as the text report (TraceWords), without a width limit.
package struct TraceMarkdown: Sendable {
    let sections: TraceSections

    /// Tree depth of the critical-path table before deep chains are collapsed.
    static let maxDepth = 10

    package init(sections: TraceSections) {
        self.sections = sections
    }

    static let summaryHeader = """
        | trace | root | duration | spans | services | errors | could save |
        |---|---|---:|---:|---:|---:|---:|

        """

    package func summaryRow(_ a: TraceAnalysis) -> String {
        let trace = a.trace
        let root = trace.rootSpan.map { Self.operation(trace.spans[$0]) } ?? ""
        let errors = trace.errorCount == 0 ? "0" : "\(trace.errorCount)" + (a.errors.failed ? " (failed)" : "")
        let saving = a.totalSaving > 0 ? "up to " + HumanDuration.text(a.totalSaving) : "0 ns"
        return
            "| \(Self.code(trace.traceID)) | \(root) | \(HumanDuration.text(trace.duration)) | \(trace.spans.count) | \(trace.serviceCount) | \(errors) | \(saving) |\n"
    }

    package func section(_ a: TraceAnalysis) -> String {
        let trace = a.trace
        var out = "### Trace \(Self.code(trace.traceID, inTable: false))"
        if let root = trace.rootSpan { out += ": " + Self.operation(trace.spans[root]) }
        let several = trace.tree.fragments.count > 1
        out += "\n\n" + HumanDuration.text(trace.duration)
        if several && trace.extent > trace.duration { out += " (\(HumanDuration.text(trace.extent)) with all fragments)" }
        out +=
            ", " + TraceWords.count(trace.spans.count, "span") + ", " + TraceWords.count(trace.serviceCount, "service") + ", "
            + TraceWords.count(trace.errorCount, "error") + ".\n"
        if let fragments = TraceWords.fragments(trace) { out += "\n" + Self.cell(fragments) + ".\n" }
        let repairs = ClippedChildren(trace, a.sanitized).sentences
        if !repairs.isEmpty { out += "\n" + repairs.map { "- " + Self.cell($0) + "\n" }.joined() }
        out += "\n"
        if sections.contains(.criticalPath) { out += criticalPath(a) }
        if sections.contains(.parallel) { out += parallel(a) }
        if sections.contains(.errors) { out += errors(a) }
        return out
    }

    private func criticalPath(_ a: TraceAnalysis) -> String {
        guard let main = a.paths.first(where: { $0.head == a.trace.rootSpan }) else { return "" }
        let spans = a.trace.spans
        let rows = CriticalPathRows(main, in: a, maxRows: max(25, Self.maxDepth + 12), maxDepth: Self.maxDepth)
        var out = "**Critical path** (\(HumanDuration.text(main.duration)))\n\n| span | self time | share |\n|---|---:|---:|\n"
        for row in rows.rows {
            var label = row.prefix(vertical: "│&nbsp;&nbsp;", blank: "&nbsp;&nbsp;&nbsp;", tee: "├─&nbsp;", corner: "└─&nbsp;")
            switch row.content {
            case .span(let s):
                label += Self.operation(spans[s])
                if let via = row.via {
                    label += " _(" + TraceWords.via(via, operation: Self.cell(TraceText.plain(spans[via.nearest]))) + ")_"
                }
                if row.deeperLevels > 0 { label += " _" + TraceWords.deeper(row.deeperLevels) + "_" }
            case .collapsed(let levels, let count):
                label += "_" + TraceWords.collapsed(levels, spans: count) + "_"
            }
            out += "| \(label) | \(HumanDuration.text(row.selfTime)) | \(HumanDuration.percent(row.selfTime, of: main.duration)) |\n"
        }
        if rows.omittedSpans > 0 {
            out +=
                "| _\(TraceWords.omitted(rows.omittedSpans))_ | \(HumanDuration.text(rows.omittedTime)) | \(HumanDuration.percent(rows.omittedTime, of: main.duration)) |\n"
        }
        out += "\n"
        let others = a.paths.filter { $0.head != main.head }
        guard !others.isEmpty else { return out }
        out += "Other fragments:\n\n| fragment | kind | duration | most self time |\n|---|---|---:|---|\n"
        for path in others.prefix(10) {
            let top = path.selfTime.first.map { Self.operation(spans[$0.span]) + " " + HumanDuration.text($0.nanoseconds) } ?? ""
            out += "| \(Self.operation(spans[path.head])) | \(path.kind.rawValue) | \(HumanDuration.text(path.duration)) | \(top) |\n"
        }
        if others.count > 10 { out += "| _… \(TraceWords.count(others.count - 10, "more fragment"))_ | | | |\n" }
        return out + "\n"
    }

    private func parallel(_ a: TraceAnalysis) -> String {
        let groups = TraceWords.groupsInOrder(a)
        guard !groups.isEmpty else { return "**Parallelizable:** nothing found.\n\n" }
        let spans = a.trace.spans
        var out =
            "**Parallelizable** (up to \(HumanDuration.text(a.totalSaving)) could be saved)\n\n| calls | under | kind | saving | of total |\n|---|---|---|---:|---:|\n"
        for (group, depth) in groups {
            let repeated = OperationKey(service: group.service, name: group.name)
            var calls = String(repeating: "&nbsp;&nbsp;", count: depth) + (depth > 0 ? "↳ " : "")
            calls += group.kind == .nPlusOne ? "\(group.repeatCount)× " + Self.operation(repeated) : "\(group.spans.count) calls"
            if group.kind == .sequential || group.repeatCount < group.spans.count {
                calls += ": " + TraceWords.calls(group, spans, operation: Self.operation)
            }
            let kind = (group.kind == .nPlusOne ? "N+1" : "sequential") + (group.nested ? ", nested" : "")
            out +=
                "| \(calls) | \(Self.operation(spans[group.parent])) | \(kind) | \(HumanDuration.text(group.saving)) | \(HumanDuration.text(group.sum)) |\n"
        }
        if groups.contains(where: { $0.group.nested }) { out += "\n_" + TraceWords.nestedMeaning + "._\n" }
        return out + "\n"
    }

    private func errors(_ a: TraceAnalysis) -> String {
        let e = a.errors
        guard e.errorSpans > 0 else { return "**Errors:** none.\n\n" }
        let spans = a.trace.spans
        var out =
            "**Errors:** \(TraceWords.count(e.errorSpans, "error span")); \(TraceWords.outcome(e)).\n\n"
        let rootCauses = Set(e.rootCauses + e.asyncRootCauses)
        for (s, count) in TraceWords.merged(e.rootCauses, spans) {
            out += "- root cause: \(Self.operation(spans[s]))\(count > 1 ? " ×\(count)" : "")\(Self.message(spans[s]))\n"
        }
        for failure in TraceWords.asyncFailures(a, operation: Self.operation) {
            out += "- " + failure.sentence + Self.message(spans[failure.cause]) + "\n"
        }
        for (s, count) in TraceWords.merged(e.origins.filter { !rootCauses.contains($0) }, spans) {
            out +=
                "- \(e.failed ? "origin" : "handled"): \(Self.operation(spans[s]))\(count > 1 ? " ×\(count)" : "")\(Self.message(spans[s]))\n"
        }
        for chain in TraceWords.surfaces(a, operation: Self.operation) { out += "- surfaces: " + chain.joined(separator: " → ") + "\n" }
        return out + "\n"
    }

    static func operation(_ span: Span) -> String { operation(OperationKey(span)) }

    static func operation(_ key: OperationKey) -> String {
        cell(key.service) + " " + code(key.name)
    }

    private static func message(_ span: Span) -> String {
        span.statusMessage.map { ": " + cell(DisplayWidth.truncated($0, to: 200)) } ?? ""
    }

    /// Text safe inside a table cell or a line (`MarkdownText.text`).
    static func cell(_ text: String) -> String {
        MarkdownText.text(text)
    }

    /// A code span of a name, cut at 120 columns (`MarkdownText.code`).
    static func code(_ text: String, inTable: Bool = true) -> String {
        MarkdownText.code(DisplayWidth.truncated(text, to: 120), inTable: inTable)
    }
}
