import LoupeGate
import LoupeTrace

/// `--report FILE`: a Markdown report for a pull-request comment.
///
/// A one-line headline, the rule in one line, then a table (group, baseline, current, change,
/// p-value, verdict) with regressions first; unchanged groups fold into a `<details>` block so
/// the comment stays short. Then the critical-path blame, the budgets and notes.
package struct GateMarkdownPrinter {
    let value: String?

    package init(value: String? = nil) {
        self.value = value
    }

    package func render(_ report: GateReport) -> String {
        let p = GateFormat.percentileName(report.parameters.percentile)
        var out = "### loupe gate: \(report.failed ? "❌" : "✅") \(GateFormat.headline(report))\n\n"
        out += "Compared \(GateFormat.subject(report, value: value)) at \(p)"
        let tally = GateFormat.tally(report)
        out += tally.isEmpty ? ".\n" : " (\(tally)).\n"
        if report.comparison != nil {
            out += "Rule: \(report.parameters.ruleText).\n"
            let shown = report.rows.filter { $0.status != .unchanged }
            let unchanged = report.rows(.unchanged)
            if !shown.isEmpty { out += "\n" + table(shown, p) }
            if !unchanged.isEmpty {
                out += "\n<details><summary>\(GateFormat.plural(unchanged.count, "unchanged group"))</summary>\n\n"
                out += table(unchanged, p) + "\n</details>\n"
            }
            if report.missing > 0 {
                out += "\n"
                out +=
                    report.failOnMissing
                    ? "Groups on one side only fail the gate (`--fail-on-missing`).\n"
                    : "Groups on one side only are listed but do not fail the gate.\n"
            }
        }
        out += pathChanges(report)
        out += blame(report)
        out += budgets(report)
        if !report.notes.isEmpty {
            out += "\n" + report.notes.map { "> Note: \(cell($0))\n" }.joined()
        }
        return out
    }

    private func table(_ rows: [GroupComparison], _ p: String) -> String {
        var out = "| Group | Baseline \(p) | Current \(p) | Change | p-value | Verdict |\n"
        out += "|---|---:|---:|---:|---:|---|\n"
        for row in rows {
            let base = row.base.map { "\(GateFormat.ms($0.gate)) (n=\($0.n))" } ?? "–"
            let cur = row.cur.map { "\(GateFormat.ms($0.gate)) (n=\($0.n))" } ?? "–"
            out +=
                "| \(cell(row.key.label)) | \(base) | \(cur) | \(GateFormat.change(row)) | \(GateFormat.pValue(row)) | \(verdict(row.status)) |\n"
        }
        return out
    }

    /// Under each regression, the operation paths ending in its operation that changed most
    /// (`loupe diff` of the two sides' traces): which part of the request got slower, not only
    /// which spans did. When no regression is a (service, name) group with changed paths, the
    /// request's largest changes.
    private func pathChanges(_ report: GateReport) -> String {
        let regressions = report.rows(.regression)
        guard let diff = report.diff, !regressions.isEmpty else { return "" }
        let changed = diff.rows.filter { $0.change != .same }
        guard !changed.isEmpty else { return "" }
        var out = "\n#### Operation paths that changed\n\nThe request compared by `loupe diff` (median per trace of each request type):\n"
        var shown = false
        if report.fields == SpanFields.defaultKey {
            for regression in regressions.prefix(report.blameLimit) {
                let rows = changed.filter { row in row.path.steps.last.map { [$0.service, $0.name] } == regression.key.values }
                guard !rows.isEmpty else { continue }
                shown = true
                out += "\n**\(cell(regression.key.label))**\n\n" + TraceDiffReport.markdownHeader
                out += rows.prefix(3).map { TraceDiffReport.markdownRow($0) + "\n" }.joined()
            }
        }
        if !shown {
            out += "\n" + TraceDiffReport.markdownHeader + changed.prefix(3).map { TraceDiffReport.markdownRow($0) + "\n" }.joined()
        }
        return out
    }

    private func blame(_ report: GateReport) -> String {
        guard report.blame != nil else { return "" }
        var out = "\n#### Critical path: where the time went\n\n"
        let named = report.namedBlame
        // A regression off the critical path explains itself rather than leave blame empty.
        let async = report.asyncRegressions.map { "\n" + cell(GateFormat.asyncSentence($0)) + ".\n" }.joined()
        guard !named.isEmpty else {
            guard GateFormat.saysNoneGrew(report) else { return out + async.dropFirst() }
            return out
                + "No operation's critical-path self time grew significantly by \(GateParameters.percentText(report.parameters.minAbsMs)) ms or more.\n"
                + async
        }
        out += "The operations whose self time on the critical path grew most (median per trace):\n\n"
        out += "| Operation | Baseline | Current | Growth | p-value |\n|---|---:|---:|---:|---:|\n"
        for row in named {
            let base = row.base.map { GateFormat.ms($0.medianMs) } ?? "–"
            let cur = row.cur.map { GateFormat.ms($0.medianMs) } ?? "–"
            let p = row.pGreater.map(GateFormat.probability) ?? "new"
            out += "| \(cell(row.key.service + " " + row.key.name)) | \(base) | \(cur) | \(GateFormat.signedMs(row.growthMs)) | \(p) |\n"
        }
        return out + async
    }

    private func budgets(_ report: GateReport) -> String {
        guard !report.budgets.isEmpty else { return "" }
        var out = "\n#### Budgets\n\n"
        let failedOrSkipped = report.budgetResults.filter { $0.status != .passed }
        let passed = report.budgetResults.count - failedOrSkipped.count
        out += "\(report.budgetFailures) failed, \(passed) passed.\n"
        if !failedOrSkipped.isEmpty {
            out += "\n| Budget | Group | Value | Verdict |\n|---|---|---:|---|\n"
            for result in failedOrSkipped {
                let budget = report.budgets[result.budget]
                let verdict = result.status == .failed ? "**over budget**" : "not checked (n=\(result.n))"
                out += "| \(code(budget.text)) | \(cell(result.key.label)) | \(GateFormat.ms(result.valueMs)) | \(verdict) |\n"
            }
        }
        return out
    }

    private func verdict(_ status: GateStatus) -> String {
        switch status {
        case .regression: return "🔴 **regression**"
        case .improvement: return "🟢 improvement"
        default: return GateFormat.verdict(status)
        }
    }

    /// Names and sentences in the report show as written (`MarkdownText`).
    private func cell(_ text: String) -> String {
        MarkdownText.text(text)
    }

    private func code(_ text: String) -> String {
        MarkdownText.code(text)
    }
}
