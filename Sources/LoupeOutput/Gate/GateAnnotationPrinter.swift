import LoupeGate

/// `--github`: GitHub Actions workflow commands, so regressions show on the pull request.
///
/// `::error` for each regression and failed budget (and for groups on one side only under
/// `--fail-on-missing`), `::warning` for groups on one side only otherwise, and one `::notice`
/// with the headline.
package struct GateAnnotationPrinter {
    package init() {}

    package func render(_ report: GateReport) -> String {
        var out = ""
        for row in report.rows {
            switch row.status {
            case .regression:
                out += command("error", "loupe gate: latency regression", GateFormat.sentence(row, report.parameters))
            case .onlyBase, .onlyCur:
                out += command(
                    report.failOnMissing ? "error" : "warning", "loupe gate: group on one side only",
                    GateFormat.sentence(row, report.parameters))
            default:
                break
            }
        }
        for result in report.budgetResults where result.status == .failed {
            out += command("error", "loupe gate: budget \(report.budgets[result.budget].text)", GateFormat.budgetSentence(result, report))
        }
        out += command("notice", "loupe gate", GateFormat.headline(report))
        return out
    }

    /// `::level title=T::message`, escaped as the runner expects.
    private func command(_ level: String, _ title: String, _ message: String) -> String {
        "::\(level) title=\(escape(title, property: true))::\(escape(message, property: false))\n"
    }

    private func escape(_ text: String, property: Bool) -> String {
        text.escaped {
            switch $0 {
            case "%": "%25"
            case "\r": "%0D"
            case "\n": "%0A"
            case ":" where property: "%3A"
            case "," where property: "%2C"
            default: nil
            }
        }
    }
}
