import LoupeGate

/// `--junit FILE`: JUnit XML for CI test reporters.
///
/// One `<testcase>` per group (and per budget that matched no group): a `<failure>` for a
/// regression or a failed budget (one element, listing both when both happened), `<skipped>`
/// for groups the gate cannot judge. Groups on one side only fail with `--fail-on-missing`.
package struct GateJUnitPrinter {
    package init() {}

    /// A test case before it is written.
    struct Case {
        var name: String
        var failures: [(type: String, message: String)] = []
        var skipped: String?
    }

    package func render(_ report: GateReport) -> String {
        let cases = self.cases(report)
        let failures = cases.count { !$0.failures.isEmpty }
        let skipped = cases.count { $0.failures.isEmpty && $0.skipped != nil }
        let counts = "tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\""
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"loupe gate\" \(counts) time=\"0\">\n"
        out += "  <testsuite name=\"loupe gate\" \(counts) time=\"0\">\n"
        out += "    <properties>\n"
        out += "      <property name=\"headline\" value=\"\(escape(GateFormat.headline(report)))\"/>\n"
        if report.comparison != nil {
            out += "      <property name=\"rule\" value=\"\(escape(report.parameters.ruleText))\"/>\n"
        }
        out += "    </properties>\n"
        for testCase in cases {
            let open = "    <testcase classname=\"loupe.gate\" name=\"\(escape(testCase.name))\" time=\"0\""
            if let first = testCase.failures.first {
                let message = testCase.failures.map(\.message).joined(separator: "\n")
                out += open + ">\n"
                out += "      <failure type=\"\(first.type)\" message=\"\(escape(first.message))\">\(escape(message))</failure>\n"
                out += "    </testcase>\n"
            } else if let skipped = testCase.skipped {
                out += open + ">\n      <skipped message=\"\(escape(skipped))\"/>\n    </testcase>\n"
            } else {
                out += open + "/>\n"
            }
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// Comparison groups in report order, then groups only budgets looked at, then budgets
    /// that matched nothing.
    func cases(_ report: GateReport) -> [Case] {
        var cases: [Case] = []
        var index: [GroupKey: Int] = [:]
        for row in report.rows {
            var testCase = Case(name: row.key.label)
            switch row.status {
            case .regression:
                testCase.failures.append(("regression", "regression: " + GateFormat.sentence(row, report.parameters)))
            case .insufficient:
                testCase.skipped =
                    "insufficient: \(row.base?.n ?? 0) baseline and \(row.cur?.n ?? 0) current values (at least \(report.parameters.minSamples) per side needed)"
            case .onlyBase, .onlyCur:
                let sentence = GateFormat.sentence(row, report.parameters)
                if report.failOnMissing {
                    testCase.failures.append(("missing", sentence))
                } else {
                    testCase.skipped = sentence
                }
            case .improvement, .unchanged:
                break
            }
            index[row.key] = cases.count
            cases.append(testCase)
        }
        for result in report.budgetResults {
            if index[result.key] == nil {
                index[result.key] = cases.count
                cases.append(Case(name: result.key.label))
            }
            let i = index[result.key]!
            switch result.status {
            case .failed:
                cases[i].failures.append(
                    ("budget", "budget \(report.budgets[result.budget].text): " + GateFormat.budgetSentence(result, report)))
            case .insufficient:
                if report.comparison == nil { cases[i].skipped = GateFormat.budgetSentence(result, report) }
            case .passed:
                break
            }
        }
        return cases
    }

    /// XML attribute and text escaping (`Markup`'s), line breaks kept as references.
    func escape(_ text: String) -> String { Markup.escape(text, lineBreaks: true) }
}
