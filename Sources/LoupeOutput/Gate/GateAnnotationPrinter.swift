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

    /// Percent escapes for the runner's separators, and every other control character as a
    /// visible `\u001b`: a name holding ESC must not act on the terminal of whoever reads the
    /// log. By scalar, because CR LF is one `Character`.
    private func escape(_ text: String, property: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            case ":" where property: out += "%3A"
            case "," where property: out += "%2C"
            case _ where CellText.isControl(scalar): out += CellText.unicodeEscape(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
