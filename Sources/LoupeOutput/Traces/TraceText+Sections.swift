import LoupeTrace

extension TraceText {
    /// The parallelizable groups, largest saving first: what runs in sequence, under which
    /// span, the saving and the group's serial time, and the calls of a sequential group.
    func parallel(_ a: TraceAnalysis) -> String {
        let groups = a.parallelGroups.sorted { $0.saving != $1.saving ? $0.saving > $1.saving : $0.parent < $1.parent }
        guard !groups.isEmpty else { return title("parallelizable", "nothing found") }
        let spans = a.trace.spans
        let out = title(
            "parallelizable", TraceWords.count(groups.count, "group") + "; up to \(HumanDuration.text(a.totalSaving)) could be saved")
        var table = ReportTable([.flexible(min: 24, lines: 3), .number, .number])
        table.header(["", "saving", "of total"])
        for group in groups {
            let repeated = OperationKey(service: group.service, name: group.name)
            let what =
                group.kind == .nPlusOne
                ? "\(group.repeatCount)× " + operation(repeated) + " (n+1)"
                : "\(group.spans.count) sequential calls"
            table.add([what, HumanDuration.text(group.saving), HumanDuration.text(group.sum)])
            var under = DisplayWidth.keptTogether("under " + Self.plain(spans[group.parent]))
            if group.kind == .sequential || group.repeatCount < group.spans.count {
                under += ": " + TraceWords.calls(group, spans, operation: Self.plain, together: true)
            }
            table.line(under, indent: 2, tone: .dim)
        }
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
            TraceWords.count(e.errorSpans, "error span") + "; "
                + (e.failed ? "the trace failed" : "the trace succeeded (errors were handled)"))
        var table = ReportTable([.text, .flexible(min: 24, lines: 3)])
        let rootCauses = Set(e.rootCauses)
        for s in e.rootCauses { table.add([style.red("root cause"), operation(spans[s])], note: message(spans[s])) }
        for s in e.origins where !rootCauses.contains(s) {
            table.add([e.failed ? "origin" : "handled", operation(spans[s])], note: message(spans[s]))
        }
        if !e.surfaces.isEmpty {
            let ordered = e.surfaces.sorted { SpanOrder.less(spans, $1, $0) }
            var names: [String] = []
            for s in ordered where !names.contains(Self.plain(spans[s])) { names.append(Self.plain(spans[s])) }
            names = names.map(DisplayWidth.keptTogether)
            table.add(["surfaces"], wrapping: names.prefix(5).joined(separator: " → ") + (names.count > 5 ? " → …" : ""))
        }
        return out + table.render(width: width, indent: 4, style: style)
    }

    /// The status message in quotes, or nil.
    private func message(_ span: Span) -> String? {
        span.statusMessage.map { "\"" + TerminalText.sanitize($0) + "\"" }
    }
}
