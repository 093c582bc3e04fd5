import Glibc
import LoupeEngine
import LoupeJSON
import LoupeQuery

/// Computed values (Grammar.md, "Arithmetic"): a `ValueExpression` to the JSON text of its
/// value (SQL NULL for missing or null), by the engine's rules (`NumberValue.apply`,
/// `RecordEvaluator.compute`, `call`, `compareComputed`):
///
/// - Operands are numbers: JSON numbers and strings that hold one. Integers (and whole values
///   up to 2^53, as loupe reads them) compute exactly in a 128-bit integer and stay integers
///   while the result fits Int64; otherwise the nearest double. `/` is exact division (`6 / 3`
///   is 2, `7 / 2` is 3.5); `%` takes the dividend's sign; by zero, null.
/// - Durations are refused: a duration constant (or a string constant holding one) before any
///   SQL is written, and a record's string holding a duration (`"804ms"`) where it meets
///   arithmetic by an error of the query at run time, rather than a null where loupe computes
///   a duration.
extension SQLTranslator {
    static let notYet = "does not translate to SQL yet; loupe runs it itself (leave out --engine)"
    static let fractionRemainder =
        "loupe: a remainder (%) of numbers that are not both integers is not exact in ClickHouse; use --engine duckdb or leave out --engine"
    static let durationAtRunTime = "loupe: a duration string met arithmetic, which does not translate to SQL; leave out --engine"

    /// Throws for the first part of `query` that has no exact translation: `parse`, durations
    /// and timestamps in computed values, `len()` on ClickHouse.
    func refuseComputed(_ query: Query) throws {
        try refuseComputed(query.filter)
        for stage in query.stages {
            switch stage {
            case .where(let expression):
                try refuseComputed(expression)
            case .eval(let assignments):
                for assignment in assignments { try refuseComputed(assignment.value) }
            case .parse:
                break
            case .stats(let aggregates, _):
                for aggregate in aggregates {
                    if let argument = aggregate.argument { try refuseComputed(argument) }
                    if let condition = aggregate.condition { try refuseComputed(condition) }
                }
            case .sort(let keys):
                for key in keys { if let value = key.value { try refuseComputed(value) } }
            case .count, .limit, .fields, .distinct:
                break
            }
        }
    }

    private func refuseComputed(_ expression: Expression) throws {
        switch expression {
        case .and(let a, let b), .or(let a, let b):
            try refuseComputed(a)
            try refuseComputed(b)
        case .not(let inner, _):
            try refuseComputed(inner)
        case .compareValues(let a, _, let b, _):
            try refuseComputed(a)
            try refuseComputed(b)
        case .all, .compare, .regex, .member, .function:
            break
        }
    }

    private func refuseComputed(_ value: ValueExpression) throws {
        switch value {
        case .path:
            return
        case .literal(let literal, let range):
            switch ValueExpression.kind(of: literal) {
            case .duration:
                throw TranslationError("a duration in a computed value \(Self.notYet)", at: range)
            case .timestamp:
                throw TranslationError("a timestamp in a computed value \(Self.notYet)", at: range)
            default:
                return
            }
        case .negate(let inner, _):
            try refuseComputed(inner)
        case .binary(_, let a, let b, _):
            try refuseComputed(a)
            try refuseComputed(b)
        case .call(let function, let arguments, let range):
            if function == .len, dialect == .clickhouse {
                throw TranslationError(
                    "len() counts characters as grapheme clusters, which ClickHouse cannot (lengthUTF8 counts code points); use --engine duckdb or leave out --engine",
                    at: range)
            }
            for argument in arguments { try refuseComputed(argument) }
        }
    }

    // MARK: Values

    /// The JSON text of a computed value in `relation`; SQL NULL for missing or null.
    func value(_ value: ValueExpression, in relation: Relation) throws -> String {
        switch value {
        case .path(let path):
            return try raw(path, in: relation)
        case .literal(let literal, _):
            switch literal {
            case .string(let s): return dialect.literal(JSONString.quoted(s))
            case .number(let n): return dialect.literal(Self.numberLiteralText(n))
            case .bool(let b): return "'\(b)'"
            case .null: return "NULL"
            case .duration, .timestamp: throw TranslationError("a duration or timestamp in a computed value \(Self.notYet)", at: value.range)
            }
        case .negate(let inner, _):
            return try operand(inner, in: relation) { p in
                let whole = wholeValue(p)
                return
                    "(CASE WHEN \(p) IS NULL THEN NULL WHEN \(isWhole(p)) AND \(whole) <> -9223372036854775807 - 1 THEN \(dialect.integerText("(-\(whole))")) ELSE \(dialect.doubleText("(-\(dialect.double(p)))")) END)"
            }
        case .binary(let op, let a, let b, _):
            return try operand(a, in: relation) { p in
                try operand(b, in: relation) { q in arithmetic(op, p, q) }
            }
        case .call(let function, let arguments, _):
            return try call(function, arguments, in: relation)
        }
    }

