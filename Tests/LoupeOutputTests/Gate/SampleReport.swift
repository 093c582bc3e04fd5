import LoupeGate
import LoupeTrace

/// A gate report with every kind of row, for the printer tests: built through the real
/// comparison from values chosen so each status occurs.
enum SampleReport {
    static func make(budgets: Bool = true, failOnMissing: Bool = false, parameters: GateParameters = GateParameters()) throws -> GateReport
    {
        let ones = (1...30).map(Double.init)
        var base = SampleTable(fields: ["service.name", "name"])
        var cur = SampleTable(fields: ["service.name", "name"])
        func add(_ key: [String], _ b: [Double], _ c: [Double]) {
            for x in b { base.add(x, to: GroupKey(key)) }
            for x in c { cur.add(x, to: GroupKey(key)) }
        }
        add(["payments", "POST /charge"], ones.map { $0 * 6 }, ones.map { $0 * 12 })  // regression
        add(["search", "GET /q <all> & \"more\""], ones, ones.map { $0 * 2.5 })  // regression, awkward name
        add(["cart", "GET | list"], ones.map { $0 * 4 }, ones.map { $0 * 2 })  // improvement
        add(["users", "SELECT"], ones, ones.map { $0 + 0.01 })  // unchanged
        add(["frontend", "GET /"], ones.map { $0 * 10 }, ones.map { $0 * 10.2 })  // unchanged
        add(["rare", "GET /slow"], Array(ones.prefix(5)), Array(ones.prefix(8)))  // insufficient
        add(["old", "gone"], ones, [])  // only_base
        add(["new", "call"], [], ones)  // only_cur
        var report = GateReport(parameters: parameters, mode: .spans, fields: ["service.name", "name"])
        report.failOnMissing = failOnMissing
        report.comparison = try GateComparison.compare(
            base: GateSide(mode: .spans, table: base, gatePercentile: 95), cur: GateSide(mode: .spans, table: cur, gatePercentile: 95),
            parameters: report.parameters)
        let slow = (1...25).map(Double.init)
        report.blame = Blame.compare(
            base: [summary("payments", "POST /charge", slow), summary("users", "SELECT", slow)],
            cur: [summary("payments", "POST /charge", slow.map { $0 + 40 }), summary("users", "SELECT", slow)])
        if budgets {
            report.budgets = [try Budget.parse("p99 < 150ms"), try Budget.parse("service.name == \"users\": p95 < 1h")]
            var check = try BudgetCheck(report.budgets)
            (report.budgetResults, _) = check.check(
                GateSide(mode: .spans, table: cur, gatePercentile: 95), minSamples: report.parameters.minSamples)
        }
        report.notes = ["an example note"]
        return report
    }

    static func summary(_ service: String, _ name: String, _ values: [Double]) -> BlameSummary {
        BlameSummary(
            key: OperationKey(service: service, name: name), traces: values.count,
            medianMs: SampleSummary(sorted: values, gatePercentile: 50)!.p50, sample: values)
    }
}
