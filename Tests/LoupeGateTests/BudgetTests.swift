import Testing

@testable import LoupeGate

/// `--budget '[FILTER:] pN < DURATION'`: parsing, and checking against current groups.
struct BudgetTests {
    struct Parsed: Sendable, CustomTestStringConvertible {
        var text: String
        var filter: String?
        var percentile: Double
        var limitMs: Double
        var inclusive = false
        var testDescription: String { text }
    }

    @Test(arguments: [
        Parsed(text: "p99 < 300ms", filter: nil, percentile: 99, limitMs: 300),
        Parsed(text: "p95<1.5s", filter: nil, percentile: 95, limitMs: 1500),
        Parsed(text: "  p50 <= 250us ", filter: nil, percentile: 50, limitMs: 0.25, inclusive: true),
        Parsed(text: "p999 < 2s", filter: nil, percentile: 99.9, limitMs: 2000),
        Parsed(text: "p99.5 < 40", filter: nil, percentile: 99.5, limitMs: 40),
        Parsed(text: "service.name == \"checkout\": p95 < 120ms", filter: "service.name == \"checkout\"", percentile: 95, limitMs: 120),
        Parsed(
            text: "name ~ /^GET/ and service.name != \"a:b\" : p90 < 1m", filter: "name ~ /^GET/ and service.name != \"a:b\"",
            percentile: 90, limitMs: 60000),
        Parsed(text: "n < 5:p99<3ms", filter: "n < 5", percentile: 99, limitMs: 3),
    ])
    func parses(_ c: Parsed) throws {
        let budget = try Budget.parse(c.text)
        #expect(budget.filterText == c.filter)
        #expect(budget.percentile == c.percentile)
        #expect(close(budget.limitMs, c.limitMs))
        #expect(budget.inclusive == c.inclusive)
        #expect((budget.filter != nil) == (c.filter != nil))
    }

    @Test(arguments: [
        ("p99 300ms", "no '<' before the limit"),
        ("p99 < fast", "cannot read the limit 'fast'"),
        ("q99 < 3ms", "'q99' is not a percentile"),
        ("p101 < 3ms", "'p101' is not a percentile"),
        ("service == \"a\" p99 < 3ms", "put a ':' between the filter and the percentile"),
        (": p99 < 3ms", "the filter before ':' is empty"),
        ("service == : p99 < 3ms", "the filter is not valid"),
    ])
    func rejects(text: String, message: String) {
        #expect {
            try Budget.parse(text)
        } throws: { error in
            (error as? GateError)?.description.contains(message) == true
        }
    }

    static func side() -> GateSide {
        var table = SampleTable(fields: ["service.name", "name"])
        for i in 1...100 {
            table.add(Double(i), to: GroupKey(["checkout", "POST /orders"]))
            table.add(Double(i) * 3, to: GroupKey(["frontend", "GET /"]))
        }
        for i in 1...5 { table.add(Double(i) * 1000, to: GroupKey(["rare", "GET /slow"])) }
        return GateSide(mode: .spans, table: table, gatePercentile: 95)
    }

    @Test func checksMatchingGroupsOnly() throws {
        var check = try BudgetCheck([
            Budget.parse("p99 < 200ms"),
            Budget.parse("service.name == \"checkout\": p95 < 95"),
            Budget.parse("service.name == \"nope\": p95 < 1ms"),
        ])
        let (results, unmatched) = check.check(Self.side(), minSamples: 20)
        let summary = results.map { "\($0.budget) \($0.key.label) \($0.status.rawValue) \($0.valueMs)" }
        // numpy: p99 of 1...100 is 99.01, of 3, 6, ..., 300 it is 297.03000000000003; p95 of 1...100 is 95.05.
        #expect(
            summary == [
                "0 frontend GET / failed 297.03000000000003", "1 checkout POST /orders failed 95.05",
                "0 rare GET /slow insufficient 4960.0",
                "0 checkout POST /orders passed 99.01",
            ])
        #expect(unmatched == [2])
    }

    @Test func inclusiveLimit() throws {
        var check = try BudgetCheck([Budget.parse("service.name == \"checkout\": p0 <= 1ms")])
        #expect(check.check(Self.side(), minSamples: 20).results.map(\.status) == [.passed])
        var strict = try BudgetCheck([Budget.parse("service.name == \"checkout\": p0 < 1ms")])
        #expect(strict.check(Self.side(), minSamples: 20).results.map(\.status) == [.failed])
    }
}