    /// `body` over the number text of `value` (NULL when it is no number), bound once; a
    /// string holding a duration stops the query.
    private func operand(_ value: ValueExpression, in relation: Relation, _ body: (String) throws -> String) throws -> String {
        let raw = try self.value(value, in: relation)
        let r = names.next("r")
        let p = names.next("p")
        let number = dialect.failing(
            "\(dialect.isString(r)) AND \(durationText(dialect.stringValue(r))) IS NOT NULL", Self.durationAtRunTime, else: numberText(r))
        return dialect.bind(raw, as: r, in: dialect.bind(number, as: p, in: try body(p)))
    }

    /// `p op q` on number texts.
    private func arithmetic(_ op: ValueExpression.ArithmeticOperator, _ p: String, _ q: String) -> String {
        let a = dialect.wide(wholeValue(p))
        let b = dialect.wide(wholeValue(q))
        let x = dialect.double(p)
        let y = dialect.double(q)
        let w = names.next("w")
        let inRange = "\(w) BETWEEN -9223372036854775808 AND 9223372036854775807"
        let exact: String
        let inexact: String
        switch op {
        case .add, .subtract, .multiply:
            let sqlOp = op.rawValue
            exact = dialect.bind(
                "\(a) \(sqlOp) \(b)", as: w, in: "(CASE WHEN \(inRange) THEN \(dialect.integerText(w)) ELSE \(finite("\(x) \(sqlOp) \(y)")) END)")
            inexact = finite("\(x) \(sqlOp) \(y)")
        case .divide:
            exact =
                "(CASE WHEN \(b) = 0 THEN NULL WHEN \(dialect.remainder(a, b)) = 0 THEN \(dialect.bind(dialect.quotient(a, b), as: w, in: "(CASE WHEN \(inRange) THEN \(dialect.integerText(w)) ELSE \(finite("\(x) / \(y)")) END)")) ELSE \(finite("\(x) / \(y)")) END)"
            inexact = "(CASE WHEN \(y) = 0 THEN NULL ELSE \(finite("\(x) / \(y)")) END)"
        case .remainder:
            exact = "(CASE WHEN \(b) = 0 THEN NULL ELSE \(dialect.integerText(dialect.remainder(a, b))) END)"
            if dialect == .clickhouse {
                // ClickHouse's `%` on floats is `x - trunc(x / y) * y`, not C's exact fmod:
                // a remainder of fractions stops the query rather than be off.
                let fraction = "\(p) IS NOT NULL AND \(q) IS NOT NULL AND NOT (\(isWhole(p)) AND \(isWhole(q))) AND \(y) <> 0"
                inexact = dialect.failing(fraction, Self.fractionRemainder, else: "NULL")
            } else {
                inexact = "(CASE WHEN \(y) = 0 THEN NULL ELSE \(finite(dialect.fmod(x, y))) END)"
            }
        }
        return "(CASE WHEN \(p) IS NULL OR \(q) IS NULL THEN NULL WHEN \(isWhole(p)) AND \(isWhole(q)) THEN \(exact) ELSE \(inexact) END)"
    }

    /// A double result as number text; NULL when it is no finite double.
    private func finite(_ x: String) -> String {
        let d = names.next("d")
        return dialect.bind(x, as: d, in: "(CASE WHEN \(dialect.isFinite(d)) THEN \(dialect.doubleText(d)) END)")
    }

    /// A double as loupe's `NumberValue(nearest:)`: an integer when whole up to 2^53.
    private func nearest(_ x: String) -> String {
        let d = names.next("d")
        return dialect.bind(
            x, as: d,
            in:
                "(CASE WHEN NOT \(dialect.isFinite(d)) THEN NULL WHEN \(d) = trunc(\(d)) AND abs(\(d)) <= 9007199254740992 THEN \(dialect.integerText(dialect.roundedInt64(d))) ELSE \(dialect.doubleText(d)) END)"
        )
    }

