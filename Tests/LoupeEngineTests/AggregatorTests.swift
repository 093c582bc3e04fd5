import Glibc
import LoupeJSON
import LoupeQuery
import Testing

@testable import LoupeEngine

/// Values for one numeric column (JSON text; nil is a missing key) and what each aggregate
/// gives, as JSON text, computed by hand.
struct NumericColumnCase: CustomTestStringConvertible, Sendable {
    let name: String
    let values: [String?]
    let sum: String, avg: String, min: String, max: String
    let missing: Int, notNumber: Int
    var testDescription: String { name }
}

/// Values of `distinct(v)` (JSON text, nil missing) and the count expected.
struct DistinctCase: CustomTestStringConvertible, Sendable {
    let values: [String?]
    let count: Int
    var testDescription: String { values.map { $0 ?? "missing" }.joined(separator: " ") }
}

@Suite("Aggregators")
struct AggregatorTests {
    // MARK: - NumericColumn: sum, avg, min, max and what is left out

    static let columnCases: [NumericColumnCase] = [
        NumericColumnCase(name: "integers", values: ["1", "2", "3"], sum: "6", avg: "2", min: "1", max: "3", missing: 0, notNumber: 0),
        NumericColumnCase(
            name: "integers from 1e15", values: ["1e15", "2e15"], sum: "3000000000000000", avg: "1500000000000000", min: "1000000000000000",
            max: "2000000000000000", missing: 0, notNumber: 0),
        NumericColumnCase(
            name: "one value", values: ["-4.25"], sum: "-4.25", avg: "-4.25", min: "-4.25", max: "-4.25", missing: 0, notNumber: 0),
        NumericColumnCase(
            name: "every JSON number spelling", values: ["1.5", "-2", "1e2", "2E-1", "-0", "0.0"], sum: "99.7", avg: "16.616666666666667",
            min: "-2", max: "100", missing: 0, notNumber: 0),
        NumericColumnCase(
            name: "null and missing are left out as missing", values: [nil, "null", "4", nil], sum: "4", avg: "4", min: "4", max: "4",
            missing: 3, notNumber: 0),
        NumericColumnCase(
            name: "booleans, arrays, objects and strings that are no JSON number are left out as not numbers",
            values: ["true", "false", "[1]", "{}", #""""#, #""5 ""#, #""05""#, #""five""#, "7"], sum: "7", avg: "7", min: "7", max: "7",
            missing: 0, notNumber: 8),
        NumericColumnCase(
            name: "strings whose whole (decoded) text is a JSON number are numbers",
            values: [#""5""#, #""-1.5e1""#, #""1\u0032""#, "7"], sum: "9", avg: "2.25", min: "-15", max: "12", missing: 0, notNumber: 0),
        NumericColumnCase(name: "no values at all", values: [], sum: "0", avg: "null", min: "null", max: "null", missing: 0, notNumber: 0),
        NumericColumnCase(
            name: "nothing numeric", values: [nil, #""x""#], sum: "0", avg: "null", min: "null", max: "null", missing: 1, notNumber: 1),
        // The sum is compensated: these are the correctly rounded sums (Python's math.fsum).
        NumericColumnCase(
            name: "0.1 + 0.2 + 0.3 is 0.6", values: ["0.1", "0.2", "0.3"], sum: "0.6", avg: "0.19999999999999998", min: "0.1", max: "0.3",
            missing: 0, notNumber: 0),
        NumericColumnCase(
            name: "a small value between two that cancel", values: ["1e16", "1", "-1e16"], sum: "1", avg: "0.3333333333333333",
            min: "-10000000000000000", max: "10000000000000000", missing: 0, notNumber: 0),
        NumericColumnCase(
            name: "a small fraction between two that cancel", values: ["1.5e16", "0.5", "-1.5e16"], sum: "0.5", avg: "0.16666666666666666",
            min: "-15000000000000000", max: "15000000000000000", missing: 0, notNumber: 0),
        NumericColumnCase(
            name: "a sum of finite values too big for a double is null; their average is not", values: ["1e308", "1e308"], sum: "null",
            avg: "1e+308", min: "1e+308", max: "1e+308", missing: 0, notNumber: 0),
        NumericColumnCase(
            name: "an infinite value makes an infinite sum", values: ["1e400", "1"], sum: "1e999", avg: "1e999", min: "1", max: "1e999",
            missing: 0, notNumber: 0),
        // Integers are exact: sum (while it fits in Int64), min and max keep every digit; avg is a
        // double, shown without a fraction up to 2^53 and beyond in the shortest exact form.
        NumericColumnCase(
            name: "large integers", values: ["9007199254740992", "1", "1"], sum: "9007199254740994", avg: "3002399751580331.5",
            min: "1", max: "9007199254740992", missing: 0, notNumber: 0),
        NumericColumnCase(
            name: "integers beyond 2^53", values: ["1712790000123000001", "1712790000123000002", "1.712790000123000003e18"],
            sum: "5138370000369000006", avg: "1.712790000123e+18", min: "1712790000123000001", max: "1712790000123000003", missing: 0,
            notNumber: 0),
        NumericColumnCase(
            name: "the ends of Int64", values: ["9223372036854775807", "-9223372036854775808"], sum: "-1", avg: "-0.5",
            min: "-9223372036854775808", max: "9223372036854775807", missing: 0, notNumber: 0),
        NumericColumnCase(
            name: "a sum past Int64 falls back to a double", values: ["9223372036854775807", "1"], sum: "9.223372036854776e+18",
            avg: "4.611686018427388e+18", min: "1", max: "9223372036854775807", missing: 0, notNumber: 0),
        NumericColumnCase(
            name: "a sum past -2^63 falls back to a double", values: ["-9223372036854775808", "-1"], sum: "-9.223372036854776e+18",
            avg: "-4.611686018427388e+18", min: "-9223372036854775808", max: "-1", missing: 0, notNumber: 0),
        NumericColumnCase(
            name: "a sum that leaves Int64 on the way and comes back is exact",
            values: ["9223372036854775807", "9223372036854775807", "-9223372036854775807", "-2"], sum: "9223372036854775805",
            avg: "2.305843009213694e+18", min: "-9223372036854775807", max: "9223372036854775807", missing: 0, notNumber: 0),
        NumericColumnCase(
            name: "a fraction makes the sum a double; min and max stay exact", values: ["1712790000123000001", "0.5", "-3"],
            sum: "1.712790000123e+18", avg: "5.70930000041e+17", min: "-3", max: "1712790000123000001", missing: 0, notNumber: 0),
        NumericColumnCase(
            name: "min and max across integers and fractions", values: ["2", "2.5", "-0.5", "-0"], sum: "4", avg: "1", min: "-0.5",
            max: "2.5", missing: 0, notNumber: 0),
    ]

    @Test(arguments: columnCases)
    func numericColumn(_ c: NumericColumnCase) throws {
        let column = try StageHarness.column(c.values)
        #expect(column.result(.sum).jsonText == c.sum)
        #expect(column.result(.avg).jsonText == c.avg)
        #expect(column.result(.min).jsonText == c.min)
        #expect(column.result(.max).jsonText == c.max)
        #expect(column.leftOut == LeftOutCount(missing: c.missing, notNumber: c.notNumber))
    }

    /// Cutting the values anywhere and merging the two columns in order gives the same results
    /// as one column, to the last bit.
    @Test(arguments: columnCases)
    func numericColumnMergesAtEveryCut(_ c: NumericColumnCase) throws {
        let whole = try StageHarness.column(c.values)
        for cut in 0...c.values.count {
            let first = try StageHarness.column(Array(c.values[..<cut]))
            first.merge(try StageHarness.column(Array(c.values[cut...])))
            for function in [Aggregate.Function.sum, .avg, .min, .max, .percentile(50), .percentile(99)] {
                #expect(first.result(function) == whole.result(function), "cut at \(cut), \(function)")
            }
            #expect(first.leftOut == whole.leftOut)
        }
    }

    /// The sum of many values does not depend on how they were split: random cuts of random
    /// values of mixed magnitude give bit-identical sums.
    @Test func sumDoesNotDependOnTheSplit() throws {
        var random = StageRandom(seed: 7)
        let values = (0..<400).map { _ in
            String(Double.random(in: -1000...1000, using: &random) * pow(10, Double(Int.random(in: -6...6, using: &random))))
        }
        let whole = try StageHarness.column(values, keepsValues: false)
        for _ in 0..<30 {
            var cuts = (0..<Int.random(in: 1...6, using: &random)).map { _ in Int.random(in: 0...values.count, using: &random) }.sorted()
            cuts = [0] + cuts + [values.count]
            let merged = NumericColumn(keepsValues: false, approximate: false)
            for (a, b) in zip(cuts, cuts.dropFirst()) { merged.merge(try StageHarness.column(Array(values[a..<b]), keepsValues: false)) }
            #expect(merged.result(.sum) == whole.result(.sum), "cuts \(cuts)")
            #expect(merged.result(.avg) == whole.result(.avg), "cuts \(cuts)")
        }
    }

    /// Sums and averages of finite values near the largest double: partial sums overflow while
    /// the answer fits (1e308 + 1e308 averages to 1e308; it was 1e999, infinity). Values are
    /// k * 2^1000 for small integers k, so the exact answers are known: the sum is (Σk) * 2^1000,
    /// null when that is no finite double; the average is (Σk / n) * 2^1000, rounded once.
    /// Whatever the cuts between parts.
    @Test func sumsNearTheLargestDoubleAreExactOrNull() throws {
        var random = StageRandom(seed: 13)
        for round in 0..<200 {
            let ks = (0..<Int.random(in: 1...20, using: &random)).map { _ in Int.random(in: -(1 << 23)...(1 << 23), using: &random) }
            let values = ks.map { String(scalbn(Double($0), 1000)) }
            let total = ks.reduce(0, +)
            let exactSum = scalbn(Double(total), 1000)
            let expectedSum: RowValue = exactSum.isFinite ? .number(NumberValue(nearest: exactSum)) : .null
            let expectedAverage: RowValue = .number(.double(scalbn(Double(total) / Double(ks.count), 1000)))
            var cuts = (0..<Int.random(in: 0...3, using: &random)).map { _ in Int.random(in: 0...values.count, using: &random) }.sorted()
            cuts = [0] + cuts + [values.count]
            let merged = NumericColumn(keepsValues: false, approximate: false)
            for (a, b) in zip(cuts, cuts.dropFirst()) { merged.merge(try StageHarness.column(Array(values[a..<b]), keepsValues: false)) }
            #expect(merged.result(.sum) == expectedSum, "round \(round): \(ks), cuts \(cuts)")
            #expect(merged.result(.avg) == expectedAverage, "round \(round): \(ks), cuts \(cuts)")
        }
    }

    // MARK: - DistinctCounter

    static let distinctCases: [DistinctCase] = [
        DistinctCase(values: [], count: 0),
        DistinctCase(values: [nil, "null"], count: 0),
        DistinctCase(values: [#""a""#, #""b""#, #""a""#], count: 2),
        // Numbers are equal by value, whatever the spelling; -0 is 0.
        DistinctCase(values: ["1", "1.0", "1e0", "10e-1", "0.1e1"], count: 1),
        DistinctCase(values: ["0", "-0", "0.0", "-0e5"], count: 1),
        DistinctCase(values: ["1", "2", "3.5", "1"], count: 3),
        // Strings are equal after decoding escapes.
        DistinctCase(values: [#""a""#, #""\u0061""#, #""\u0061\u0062""#, #""ab""#], count: 2),
        DistinctCase(values: [#""é""#, #""\u00e9""#, #""e\u0301""#], count: 2),
        // Types never mix: the string "1" is not the number 1; true is not "true".
        DistinctCase(values: [#""1""#, "1", "true", #""true""#, "false"], count: 5),
        // null and missing are not values; everything else is.
        DistinctCase(values: ["null", nil, #""""#, "0", "false"], count: 3),
        // Objects and arrays count by their text.
        DistinctCase(values: ["[1,2]", "[1,2]", "[2,1]", #"{"a":1}"#, #"{"a":1}"#], count: 3),
    ]

    @Test(arguments: distinctCases)
    func distinctCounter(_ c: DistinctCase) throws {
        let counter = DistinctCounter()
        for value in c.values { try StageHarness.withSlot(value) { counter.add($0, $1) } }
        #expect(counter.result == .number(NumberValue(c.count)))
        // Split anywhere and merged, the count is the same.
        for cut in 0...c.values.count {
            let first = DistinctCounter()
            let second = DistinctCounter()
            for value in c.values[..<cut] { try StageHarness.withSlot(value) { first.add($0, $1) } }
            for value in c.values[cut...] { try StageHarness.withSlot(value) { second.add($0, $1) } }
            first.merge(second)
            #expect(first.result == counter.result)
        }
    }

    // MARK: - GroupTable: exact results of small inputs, by hand

    static let log = [
        #"{"svc":"api","ms":10,"u":"a"}"#,
        #"{"svc":"db","ms":3.5,"u":"b"}"#,
        #"{"svc":"api","ms":30,"u":"a"}"#,
        #"{"svc":"api","ms":"slow","u":"c"}"#,
        #"{"ms":7}"#,
        #"{"svc":"db","ms":null,"u":null}"#,
        #"{"svc":"api","ms":20}"#,
        #"{"svc":"db","ms":1.5,"u":"b"}"#,
    ]

    /// A query over `log` and its rows (JSON text per cell), computed by hand.
    static let groupCases: [(String, [[String]])] = [
        ("* | count", [["8"]]),
        ("* | count by svc", [[#""api""#, "4"], [#""db""#, "3"], ["null", "1"]]),
        (
            "* | count by u, svc",
            [
                [#""a""#, #""api""#, "2"], [#""b""#, #""db""#, "2"], [#""c""#, #""api""#, "1"], ["null", "null", "1"],
                ["null", #""db""#, "1"], ["null", #""api""#, "1"],
            ]
        ),
        // api: 10 30 20 (and "slow"); db: 3.5 1.5 (and null); no svc: 7.
        (
            "* | stats count(), sum(ms), avg(ms), min(ms), max(ms), distinct(u) by svc",
            [
                [#""api""#, "4", "60", "20", "10", "30", "2"],
                [#""db""#, "3", "5", "2.5", "1.5", "3.5", "1"],
                ["null", "1", "7", "7", "7", "7", "0"],
            ]
        ),
        // Sorted api: 10 20 30, so p50 = 20, p90 = 20 + 0.8 * 10, p0 = 10, p100 = 30.
        // Sorted db: 1.5 3.5, so p50 = 1.5 + 0.5 * 2, p25 = 1.5 + 0.25 * 2.
        (
            "* | stats p50(ms), p90(ms), percentile(ms, 0), percentile(ms, 100), percentile(ms, 25) by svc",
            [
                [#""api""#, "20", "28", "10", "30", "15"],
                [#""db""#, "2.5", "3.3", "1.5", "3.5", "2"],
                ["null", "7", "7", "7", "7", "7"],
            ]
        ),
        // Without keys, one row over everything: 10 3.5 30 7 20 1.5 sorted 1.5 3.5 7 10 20 30;
        // distinct(ms) counts "slow" too.
        ("* | stats count(), sum(ms), p50(ms), distinct(svc), distinct(ms)", [["8", "72", "8.5", "2", "7"]]),
        // No record matches: count 0, sum 0, the rest null; with keys, no rows.
        (#"svc == "none" | stats count(), sum(ms), avg(ms), p99(ms), distinct(u)"#, [["0", "0", "null", "null", "0"]]),
        (#"svc == "none" | count by svc"#, []),
        // The distinct stage: one row per key tuple, a missing value as null.
        ("* | distinct svc", [[#""api""#], [#""db""#], ["null"]]),
        ("* | distinct u", [[#""a""#], [#""b""#], [#""c""#], ["null"]]),
        (
            "* | distinct svc, u",
            [
                [#""api""#, #""a""#], [#""db""#, #""b""#], [#""api""#, #""c""#], ["null", "null"], [#""db""#, "null"], [#""api""#, "null"],
            ]
        ),
        // A filter before the stage.
        ("ms > 5 | count by svc", [[#""api""#, "3"], ["null", "1"]]),
        // `as` renames columns, not values.
        ("* | stats sum(ms) as total by svc as s", [[#""api""#, "60"], [#""db""#, "5"], ["null", "7"]]),
    ]

    @Test(arguments: groupCases)
    func groupTable(_ query: String, _ expected: [[String]]) throws {
        let program = try StageHarness.program(query)
        let result = StageHarness.process(program, Self.log)
        var rows = (result.groups?.rows() ?? []).map { $0.map(\.jsonText) }
        if rows.isEmpty, case .rows(let plan) = program.plan, case .group(let keys, let aggregates) = plan.source, keys.isEmpty {
            // What QueryRun does without keys: one row even over no records.
            let empty = GroupTable(aggregates: aggregates, approximate: false)
            _ = empty.group(for: [])
            rows = empty.rows().map { $0.map(\.jsonText) }
        }
        #expect(rows == expected)
    }

    /// Tables of consecutive parts merged in order equal one table over everything: the same
    /// groups in the same first-appearance order, the same aggregates, for every way of cutting
    /// the input in two and for one line per part.
    @Test(arguments: [
        "* | count by svc",
        "* | stats count(), sum(ms), avg(ms), min(ms), max(ms), p50(ms), p90(ms), distinct(u) by svc",
        "* | distinct u, svc",
        "* | stats p99(ms), distinct(svc)",
    ])
    func groupTableMergeOrder(_ query: String) throws {
        let whole = try StageHarness.groups(query, chunks: [Self.log]).table.rows()
        for cut in 0...Self.log.count {
            let parts = [Array(Self.log[..<cut]), Array(Self.log[cut...])]
            #expect(try StageHarness.groups(query, chunks: parts).table.rows() == whole, "cut at \(cut)")
        }
        #expect(try StageHarness.groups(query, chunks: Self.log.map { [$0] }).table.rows() == whole)
    }

    /// A group first seen in a later part comes after the groups of earlier parts, even when
    /// the later part saw it first among its own.
    @Test func mergeKeepsFirstAppearanceAcrossParts() throws {
        let parts = [[#"{"k":"b"}"#, #"{"k":"a"}"#], [#"{"k":"c"}"#, #"{"k":"a"}"#, #"{"k":"b"}"#], [#"{"k":"d"}"#, #"{"k":"c"}"#]]
        let rows = try StageHarness.groups("* | count by k", chunks: parts).table.rows().map { $0.map(\.jsonText) }
        #expect(rows == [[#""b""#, "2"], [#""a""#, "2"], [#""c""#, "2"], [#""d""#, "1"]])
    }

    // MARK: - Group keys

    static let keyCases: [(String, [String], [[String]])] = [
        // Equal values after decoding are one group: numbers by value, strings after escapes.
        ("* | count by k", [#"{"k":1}"#, #"{"k":1.0}"#, #"{"k":1e0}"#, #"{"k":"1"}"#], [["1", "3"], [#""1""#, "1"]]),
        ("* | count by k", [#"{"k":0}"#, #"{"k":-0}"#, #"{"k":-0.0}"#], [["0", "3"]]),
        ("* | count by k", [#"{"k":"api"}"#, #"{"k":"\u0061pi"}"#, #"{"k":"ap\u0069"}"#], [[#""api""#, "3"]]),
        // A missing key and a null value are one group, shown as null.
        ("* | count by k", [#"{"k":null}"#, #"{}"#, #"{"k":"x"}"#, #"{"j":1}"#], [["null", "3"], [#""x""#, "1"]]),
        ("* | distinct k", [#"{"k":null}"#, #"{}"#], [["null"]]),
        // Booleans, objects and arrays are keys too (objects and arrays by their text).
        ("* | count by k", [#"{"k":true}"#, #"{"k":false}"#, #"{"k":true}"#], [["true", "2"], ["false", "1"]]),
        ("* | count by k", [#"{"k":[1,2]}"#, #"{"k":{"a":1}}"#, #"{"k":[1,2]}"#], [["[1,2]", "2"], [#"{"a":1}"#, "1"]]),
        // A dotted path finds nested objects and keys that contain dots.
        (
            "* | count by http.status", [#"{"http":{"status":500}}"#, #"{"http.status":500}"#, #"{"http":{}}"#],
            [["500", "2"], ["null", "1"]]
        ),
        // Tuples: a key of several values; ("a", "b") is not ("ab", "").
        (
            "* | count by a, b", [#"{"a":"a","b":"b"}"#, #"{"a":"ab","b":""}"#, #"{"a":"a","b":"b"}"#],
            [[#""a""#, #""b""#, "2"], [#""ab""#, #""""#, "1"]]
        ),
    ]

    @Test(arguments: keyCases)
    func groupKeys(_ query: String, _ lines: [String], _ expected: [[String]]) throws {
        #expect(try StageHarness.rows(query, lines) == expected)
    }

    // MARK: - What aggregates leave out

    @Test func leftOutPerAggregate() throws {
        let (table, _) = try StageHarness.groups(
            "* | stats count(), avg(ms), p50(ms), distinct(ms), sum(u), distinct(u) by svc", chunks: [Self.log])
        // ms: one null (db) and one string (api); u: 2 missing + 1 null, 5 strings.
        #expect(
            table.leftOut() == [
                LeftOutCount(), LeftOutCount(missing: 1, notNumber: 1), LeftOutCount(missing: 1, notNumber: 1), LeftOutCount(),
                LeftOutCount(missing: 3, notNumber: 5), LeftOutCount(),
            ])
    }
}
