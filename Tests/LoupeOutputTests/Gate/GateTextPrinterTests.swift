import Testing

@testable import LoupeGate
@testable import LoupeOutput

/// The terminal summary and the GitHub annotations tell the same story as the JSON.
struct GateTextPrinterTests {
    @Test func summaryNamesVerdictsRuleAndBlame() throws {
        let text = GateTextPrinter(color: false).render(try SampleReport.make())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "loupe gate: FAIL: 2 regressions in 8 groups, 2 budget failures")
        #expect(lines[2].hasPrefix("rule: a group regresses when its p95 grew by at least 10% and at least 1 ms"))
        #expect(lines[4].hasPrefix("verdict"))
        #expect(lines[5].hasPrefix("regression  ") && lines[5].contains("search GET /q <all>") && lines[5].contains("+150.0%"))
        #expect(text.contains("only in baseline"))
        #expect(text.contains("groups on one side only do not fail the gate"))
        #expect(text.contains("  payments POST /charge  13.0 ms  ->  53.0 ms  +40.0 ms  p = 7.1e-10"))
        #expect(text.contains("FAIL  p99 < 150ms: frontend GET /: p99 303.0 ms over budget"))
        #expect(!text.contains("service.name == \"users\""), "a kept budget is not listed")
        #expect(text.hasSuffix("note: an example note\n"))
        #expect(!text.contains("\u{1B}"))
        #expect(GateTextPrinter(color: true).render(try SampleReport.make()).contains(Colors.failure + "regression"))
    }

    @Test func passingRun() throws {
        var table = SampleTable(fields: ["service"])
        for x in 1...30 { table.add(Double(x), to: GroupKey(["api"])) }
        var report = GateReport(parameters: GateParameters(), mode: .logs, fields: ["service"])
        report.comparison = try GateComparison.compare(
            base: GateSide(mode: .logs, table: table, gatePercentile: 95), cur: GateSide(mode: .logs, table: table, gatePercentile: 95),
            parameters: report.parameters)
        let text = GateTextPrinter(color: false, value: "duration_ms").render(report)
        #expect(text.hasPrefix("loupe gate: PASS: no regression in 1 group\ncompared duration_ms by service at p95; 1 unchanged\n"))
    }

    @Test func annotations() throws {
        let text = GateAnnotationPrinter().render(try SampleReport.make())
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("::error title=loupe gate%3A latency regression::") }.count == 2)
        #expect(lines.filter { $0.hasPrefix("::warning title=loupe gate%3A group on one side only::") }.count == 2)
        #expect(lines.filter { $0.hasPrefix("::error title=loupe gate%3A budget p99 < 150ms::") }.count == 2)
        #expect(lines.last == "::notice title=loupe gate::FAIL: 2 regressions in 8 groups, 2 budget failures")
        // p_> = 3.0e-4 is the second smallest of 5: Holm multiplies it by 4.
        #expect(
            lines.contains(
                "::error title=loupe gate%3A latency regression::payments POST /charge: p95 171.3 ms -> 342.6 ms (+100.0%25, +171.3 ms), Mann-Whitney p = 0.0012 (Holm-adjusted), n = 30/30"
            ), "\(lines)")
        var parameters = GateParameters()
        parameters.correction = .none
        let uncorrected = GateAnnotationPrinter().render(try SampleReport.make(parameters: parameters)).split(separator: "\n")
        #expect(
            uncorrected.contains(
                "::error title=loupe gate%3A latency regression::payments POST /charge: p95 171.3 ms -> 342.6 ms (+100.0%25, +171.3 ms), Mann-Whitney p = 3.0e-4, n = 30/30"
            ), "\(uncorrected)")
    }

    @Test(arguments: [
        (0.5318, "0.532 ms"), (4.2149, "4.21 ms"), (180.24, "180.2 ms"), (1530.4, "1530 ms"), (-3.2, "-3.20 ms"), (0.0004, "0.000 ms"),
    ])
    func milliseconds(value: Double, text: String) {
        #expect(GateFormat.ms(value) == text)
    }

    @Test(arguments: [(0.3630, "0.3630"), (0.0012, "0.0012"), (1.2e-12, "1.2e-12"), (9.96e-5, "1.0e-4"), (1, "1"), (0, "<1e-300")])
    func probabilities(value: Double, text: String) {
        #expect(GateFormat.probability(value) == text)
    }
}
