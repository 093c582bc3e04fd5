import LoupeIO
import LoupeJSON
import LoupeQuery
import LoupeTestSupport
import Testing

@testable import LoupeEngine

/// The stages after the first row-producing one run on the rows' values (`RowRecord`). They
/// must give exactly what the rows written out as JSON objects and scanned as records give
/// (`viaJSON`, how loupe ran them before): the same paths find the same values, with the same
/// types, whatever the cells hold.
@Suite("Row stages")
struct RowStagesTests {
    /// Stages over rows that every kind of cell reaches: dotted column names, objects and
    /// arrays read into, two columns of one name, numbers held as strings, durations, NaN.
    static let queries = [
        #"* | fields s, n, o, ["a.b"] | where n > 1"#,
        #"* | fields s, n | where n == null or s == null"#,
        "* | fields o | where o.x == 1",
        "* | fields o, o.x | count by o.x",
        "* | fields o | fields o.y[0], o.y",
        "* | fields o | distinct o",
        "* | fields n | stats sum(n), avg(n), min(n), max(n), p50(n), distinct(n)",
        "* | stats sum(n) as t, max(n) as m, avg(n) as v by s | where t > 0 | count by m",
        "* | stats avg(n) as v by s | where v == null",
        "* | stats avg(n) as v by s | sort v desc | limit 3 | stats count(), max(v)",
        "* | count by s | where s ~ /^[0-9]+$/",
        "* | count by s | where s > 100",
        "* | count by s | where s > 1s and s < 1h",
        #"* | count by s | where startswith(s, "a") or endswith(s, "1") or contains(s, "é")"#,
        #"* | count by s | where s in ["a", "12", "\u00e9"] or not exists(s)"#,
        "* | fields t | count by bucket(t, 1m)",
        "* | fields t | where t >= 2024-03-11T08:01:00Z",
        "* | count by a.b | where a.b != null",
        #"* | count by a.b, ["a.b"] | where a.b == 1"#,
        "* | fields a | where a.b == 1",
        "* | count by s as x, n as y | where y == 1",
        "* | count by s as x, n as y | count by x",
        "* | count by n | where count > 1 | sort n",
        "* | distinct n | where n >= 0",
    ]

    static let strings = [
        #""a""#, #""b""#, #""12""#, #""1e3""#, #""804ms""#, #""1.5s""#, #""\u00e9""#, #""a\"b\\c""#, #""x\ty""#, #""""#,
        #""2024-03-11T08:00:30Z""#, "null", "7", "true",
    ]
    static let numbers = [
        "1", "1.0", "-0", "2.5", "1e3", "9007199254740993", "1e400", "-1e400", "0.1", "null", #""5""#, "false", "-7",
    ]
    static let objects = [
        #"{"x":1}"#, #"{"x":"1","y":[3,4]}"#, #"{"y":[]}"#, "[1,2]", "{}", #"{"x":{"z":null}}"#, "null", "5",
    ]
    static let times = [#""2024-03-11T08:00:30Z""#, #""2024-03-11T08:01:10.5Z""#, "1710144200000", #""bad""#, "null"]

    /// A record with each field present or missing, of a random kind.
    static func record(_ rng: inout SplitMix64) -> String {
        func pick(_ values: [String]) -> String? {
            rng.next() % 5 == 0 ? nil : values[Int(rng.next() % UInt64(values.count))]
        }
        var fields: [String] = []
        if let s = pick(strings) { fields.append(#""s":"# + s) }
        if let n = pick(numbers) { fields.append(#""n":"# + n) }
        if let o = pick(objects) { fields.append(#""o":"# + o) }
        if let t = pick(times) { fields.append(#""t":"# + t) }
        if let a = pick(objects) { fields.append(#""a":"# + a.replacingOccurrences(of: "x", with: "b")) }
        if let ab = pick(numbers) { fields.append(#""a.b":"# + ab) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    @Test(arguments: queries)
    func stagesOnValuesEqualStagesOverJSON(_ query: String) throws {
        var rng = SplitMix64(seed: 0x5EED ^ UInt64(query.utf8.count))
        let program = try Compiler.compile(Parser.parse(query))
        guard case .rows(let plan) = program.plan else { throw Unexpected.plan }
        for round in 0..<20 {
            let lines = (0..<(round % 4 == 0 ? 3 : 40)).map { _ in Self.record(&rng) }
            let result = EngineHarness.process(program, EngineHarness.join(lines).bytes)
            let input = RowSet(
                columns: plan.columns, units: plan.units,
                rows: plan.sourceRows(groups: result.groups, projected: result.rows, approximate: false))
            let typed = RowStages.apply(plan.stages, to: input, approximate: false)
            let json = Self.viaJSON(plan.stages, input)
            #expect(typed.columns == json.columns, "\(query)")
            #expect(Self.text(typed) == Self.text(json), "\(query) over \(lines)")
        }
    }

    /// Cells in unusual places: a column whose name holds a dot, the nested reading winning
    /// over it, the last of two columns of one name, a NaN read as null.
    @Test func cellsAreFoundAsTheirJSONObjectWouldHaveThem() {
        let set = RowSet(
            columns: ["a.b", "a", "k", "k", "nan"],
            rows: [[.number(1), .json(#"{"b":2}"#), .string("first"), .string("last"), .number(.double(.nan))]])
        func values(_ paths: [String]) -> [String] {
            var record = RowRecord(paths: PathSet(paths.map { FieldPath(dotted: $0) }), columns: set.columns)
            return record.withValues(of: set.rows[0]) { slots, base in
                slots.map { slot in slot.kind == .missing ? "missing" : RowValue(slot, base).jsonText }
            }
        }
        #expect(values(["a.b", "a", "k", "nan", "nope", "a.c"]) == ["2", #"{"b":2}"#, #""last""#, "null", "missing", "missing"])
    }

    /// The rows written out as JSON lines and scanned as records, as loupe ran row stages
    /// before they read the values directly.
    static func viaJSON(_ stages: [RowStage], _ input: RowSet) -> RowSet {
        var set = input
        for stage in stages {
            switch stage {
            case .filter(let program):
                var evaluator = RecordEvaluator(program: program)
                set.rows = set.rows.filter { row in
                    let line = set.jsonLine(row)
                    return line.withUnsafeBufferPointer { buffer in
                        if case .match = evaluator.evaluate(buffer.baseAddress!, buffer.count) { return true }
                        return false
                    }
                }
            case .sort(let order):
                set.rows = order.sorted(set.rows)
            case .limit(let n):
                set.rows = Array(set.rows.prefix(n))
            case .regroup(let program):
                guard case .rows(let plan) = program.plan else { continue }
                var text: [UInt8] = []
                for row in set.rows { text += set.jsonLine(row) + [0x0A] }
                let result = EngineHarness.process(program, text)
                let rows = plan.sourceRows(groups: result.groups, projected: result.rows, approximate: false)
                set = viaJSON(plan.stages, RowSet(columns: plan.columns, units: plan.units, rows: rows))
            case .eval, .keep:
                // Computed columns have no JSON route of their own: the direct one is the reference.
                set = RowStages.apply([stage], to: set, approximate: false)
            }
        }
        return set
    }

    /// Rows as JSON text, types included (`1` and `1.0` print alike but `"1"` does not).
    static func text(_ set: RowSet) -> [String] {
        set.rows.map { String(decoding: set.jsonLine($0), as: UTF8.self) }
    }

    enum Unexpected: Error {
        case plan
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
