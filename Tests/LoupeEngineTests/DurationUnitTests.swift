import LoupeJSON
import LoupeQuery
import Testing

@testable import LoupeEngine

/// A query and the unit of each output column (nil: not a duration), as a unit symbol.
struct ColumnUnitCase: CustomTestStringConvertible, Sendable {
    let query: String
    let units: [String?]
    var spans = false
    var testDescription: String { query }
}

@Suite("Duration units of columns")
struct DurationUnitTests {
    static let ns = DurationUnit(nanoseconds: 1)
    static let ms = DurationUnit(nanoseconds: 1e6)

    /// The column's unit is decided once, from the aggregate and its argument's unit; the stages
    /// after it keep it (`where`, `sort`, `limit`) or pass it on (a further `stats`).
    static let columnCases: [ColumnUnitCase] = [
        // Aggregates that measure in their argument's unit keep it; counts have none.
        ColumnUnitCase(
            query:
                "* | stats count(), sum(duration_ms), avg(duration_ms), min(duration_ms), max(duration_ms), p95(duration_ms), distinct(duration_ms) by service",
            units: [nil, nil, "ms", "ms", "ms", "ms", "ms", nil]),
        ColumnUnitCase(query: "* | stats percentile(took_usec, 90) as p90", units: ["us"]),
        ColumnUnitCase(query: "* | stats avg(timing.ms), max(totalSeconds), sum(elapsedNs)", units: ["ms", "s", "ns"]),
        // A field whose name does not say its unit has none (bunyan's `duration`).
        ColumnUnitCase(query: "* | stats p95(duration), avg(http.status)", units: [nil, nil]),
        // Span `duration` is nanoseconds whatever its name says.
        ColumnUnitCase(query: "* | stats p95(duration), max(end) by service.name", units: [nil, "ns", nil], spans: true),
        // Keys, fields and distinct hold their path's values; a bucket holds timestamps.
        ColumnUnitCase(query: "* | count by duration_ms, bucket(ts, 1m)", units: ["ms", nil, nil]),
        ColumnUnitCase(query: "* | fields msg, duration_ms as d", units: [nil, "ms"]),
        ColumnUnitCase(query: "* | distinct duration", units: ["ns"], spans: true),
        // Row stages keep the units; a further stats over a column takes the column's unit.
        ColumnUnitCase(
            query: "* | stats p95(duration) as p by service.name | where p > 50ms | sort p desc | limit 2", units: [nil, "ns"], spans: true),
        ColumnUnitCase(query: "* | stats p95(duration) as p by service.name | stats max(p), count()", units: ["ns", nil], spans: true),
        ColumnUnitCase(query: "* | stats p95(duration_ms) as slowest by service | stats max(slowest) as worst", units: ["ms"]),
        ColumnUnitCase(query: "* | limit 10 | stats sum(duration)", units: ["ns"], spans: true),
    ]

    @Test(arguments: columnCases)
    func columnUnits(_ c: ColumnUnitCase) throws {
        var options = Compiler.Options()
        if c.spans { options.durationScales = [FieldPath(dotted: "duration"): 1] }
        var program = try Compiler.compile(Parser.parse(c.query), options: options)
        if let then = program.then { program = then.program }
        guard case .rows(let plan) = program.plan else {
            Issue.record("no rows")
            return
        }
        #expect(plan.outputUnits.map { $0?.symbol } == c.units)
    }

    /// A row `where` after stats compares a duration literal in the column's unit.
    @Test func rowFilterComparesInTheColumnsUnit() throws {
        var options = Compiler.Options()
        options.durationScales = [FieldPath(dotted: "duration"): 1]
        let program = try Compiler.compile(Parser.parse("* | stats max(duration) as worst | where worst > 50ms"), options: options)
        guard case .rows(let plan) = program.plan, case .filter(let filter) = plan.stages.first else {
            Issue.record("no row filter")
            return
        }
        let records = [#"{"worst":50000001}"#, #"{"worst":50000000}"#, #"{"worst":49}"#]
        let outcomes = records.map { line in
            Array(line.utf8).withUnsafeBufferPointer { buffer -> Bool in
                var evaluator = RecordEvaluator(program: filter)
                if case .match = evaluator.evaluate(buffer.baseAddress!, buffer.count) { return true }
                return false
            }
        }
        #expect(outcomes == [true, false, false])
    }

    static let machineNameCases: [(String, DurationUnit?, String)] = [
        ("p95(duration)", ns, "p95(duration)_ns"),
        ("duration", ns, "duration_ns"),
        ("p50", ms, "p50_ms"),
        ("count", nil, "count"),
        // The name says the unit already: its last word, or the field an aggregate is over.
        ("duration_ms", ms, "duration_ms"),
        ("worst_ms", ms, "worst_ms"),
        ("ms", ms, "ms"),
        ("took.ms", ms, "took.ms"),
        ("p99(duration_ms)", ms, "p99(duration_ms)"),
        ("percentile(latencyMillis, 90)", ms, "percentile(latencyMillis, 90)"),
        ("avg(timing.ms)", ms, "avg(timing.ms)"),
        // A name that says another unit still gets the column's.
        ("worst_s", ms, "worst_s_ms"),
        ("p95(elapsed_ns)", ms, "p95(elapsed_ns)_ms"),
    ]

    @Test(arguments: machineNameCases)
    func machineName(_ name: String, _ unit: DurationUnit?, _ expected: String) {
        #expect(DurationUnit.machineName(name, unit: unit) == expected)
    }

    @Test func symbols() {
        #expect([1, 1e3, 1e6, 1e9, 60e9].map { DurationUnit(nanoseconds: $0).symbol } == ["ns", "us", "ms", "s", "m"])
    }
}
