import Glibc
import LoupeGate

/// How the human-readable gate reports write numbers, verdicts and sentences; shared so the
/// terminal summary, Markdown, JUnit and annotations tell the same story in the same words.
package enum GateFormat {
    /// `0.532 ms`, `4.21 ms`, `180.2 ms`, `1530 ms`: about four significant digits.
    package static func ms(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        let magnitude = abs(x)
        let digits = magnitude < 1 ? 3 : magnitude < 10 ? 2 : magnitude < 1000 ? 1 : 0
        return fixed(x, digits) + " ms"
    }

    /// A signed change in ms: `+49.9 ms`, `-3.20 ms`.
    package static func signedMs(_ x: Double) -> String {
        (x > 0 ? "+" : "") + ms(x)
    }

    /// The relative change of the gate percentile: `+27.7%`, `-4.0%`, `new` for a rise from 0.
    package static func change(_ row: GroupComparison) -> String {
        guard let ratio = row.ratio else { return "" }
        guard ratio.isFinite else { return ratio > 0 ? "+∞" : "-∞" }
        let percent = (ratio - 1) * 100
        return (percent > 0 ? "+" : "") + fixed(percent, 1) + "%"
    }

    /// The one-sided p-value that speaks for the row's direction: "faster" for improvements,
    /// "slower" otherwise.
    /// It is the p-value the rule compared: Holm-adjusted by default, raw with `--correction none`.
    package static func pValue(_ row: GroupComparison) -> String {
        guard let test = row.test else { return "" }
        let pGreater = row.adjusted?.pGreater ?? test.pGreater
        let pLess = row.adjusted?.pLess ?? test.pLess
        return probability(row.status == .improvement ? pLess : pGreater)
    }

    /// `0.0123`, `3.2e-12`, `1`.
    package static func probability(_ p: Double) -> String {
        if p >= 0.9995 { return "1" }
        if p >= 0.001 { return fixed(p, 4) }
        if p <= 0 { return "<1e-300" }
        var exponent = Int(log10(p).rounded(.down))
        var mantissa = p / pow(10, Double(exponent))
        if (mantissa * 10).rounded() >= 100 {
            exponent += 1
            mantissa /= 10
        }
        return fixed(mantissa, 1) + "e" + String(exponent)
    }

    /// `x` with exactly `digits` decimals, rounded half away from zero.
    package static func fixed(_ x: Double, _ digits: Int) -> String {
        let scale = pow(10, Double(digits))
        let scaled = (abs(x) * scale).rounded()
        guard scaled < 9e18 else { return String(x) }
        let integer = Int64(scaled)
        var text = String(integer)
        if digits > 0 {
            if text.count <= digits { text = String(repeating: "0", count: digits - text.count + 1) + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -digits))
        }
        return (x < 0 && integer != 0 ? "-" : "") + text
    }

    /// `p95`, `p99.9`.
    package static func percentileName(_ percent: Double) -> String {
        "p" + GateParameters.percentText(percent)
    }

    /// The verdict as a word.
    package static func verdict(_ status: GateStatus) -> String {
        switch status {
        case .regression: return "regression"
        case .improvement: return "improvement"
        case .unchanged: return "unchanged"
        case .insufficient: return "insufficient"
        case .onlyBase: return "only in baseline"
        case .onlyCur: return "only in current"
        }
    }

    /// The one-line headline: the verdict and the count that decided it.
    package static func headline(_ report: GateReport) -> String {
        var parts: [String] = []
        if report.comparison != nil {
            let groups = report.rows.count
            let regressions = report.regressions
            parts.append(
                regressions == 0
                    ? "no regression in \(plural(groups, "group"))"
                    : "\(plural(regressions, "regression")) in \(plural(groups, "group"))")
        }
        if !report.budgets.isEmpty {
            let failures = report.budgetFailures
            // A check skipped for too few values kept nothing: "all budgets kept" would say it did.
            let unchecked = report.budgetResults.count { $0.status == .insufficient }
            if failures > 0 {
                parts.append(plural(failures, "budget failure"))
            } else if unchecked == 0 {
                parts.append("all budgets kept")
            } else {
                parts.append("no budget broken, \(plural(unchecked, "budget check")) skipped for too few values")
            }
        }
        if report.failOnMissing && report.missing > 0 {
            parts.append("\(plural(report.missing, "group")) on one side only")
        }
        return (report.failed ? "FAIL: " : "PASS: ") + parts.joined(separator: ", ")
    }

    /// What the run compared: `spans by service.name, name` or `duration_ms by service`.
    package static func subject(_ report: GateReport, value: String?) -> String {
        let what = report.mode == .spans ? "span durations" : (value ?? "values")
        return what + " by " + report.fields.joined(separator: ", ")
    }

    /// The counts of the statuses other than regression: `2 improvements, 55 unchanged`.
    package static func tally(_ report: GateReport) -> String {
        let statuses: [GateStatus] = [.improvement, .unchanged, .insufficient, .onlyBase, .onlyCur]
        return statuses.compactMap { status in
            let n = report.rows(status).count
            return n == 0 ? nil : "\(n) \(verdict(status))"
        }.joined(separator: ", ")
    }

    /// A regression or improvement in one sentence, for failure messages and annotations.
    package static func sentence(_ row: GroupComparison, _ parameters: GateParameters) -> String {
        let p = percentileName(parameters.percentile)
        guard let base = row.base, let cur = row.cur else {
            return row.status == .onlyBase
                ? "\(row.key.label): only in the baseline (\(plural(row.base?.n ?? 0, "value")))"
                : "\(row.key.label): only in the current run (\(plural(row.cur?.n ?? 0, "value")))"
        }
        var text = "\(row.key.label): \(p) \(ms(base.gate)) -> \(ms(cur.gate)) (\(change(row)), \(signedMs(row.deltaMs ?? 0)))"
        if row.test != nil {
            text += ", Mann-Whitney p = \(pValue(row))" + (parameters.correction == .holm && row.adjusted != nil ? " (Holm-adjusted)" : "")
        }
        return text + ", n = \(base.n)/\(cur.n)"
    }

    /// Why blame names nothing for a regressed group whose spans are all async, in one sentence.
    package static func asyncSentence(_ row: GroupComparison) -> String {
        "\(row.key.label) is async: its spans are in detached fragments (work the request did not wait for),"
            + " off the request's critical path, so their time did not make the request slower"
    }

    /// Whether a blame section must still say that nothing on the critical path grew: nothing
    /// is named and not every regression is explained as async.
    package static func saysNoneGrew(_ report: GateReport) -> Bool {
        report.namedBlame.isEmpty && (report.regressions == 0 || report.asyncRegressions.count < report.regressions)
    }

    /// A budget result in one sentence.
    package static func budgetSentence(_ result: BudgetResult, _ report: GateReport) -> String {
        let budget = report.budgets[result.budget]
        let op = budget.inclusive ? "<=" : "<"
        let verdictText: String
        switch result.status {
        case .failed: verdictText = "over budget"
        case .passed: verdictText = "within budget"
        case .insufficient: verdictText = "not checked: fewer than \(report.parameters.minSamples) values"
        }
        return
            "\(result.key.label): \(percentileName(budget.percentile)) \(ms(result.valueMs)) \(verdictText) (\(percentileName(budget.percentile)) \(op) \(ms(budget.limitMs)), n = \(result.n))"
    }

    package static func plural(_ n: Int, _ word: String) -> String {
        "\(n) " + (n == 1 ? word : word + "s")
    }
}