    private func call(_ function: ValueExpression.ValueFunction, _ arguments: [ValueExpression], in relation: Relation) throws -> String {
        switch function {
        case .coalesce:
            let values = try arguments.map { dialect.nullIf(try value($0, in: relation), "'null'") }
            return values.count == 1 ? values[0] : "coalesce(\(values.joined(separator: ", ")))"
        case .len:
            let raw = try value(arguments[0], in: relation)
            let r = names.next("r")
            return dialect.bind(
                raw, as: r,
                in:
                    "(CASE WHEN \(dialect.isString(r)) THEN \(dialect.integerText(dialect.graphemeCount(dialect.stringValue(r)))) WHEN starts_with(\(r), '[') THEN \(dialect.integerText("json_array_length(\(r))")) END)"
            )
        case .abs:
            return try operand(arguments[0], in: relation) { p in
                let whole = wholeValue(p)
                return
                    "(CASE WHEN \(p) IS NULL THEN NULL WHEN \(isWhole(p)) AND \(whole) <> -9223372036854775807 - 1 THEN \(dialect.integerText("abs(\(whole))")) ELSE \(dialect.doubleText("abs(\(dialect.double(p)))")) END)"
            }
        case .round, .floor, .ceil:
            var digits = 0
            if arguments.count == 2, case .literal(.number(let n), _) = arguments[1], let d = Int64(n.text) ?? Self.wholeDouble(n.value) {
                digits = Int(d)
            }
            return try operand(arguments[0], in: relation) { p in
                let d = dialect.double(p)
                let integer: String
                if digits >= 0 {
                    integer = dialect.integerText(wholeValue(p))
                } else {
                    let scale = Self.number(pow(10.0, Double(-digits)))
                    let r = "(\(roundDouble(function, "(\(d) / \(scale))")) * \(scale))"
                    integer =
                        "(CASE WHEN abs(\(wholeValue(p))) < 9007199254740992 THEN \(nearest(r)) ELSE \(dialect.doubleText(r)) END)"
                }
                let fraction: String
                if digits == 0 {
                    fraction = nearest(roundDouble(function, d))
                } else {
                    let scale = Self.number(pow(10.0, Double(digits)))
                    let r = "(\(roundDouble(function, "(\(d) * \(scale))")) / \(scale))"
                    let t = names.next("d")
                    let kept = dialect.bind(
                        r, as: t, in: "(CASE WHEN \(dialect.isFinite(t)) THEN \(digits < 0 ? nearest(t) : dialect.doubleText(t)) ELSE \(dialect.doubleText(d)) END)")
                    fraction = kept
                }
                return "(CASE WHEN \(p) IS NULL THEN NULL WHEN \(isWhole(p)) THEN \(integer) ELSE \(fraction) END)"
            }
        }
    }

    /// A double rounded by `function`'s rule: half away from zero for `round` (the fraction
    /// `x - floor(x)` is exact, so no addition of 0.5 moves a value).
    private func roundDouble(_ function: ValueExpression.ValueFunction, _ x: String) -> String {
        switch function {
        case .floor: return "floor(\(x))"
        case .ceil: return "ceil(\(x))"
        default:
            let v = names.next("d")
            let m = "abs(\(v))"
            return dialect.bind(
                x, as: v, in: "(CASE WHEN \(m) - floor(\(m)) >= 0.5 THEN ceil(\(m)) ELSE floor(\(m)) END * (CASE WHEN \(v) < 0 THEN -1 ELSE 1 END))")
        }
    }

    // MARK: Comparisons

