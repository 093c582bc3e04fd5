import LoupeGate

/// The terminal summary `loupe gate` prints by default: the headline, the rule, the verdict of
/// every group that is not `unchanged` (all of them with `--all`), the critical-path blame, the
/// budgets and notes. Group, service and operation names come from the input: control
/// characters in them are shown escaped (`\u001b`), piped or not.
package struct GateTextPrinter {
    let color: Bool
    /// The `--value` path (logs mode), to name what was compared.
    let value: String?
    /// List unchanged groups too.
    let all: Bool

    package init(color: Bool, value: String? = nil, all: Bool = false) {
        self.color = color
        self.value = value
        self.all = all
    }

    package func render(_ report: GateReport) -> String {
        let p = GateFormat.percentileName(report.parameters.percentile)
        let headline = TerminalText.sanitize(GateFormat.headline(report))
        var out = "loupe gate: " + style(headline, report.failed ? Colors.failure : Colors.success) + "\n"
        out += "compared \(TerminalText.sanitize(GateFormat.subject(report, value: value))) at \(p)"
        let tally = GateFormat.tally(report)
        out += tally.isEmpty ? "\n" : "; \(tally)\n"
        if report.comparison != nil {
            out += "rule: \(report.parameters.ruleText)\n"
            out += groups(report, p)
        }
        out += blame(report)
        out += budgets(report)
        for note in report.notes { out += "note: \(TerminalText.sanitize(note))\n" }
        return out
    }

    private func groups(_ report: GateReport, _ p: String) -> String {
        guard !report.rows.isEmpty else { return "\nno groups on either side\n" }
        let shown = all ? report.rows : report.rows.filter { $0.status != .unchanged }
        let hidden = report.rows.count - shown.count
        guard !shown.isEmpty else { return "\nall \(GateFormat.plural(hidden, "group")) unchanged (--all lists them)\n" }
        var table = TextColumns([.left, .left, .right, .right, .right, .right, .right])
        table.add(["verdict", "group", "base \(p)", "cur \(p)", "change", "p-value", "n base/cur"])
        for row in shown {
            table.add(
                [
                    GateFormat.verdict(row.status), TerminalText.sanitize(row.key.label), row.base.map { GateFormat.ms($0.gate) } ?? "-",
                    row.cur.map { GateFormat.ms($0.gate) } ?? "-", GateFormat.change(row), GateFormat.pValue(row),
                    "\(row.base?.n ?? 0)/\(row.cur?.n ?? 0)",
                ], style: color ? statusStyle(row.status).map { (0, $0) } : nil)
        }
        var out = "\n" + table.render()
        if hidden > 0 { out += "and \(GateFormat.plural(hidden, "unchanged group")) (--all lists them)\n" }
        if report.missing > 0 && !report.failOnMissing {
            out += "groups on one side only do not fail the gate (--fail-on-missing makes them fail)\n"
        }
        return out
    }

    private func blame(_ report: GateReport) -> String {
        guard report.blame != nil else { return "" }
        let named = report.namedBlame
        var out = "\ncritical path: operations whose self time on the critical path grew (median per trace, baseline -> current)\n"
        // A regression off the critical path explains itself rather than leave blame empty.
        let async = report.asyncRegressions.map { "  " + TerminalText.sanitize(GateFormat.asyncSentence($0)) + "\n" }.joined()
        guard !named.isEmpty else {
            guard GateFormat.saysNoneGrew(report) else { return out + async }
            return out + "  none grew significantly by \(GateParameters.percentText(report.parameters.minAbsMs)) ms or more\n" + async
        }
        var table = TextColumns([.left, .right, .left, .right, .right, .left])
        for row in named {
            table.add([
                TerminalText.sanitize(row.key.service + " " + row.key.name), row.base.map { GateFormat.ms($0.medianMs) } ?? "-", "->",
                row.cur.map { GateFormat.ms($0.medianMs) } ?? "-", GateFormat.signedMs(row.growthMs),
                row.pGreater.map { "p = " + GateFormat.probability($0) } ?? "new",
            ])
        }
        out += table.render(indent: "  ")
        return out + async
    }

    private func budgets(_ report: GateReport) -> String {
        guard !report.budgets.isEmpty else { return "" }
        let checked = report.budgetResults.count
        var out = "\nbudgets: \(report.budgetFailures) failed of \(GateFormat.plural(checked, "check"))\n"
        for result in report.budgetResults where result.status != .passed {
            let mark = result.status == .failed ? style("FAIL", Colors.failure) : style("skip", Colors.muted)
            let sentence = TerminalText.sanitize(report.budgets[result.budget].text + ": " + GateFormat.budgetSentence(result, report))
            out += "  \(mark)  \(sentence)\n"
        }
        return out
    }

    private func statusStyle(_ status: GateStatus) -> String? {
        switch status {
        case .regression: return Colors.failure
        case .improvement: return Colors.success
        case .insufficient, .onlyBase, .onlyCur: return Colors.muted
        case .unchanged: return nil
        }
    }

    private func style(_ text: String, _ code: String) -> String {
        color ? code + text + Colors.reset : text
    }
}
