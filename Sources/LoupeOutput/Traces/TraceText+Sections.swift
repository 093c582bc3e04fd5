import LoupeTrace

extension TraceText {
    /// The parallelizable groups, largest saving first: what runs in sequence, under which
    /// span, the saving and the group's serial time, and the calls of a sequential group.
    func parallel(_ a: TraceAnalysis) -> String {
        let groups = TraceWords.groupsInOrder(a)
        guard !groups.isEmpty else { return title("parallelizable", "nothing found") }
        let spans = a.trace.spans
        let out = title(
            "parallelizable", TraceWords.count(groups.count, "group") + "; up to \(HumanDuration.text(a.totalSaving)) could be saved")
        var table = ReportTable([.flexible(min: 24, lines: 3), .number, .number])
        table.header(["", "saving", "of total"])
        for (group, depth) in groups {
            let repeated = OperationKey(service: group.service, name: group.name)
            var what =
                group.kind == .nPlusOne
                ? "\(group.repeatCount)× " + operation(repeated) + " (n+1)"
                : "\(group.spans.count) sequential calls"
            if group.nested { what += ", " + style.dim("nested") }
            table.add([
                (depth > 0 ? String(repeating: "  ", count: depth) + "↳ " : "") + what, HumanDuration.text(group.saving),
                HumanDuration.text(group.sum),
            ])
            var under = DisplayWidth.keptTogether("under " + Self.plain(spans[group.parent]))
            if group.kind == .sequential || group.repeatCount < group.spans.count {
                under += ": " + TraceWords.calls(group, spans, operation: Self.plain, together: true)
            }
            table.line(under, indent: depth > 0 ? 4 * depth + 2 : 2, tone: .dim)
        }
        if groups.contains(where: { $0.group.nested }) { table.line(TraceWords.nestedMeaning, indent: 0, tone: .dim) }
        return out + table.render(width: width, indent: 4, style: style)
    }

    /// Where the errors start: the root causes, the other origins, and the spans the error
    /// surfaced in; each message beside its row when it fits, else on its own lines.
    func errors(_ a: TraceAnalysis) -> String {
        let e = a.errors
        guard e.errorSpans > 0 else { return title("errors", "none") }
        let spans = a.trace.spans
        let out = title(
            "errors",
            TraceWords.count(e.errorSpans, "error span") + "; " + TraceWords.outcome(e))
        var table = ReportTable([.text, .flexible(min: 24, lines: 3)])
        let rootCauses = Set(e.rootCauses + e.asyncRootCauses)
        let rows: [(label: String, spans: [Int])] = [
            (style.red("root cause"), e.rootCauses), (style.red("async root cause"), e.asyncRootCauses),
            (e.failed ? "origin" : "handled", e.origins.filter { !rootCauses.contains($0) }),
        ]
        for (label, list) in rows {
            for (s, count) in TraceWords.merged(list, spans) {
                table.add([label, operation(spans[s]) + (count > 1 ? " ×\(count)" : "")], note: message(spans[s]))
            }
        }
        for chain in TraceWords.surfaces(a, operation: Self.plain) {
            let names = chain.map(DisplayWidth.keptTogether)
            table.add(["surfaces"], wrapping: names.prefix(5).joined(separator: " → ") + (names.count > 5 ? " → …" : ""))
        }
        var sentences = ""
        for failure in TraceWords.asyncFailures(a, operation: Self.plain) { sentences += prose(failure.sentence, indent: 4) }
        return out + sentences + table.render(width: width, indent: 4, style: style)
    }

    /// The status message in quotes, or nil.
    private func message(_ span: Span) -> String? {
        span.statusMessage.map { "\"" + DisplayWidth.truncated(TerminalText.sanitize($0), to: 500) + "\"" }
    }
}