    /// `a OP b` on computed values (`RecordEvaluator.compareComputed`): missing and null are
    /// equal to each other; booleans only equal or not; a number with a number or a record's
    /// string holding one; strings by bytes; anything else unequal and unordered.
    func compareValues(
        _ a: ValueExpression, _ op: Expression.ComparisonOperator, _ b: ValueExpression, in relation: Relation
    ) throws -> String {
        if op == .notEqual { return "(NOT \(try compareValues(a, .equal, b, in: relation)))" }
        let u = names.next("u")
        let v = names.next("u")
        func side(_ x: String, _ value: ValueExpression) throws -> String {
            guard let constant = try constantText(value, in: relation) else {
                return "(\(dialect.isNumber(x)) OR \(dialect.isString(x)))"
            }
            return "(\(dialect.isNumber(x)) OR (\(dialect.isString(x)) AND NOT \(constant)))"
        }
        let m = numberText(u)
        let n = numberText(v)
        let sqlOp = op == .equal ? "=" : op.rawValue
        let numeric =
            "(CASE WHEN \(isWhole(m)) AND \(isWhole(n)) THEN \(wholeValue(m)) \(sqlOp) \(wholeValue(n)) ELSE \(dialect.double(m)) \(sqlOp) \(dialect.double(n)) END)"
        let nullU = "(\(u) IS NULL OR \(u) = 'null')"
        let nullV = "(\(v) IS NULL OR \(v) = 'null')"
        let body =
            "(CASE WHEN \(nullU) AND \(nullV) THEN \(op == .equal) WHEN \(nullU) OR \(nullV) THEN false WHEN \(u) IN ('true', 'false') OR \(v) IN ('true', 'false') THEN \(op == .equal ? "\(u) = \(v)" : "false") WHEN (\(dialect.isNumber(u)) OR \(dialect.isNumber(v))) AND \(try side(u, a)) AND \(try side(v, b)) THEN coalesce(\(numeric), false) WHEN \(dialect.isString(u)) AND \(dialect.isString(v)) THEN \(dialect.stringValue(u)) \(sqlOp) \(dialect.stringValue(v)) ELSE false END)"
        let left = try value(a, in: relation)
        let right = try value(b, in: relation)
        return "coalesce(\(dialect.bind(left, as: u, in: dialect.bind(right, as: v, in: body))), false)"
    }

    /// Whether a value is one of the query's string constants, which loupe never compares
    /// with a number (`RecordEvaluator.order`: a constant's text is no record's string): an
    /// SQL condition, nil where it never is. `coalesce` passes on its winner's.
    private func constantText(_ value: ValueExpression, in relation: Relation) throws -> String? {
        switch value {
        case .literal(.string, _):
            return "true"
        case .call(.coalesce, let arguments, _):
            let flags = try arguments.map { try constantText($0, in: relation) }
            guard flags.contains(where: { $0 != nil }) else { return nil }
            let cases = try zip(arguments, flags).map { argument, flag in
                let v = try self.value(argument, in: relation)
                return "WHEN \(v) IS NOT NULL AND \(v) <> 'null' THEN \(flag ?? "false")"
            }
            return "(CASE \(cases.joined(separator: " ")) ELSE false END)"
        default:
            return nil
        }
    }

    /// A value as a field `eval` makes over records: loupe writes a computed null as `null`
    /// (`exists` holds), and only a plain path that finds nothing leaves the field missing.
    func evalField(_ value: ValueExpression, in relation: Relation) throws -> String {
        let computed = try self.value(value, in: relation)
        if case .path = value { return computed }
        return "coalesce(\(computed), 'null')"
    }

    // MARK: Text

    /// A number constant as JSON number text of the value loupe reads.
    static func numberLiteralText(_ n: NumberLiteral) -> String {
        if let i = Int64(n.text) { return String(i) }
        if let whole = wholeDouble(n.value) { return String(whole) }
        return "\(n.value)"
    }

    /// A whole double up to 2^53 as an integer.
    static func wholeDouble(_ x: Double) -> Int64? {
        x == x.rounded() && abs(x) <= 9_007_199_254_740_992 ? Int64(x) : nil
    }
}

extension SQLDialect {
    /// `value`, or an error of the query with `message` where `condition` holds.
    func failing(_ condition: String, _ message: String, else value: String) -> String {
        switch self {
        case .duckdb: return "(CASE WHEN coalesce(\(condition), false) THEN error(\(literal(message))) ELSE \(value) END)"
        case .clickhouse: return "if(throwIf(coalesce(\(condition), false), \(literal(message))) = 0, \(value), NULL)"
        }
    }

    func isFinite(_ x: String) -> String {
        self == .duckdb ? "isfinite(\(x))" : "isFinite(\(x))"
    }

    /// Integer division of wide integers, truncating.
    func quotient(_ a: String, _ b: String) -> String {
        self == .duckdb ? "(\(a) // \(b))" : "intDiv(\(a), \(b))"
    }

    /// The remainder of wide integers, with the dividend's sign.
    func remainder(_ a: String, _ b: String) -> String {
        "(\(a) % \(b))"
    }

    /// C's fmod on doubles (DuckDB's `%`; its `fmod()` floors, and ClickHouse has none).
    func fmod(_ x: String, _ y: String) -> String {
        "(\(x) % \(y))"
    }

    func nullIf(_ x: String, _ y: String) -> String {
        self == .duckdb ? "nullif(\(x), \(y))" : "nullIf(\(x), \(y))"
    }

    /// Characters as grapheme clusters (DuckDB only; ClickHouse's `len()` is refused).
    func graphemeCount(_ text: String) -> String {
        "length_grapheme(\(text))"
    }
}
