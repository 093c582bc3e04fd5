import LoupeJSON
import LoupeQuery
import Testing

@testable import LoupeEngine

/// A computed value over `ArithmeticTests.record` and what it must be, worked by hand:
/// numbers as JSON text, durations as `<ns>ns`, strings quoted, `null`.
struct ValueCase: CustomTestStringConvertible, Sendable {
    let expression: String
    let expected: String
    var testDescription: String { "\(expression) = \(expected)" }
    init(_ expression: String, _ expected: String) {
        self.expression = expression
        self.expected = expected
    }
}

/// Grammar.md, "Arithmetic": every operator over every kind of operand, exactness on
/// integers, division by zero, units, functions.
@Suite("Arithmetic")
struct ArithmeticTests {
    /// One field of each kind: a number, a numeric string, a duration string, null, a
    /// boolean, a string; `nope` is missing and `2s` a duration constant.
    static let record = #"""
        {"n":7,"ns":"7","ds":"500ms","z":null,"b":true,"s":"x","big":9007199254740993,"max":9223372036854775807,"min":-9223372036854775808,"d_ms":1500,"f":2.5,"tags":["a","b"],"u":"h\u00e9llo","esc":"4\u0032"}
        """#

    /// The value of `expression` over `record`, rendered as the cases write it.
    static func value(_ expression: String, _ record: String = ArithmeticTests.record) throws -> String {
        var compiler = Compiler()
        let computation = try compiler.compileValue(try Parser.parseValue(expression))
        var evaluator = RecordEvaluator(program: compiler.program(predicate: .all, needles: nil, plan: .lines))
        let bytes = Array(record.utf8)
        return try bytes.withUnsafeBufferPointer { buffer in
            guard case .match = evaluator.evaluate(buffer.baseAddress!, buffer.count) else { throw Failure.record }
            let base = evaluator.valueBase(buffer.baseAddress!)
            switch evaluator.compute(computation, evaluator.scanner.slots, base) {
            case .missing, .null: return "null"
            case .bool(let b): return String(b)
            case .number(let n, _): return n.text
            case .duration(let ns): return NumberValue(nearest: ns).text + "ns"
            case .timestamp(let ns): return "ts:\(ns)"
            case .text(let bytes): return "\"" + String(decoding: bytes, as: UTF8.self) + "\""
            case .found(let slot): return RowValue(slot, base).jsonText
            }
        }
    }

    enum Failure: Error { case record }

    // MARK: - The operator tables

    /// Operands that arithmetic takes: a number, a numeric string, a duration, a duration string.
    static let numeric = ["n", "ns", "2s", "ds"]
    /// Operands it never takes: null, missing, a boolean, a string. Any of them makes null.
    static let others = ["z", "nope", "b", "s"]

    /// `numeric[i] op numeric[j]` for each operator, row i, column j; `error` where the
    /// operands are both constants and the parser refuses them.
    static let tables: [String: [[String]]] = [
        "+": [
            ["14", "14", "null", "null"],
            ["14", "14", "null", "null"],
            ["null", "null", "4000000000ns", "2500000000ns"],
            ["null", "null", "2500000000ns", "1000000000ns"],
        ],
        "-": [
            ["0", "0", "null", "null"],
            ["0", "0", "null", "null"],
            ["null", "null", "0ns", "1500000000ns"],
            ["null", "null", "-1500000000ns", "0ns"],
        ],
        "*": [
            ["49", "49", "14000000000ns", "3500000000ns"],
            ["49", "49", "14000000000ns", "3500000000ns"],
            ["14000000000ns", "14000000000ns", "error", "null"],
            ["3500000000ns", "3500000000ns", "null", "null"],
        ],
        "/": [
            ["1", "1", "null", "null"],
            ["1", "1", "null", "null"],
            ["285714285.71428573ns", "285714285.71428573ns", "1", "4"],
            ["71428571.42857143ns", "71428571.42857143ns", "0.25", "1"],
        ],
        "%": [
            ["0", "0", "null", "null"],
            ["0", "0", "null", "null"],
            ["null", "null", "0ns", "0ns"],
            ["null", "null", "500000000ns", "0ns"],
        ],
    ]

    static let operatorCases: [ValueCase] = tables.keys.sorted().flatMap { op -> [ValueCase] in
        var cases: [ValueCase] = []
        for (i, a) in numeric.enumerated() {
            for (j, b) in numeric.enumerated() { cases.append(ValueCase("\(a) \(op) \(b)", tables[op]![i][j])) }
        }
        for a in numeric + others {
            for b in others {
                cases.append(ValueCase("\(a) \(op) \(b)", "null"))
                cases.append(ValueCase("\(b) \(op) \(a)", "null"))
            }
        }
        return cases
    }

    @Test(arguments: operatorCases)
    func operators(_ c: ValueCase) throws {
        if c.expected == "error" {
            #expect(throws: QueryError.self) { try Parser.parseValue(c.expression) }
            return
        }
        #expect(try Self.value(c.expression) == c.expected)
    }

    static let negation: [ValueCase] = [
        ValueCase("-n", "-7"), ValueCase("-ns", "-7"), ValueCase("-ds", "-500000000ns"), ValueCase("-(2s)", "-2000000000ns"),
        ValueCase("-z", "null"), ValueCase("-nope", "null"), ValueCase("-b", "null"), ValueCase("-s", "null"),
        ValueCase("-f", "-2.5"), ValueCase("--n", "7"), ValueCase("-min", "9.223372036854776e+18"),
    ]

    @Test(arguments: negation)
    func negate(_ c: ValueCase) throws {
        #expect(try Self.value(c.expression) == c.expected)
    }

    /// Integers stay exact past 2^53 while the result fits Int64, then become doubles; a
    /// division is exact when it is whole; zero divisors and overflowing doubles give null.
    static let exactness: [ValueCase] = [
        ValueCase("big + 1", "9007199254740994"),
        ValueCase("big - 2", "9007199254740991"),
        ValueCase("big * 1000", "9007199254740993000"),
        ValueCase("big / 3", "3002399751580331"),
        ValueCase("big % 10", "3"),
        ValueCase("max - 1", "9223372036854775806"),
        ValueCase("max + 1", "9.223372036854776e+18"),
        ValueCase("min - 1", "-9.223372036854776e+18"),
        ValueCase("max * 2", "1.8446744073709552e+19"),
        ValueCase("min / -1", "9.223372036854776e+18"),
        ValueCase("min % -1", "0"),
        ValueCase("7 / 2", "3.5"),
        ValueCase("n / 2", "3.5"),
        ValueCase("-7 % 3", "-1"),
        ValueCase("7 % -3", "1"),
        ValueCase("f * 2", "5"),
        ValueCase("f % 1", "0.5"),
        ValueCase("0.1 + 0.2", "0.30000000000000004"),
        ValueCase("n / 0", "null"),
        ValueCase("n % 0", "null"),
        ValueCase("f / 0", "null"),
        ValueCase("f % 0", "null"),
        ValueCase("ds / 0", "null"),
        ValueCase("ds % 0s", "null"),
        ValueCase("ds / 0s", "null"),
        ValueCase("1e308 * 10", "null"),
        ValueCase("esc + 1", "43"),
        // Precedence and associativity.
        ValueCase("1 - 2 - 3", "-4"),
        ValueCase("2 * 3 % 4", "2"),
        ValueCase("2 + 3 * 4", "14"),
        ValueCase("(2 + 3) * 4", "20"),
        ValueCase("-n * 2", "-14"),
        ValueCase("1-2", "-1"),
        ValueCase("n -1", "6"),
        ValueCase("5ms-1ms", "4000000ns"),
    ]

    @Test(arguments: exactness)
    func exact(_ c: ValueCase) throws {
        #expect(try Self.value(c.expression) == c.expected)
    }

    /// A number whose field names its unit is that duration where it meets one in + - / %;
    /// elsewhere it is a number.
    static let units: [ValueCase] = [
        ValueCase("d_ms + 5ms", "1505000000ns"),
        ValueCase("5ms + d_ms", "1505000000ns"),
        ValueCase("d_ms - 500ms", "1000000000ns"),
        ValueCase("d_ms / 1s", "1.5"),
        ValueCase("d_ms % 1s", "500000000ns"),
        ValueCase("d_ms * 2", "3000"),
        ValueCase("d_ms / 1000", "1.5"),
        ValueCase("d_ms + 1", "1501"),
        ValueCase("n + 5ms", "null"),
    ]

    @Test(arguments: units)
    func unit(_ c: ValueCase) throws {
        #expect(try Self.value(c.expression) == c.expected)
    }

    static let functions: [ValueCase] = [
        ValueCase("coalesce(nope, z, n)", "7"),
        ValueCase("coalesce(nope, z)", "null"),
        ValueCase("coalesce(s, n)", "\"x\""),
        ValueCase("coalesce(nope, \"-\")", "\"-\""),
        ValueCase("coalesce(b, n)", "true"),
        ValueCase("len(s)", "1"),
        ValueCase("len(u)", "5"),
        ValueCase("len(tags)", "2"),
        ValueCase("len(\"日本\")", "2"),
        ValueCase("len(n)", "null"),
        ValueCase("len(nope)", "null"),
        ValueCase("round(f)", "3"),
        ValueCase("round(0 - f)", "-3"),
        ValueCase("round(7.25, 1)", "7.3"),
        ValueCase("round(n / 3, 2)", "2.33"),
        ValueCase("round(1234, -2)", "1200"),
        ValueCase("round(1250, -2)", "1300"),
        ValueCase("round(big)", "9007199254740993"),
        // Once crashed: abs(Int64.min) trapped while rounding to tens.
        ValueCase("round(min, -2)", "-9.223372036854776e+18"),
        ValueCase("round(ns)", "7"),
        ValueCase("round(s)", "null"),
        ValueCase("round(ds)", "null"),
        ValueCase("floor(f)", "2"),
        ValueCase("floor(0 - f)", "-3"),
        ValueCase("ceil(f)", "3"),
        ValueCase("floor(n)", "7"),
        ValueCase("ceil(z)", "null"),
        ValueCase("abs(0 - f)", "2.5"),
        ValueCase("abs(-n)", "7"),
        ValueCase("abs(ds - 2s)", "1500000000ns"),
        ValueCase("abs(min)", "9.223372036854776e+18"),
        ValueCase("abs(s)", "null"),
    ]

    @Test(arguments: functions)
    func function(_ c: ValueCase) throws {
        #expect(try Self.value(c.expression) == c.expected)
    }

    /// Every function and operator over every field of the record (Int64's ends, 2^53 + 1,
    /// fractions, durations, null, missing, text, arrays) and each sign: no trap (a trap ends
    /// the test process), and a number, duration, string, bool or null comes out. Written after
    /// `round(min, -2)` trapped in `abs(Int64.min)`: the class is arithmetic at the edges of
    /// Int64 inside a function.
    @Test func noOperandEndsTheRun() throws {
        let fields = ["n", "ns", "ds", "z", "b", "s", "big", "max", "min", "d_ms", "f", "tags", "u", "nope", "0", "-1", "1.5", "2s"]
        var expressions: [String] = []
        for a in fields {
            expressions += ["-\(a)", "abs(\(a))", "floor(\(a))", "ceil(\(a))", "round(\(a))", "len(\(a))", "coalesce(\(a), 1)"]
            expressions += [-15, -2, 0, 2, 15].map { "round(\(a), \($0))" }
            for b in fields {
                expressions += ["+", "-", "*", "/", "%"].map { "\(a) \($0) \(b)" }
            }
        }
        for expression in expressions {
            // A type error decided by constants alone is a query error; every other one is null.
            guard let value = try? Self.value(expression) else { continue }
            #expect(!value.isEmpty, "\(expression)")
        }
    }

    /// Comparisons of computed values follow the comparison rules; the fast path (a path
    /// and a constant) is not taken, so both sides are computed.
    static let comparisons: [SemanticsCase] = [
        SemanticsCase(#"{"duration_ms":2500}"#, "duration_ms / 1000 > 2", true),
        SemanticsCase(#"{"duration_ms":1500}"#, "duration_ms / 1000 > 2", false),
        SemanticsCase(#"{"duration_ms":"2500"}"#, "duration_ms / 1000 > 2", true),
        SemanticsCase(#"{"duration_ms":2500}"#, "duration_ms + 0ms > 2s", true),
        SemanticsCase(#"{"duration_ms":2500}"#, "duration_ms * 1 > 2s", false),
        SemanticsCase(#"{}"#, "duration_ms / 1000 > 2", false),
        SemanticsCase(#"{}"#, "duration_ms / 1000 == null", true),
        SemanticsCase(#"{"a":1}"#, "a / 0 == null", true),
        SemanticsCase(#"{"a":1}"#, "a / 0 != 0", true),
        SemanticsCase(#"{"a":"x"}"#, "a + 1 != 1", true),
        SemanticsCase(#"{"a":"x"}"#, "a + 1 < 1", false),
        SemanticsCase(#"{"a":"x"}"#, "a + 1 >= 1", false),
        SemanticsCase(#"{"a":3,"b":"3"}"#, "a == b + 0", true),
        SemanticsCase(#"{"a":3,"b":"3"}"#, #"a + 0 == "3""#, false),
        SemanticsCase(#"{"a":"p","b":"q"}"#, #"coalesce(a, b) < coalesce(b, a)"#, true),
        SemanticsCase(#"{"a":"p","b":"q"}"#, #"coalesce(x, a) < coalesce(x, b)"#, true),
        SemanticsCase(#"{"a":"p","b":"q"}"#, #"len(a) == 1"#, true),
        SemanticsCase(#"{"a":true}"#, #"coalesce(a, 1) == true"#, true),
        SemanticsCase(#"{"a":true}"#, #"coalesce(a, 1) > false"#, false),
        SemanticsCase(#"{"a":1712790000123000001}"#, "a + 1 == 1712790000123000002", true),
        SemanticsCase(#"{"a":1712790000123000001}"#, "a + 1 > 1712790000123000001", true),
        SemanticsCase(#"{"d":"804ms"}"#, "d * 2 > 1.5s", true),
        SemanticsCase(#"{"d":"804ms"}"#, "d * 2 < 1.7s", true),
        SemanticsCase(#"{"a":5}"#, "5 < a + 1", true),
        // A constant before a plain path is that path's comparison, mirrored.
        SemanticsCase(#"{"a":5}"#, "4 < a", true),
        SemanticsCase(#"{"a":5}"#, "5 < a", false),
        SemanticsCase(#"{"a":5}"#, "5 <= a", true),
        SemanticsCase(#"{"a":"5"}"#, "6 > a", true),
        SemanticsCase(#"{"duration_ms":1500}"#, "1s < duration_ms", true),
        SemanticsCase(#"{"level":"WARNING"}"#, #""warn" <= level()"#, true),
        SemanticsCase(#"{"level":"info"}"#, #""warn" <= level()"#, false),
        SemanticsCase(#"{"a":5,"b":2}"#, #"a > ["b"]"#, true),
        SemanticsCase(#"{"a":2,"b":2}"#, "(a + b) / 2 >= 2 and a - b == 0", true),
        SemanticsCase(#"{"ts":"2024-03-11T08:00:00Z"}"#, "coalesce(ts, x) >= 2024-03-11", true),
    ]

    @Test(arguments: comparisons)
    func comparison(_ c: SemanticsCase) throws {
        try c.check()
    }
}
