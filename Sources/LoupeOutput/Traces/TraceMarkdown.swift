import LoupeTrace

/// The Markdown report of one trace, for a pull request: a row for the summary table and a
/// section with the critical path, the parallelizable groups and the errors as tables.
package struct TraceMarkdown: Sendable {
    let sections: TraceSections

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
        return "| `\(trace.traceID)` | \(root) | \(HumanDuration.text(trace.duration)) | \(trace.spans.count) | \(trace.serviceCount) | \(errors) | \(HumanDuration.text(a.totalSaving)) |\n"
    }

    package func section(_ a: TraceAnalysis) -> String {
        let trace = a.trace
        var out = "### Trace `\(trace.traceID)`"
        if let root = trace.rootSpan { out += ": " + Self.operation(trace.spans[root]) }
        let errorCount = trace.errorCount
        out += "\n\n\(HumanDuration.text(trace.duration)), \(trace.spans.count) spans, \(trace.serviceCount) services, \(errorCount) error\(errorCount == 1 ? "" : "s")"
        let clipped = a.paths.reduce(0) { $0 + $1.clippedSpans }
        let dropped = a.paths.reduce(0) { $0 + $1.droppedSpans }
        if clipped + dropped > 0 { out += "; clock skew: \(clipped) span\(clipped == 1 ? "" : "s") clipped, \(dropped) dropped" }
        out += ".\n\n"
        if sections.contains(.criticalPath) { out += criticalPath(a) }
        if sections.contains(.parallel) { out += parallel(a) }
        if sections.contains(.errors) { out += errors(a) }
        return out
    }

    private func criticalPath(_ a: TraceAnalysis) -> String {
        guard let main = a.paths.first(where: { $0.head == a.trace.rootSpan }) else { return "" }
        let rows = CriticalPathRows(main, in: a)
        var out = "**Critical path** (\(HumanDuration.text(main.duration)))\n\n| span | self time | share |\n|---|---:|---:|\n"
        for row in rows.rows {
            let indent = String(repeating: "&nbsp;&nbsp;", count: min(row.depth, 12))
            let hidden = row.hiddenLevels > 0 ? "_(+\(row.hiddenLevels) levels)_ " : ""
            out += "| \(indent)\(row.depth > 0 ? "└ " : "")\(hidden)\(Self.operation(a.trace.spans[row.span])) | \(HumanDuration.text(row.selfTime)) | \(HumanDuration.percent(row.selfTime, of: main.duration)) |\n"
        }
        if rows.omittedSpans > 0 {
            out += "| … \(rows.omittedSpans) more spans | \(HumanDuration.text(rows.omittedTime)) | \(HumanDuration.percent(rows.omittedTime, of: main.duration)) |\n"
        }
        return out + "\n"
    }

    private func parallel(_ a: TraceAnalysis) -> String {
        let groups = a.parallelGroups.sorted { $0.saving != $1.saving ? $0.saving > $1.saving : $0.parent < $1.parent }
        guard !groups.isEmpty else { return "**Parallelizable:** nothing found.\n\n" }
        var out = "**Parallelizable** (\(HumanDuration.text(a.totalSaving)) could be saved)\n\n| calls | under | kind | saving | of |\n|---|---|---|---:|---:|\n"
        for group in groups {
            let calls = group.kind == .nPlusOne
                ? "\(group.repeatCount)× " + Self.operation(OperationKey(service: group.service, name: group.name))
                : "\(group.spans.count) calls"
            let kind = group.kind == .nPlusOne ? "N+1" : "sequential"
            out += "| \(calls) | \(Self.operation(a.trace.spans[group.parent])) | \(kind) | \(HumanDuration.text(group.saving)) | \(HumanDuration.text(group.sum)) |\n"
        }
        return out + "\n"
    }

    private func errors(_ a: TraceAnalysis) -> String {
        let e = a.errors
        guard e.errorSpans > 0 else { return "**Errors:** none.\n\n" }
        let spans = a.trace.spans
        var out = "**Errors** (\(e.errorSpans) error spans, \(e.failed ? "the trace failed" : "handled"))\n\n"
        let rootCauses = Set(e.rootCauses)
        for s in e.rootCauses { out += "- root cause: \(Self.operation(spans[s]))\(Self.message(spans[s]))\n" }
        for s in e.origins where !rootCauses.contains(s) {
            out += "- \(e.failed ? "origin" : "handled origin"): \(Self.operation(spans[s]))\(Self.message(spans[s]))\n"
        }
        if !e.surfaces.isEmpty {
            var names: [String] = []
            for s in e.surfaces.sorted(by: { SpanOrder.less(spans, $1, $0) }) where !names.contains(Self.operation(spans[s])) {
                names.append(Self.operation(spans[s]))
            }
            out += "- surfaces: " + names.joined(separator: " → ") + "\n"
        }
        return out + "\n"
    }

    static func operation(_ span: Span) -> String { operation(OperationKey(span)) }

    static func operation(_ key: OperationKey) -> String {
        cell(key.service) + " `" + TraceText.truncated(cell(key.name), 60).replacingBackticks() + "`"
    }

    private static func message(_ span: Span) -> String {
        span.statusMessage.map { ": " + TraceText.truncated(cell($0), 100) } ?? ""
    }

    /// Text safe inside a table cell: no pipes, no control characters.
    static func cell(_ text: String) -> String {
        let clean = TerminalText.sanitize(text)
        return clean.contains("|") ? clean.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") : clean
    }
}

extension String {
    fileprivate func replacingBackticks() -> String {
        contains("`") ? split(separator: "`", omittingEmptySubsequences: false).joined(separator: "'") : self
    }
}
