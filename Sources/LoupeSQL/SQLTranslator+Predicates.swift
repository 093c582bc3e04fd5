import LoupeEngine
import LoupeJSON
import LoupeQuery

/// Predicates: a filter expression to an SQL condition that is never NULL (each test is
/// false where SQL would say unknown), so `not` is loupe's `not`.
extension SQLTranslator {
    func predicate(_ expression: Expression, in relation: Relation) throws -> String {
        switch expression {
        case .all:
            return "true"
        case .and(let a, let b):
            return "(\(try predicate(a, in: relation)) AND \(try predicate(b, in: relation)))"
        case .or(let a, let b):
            return "(\(try predicate(a, in: relation)) OR \(try predicate(b, in: relation)))"
        case .not(let inner, _):
            return "(NOT \(try predicate(inner, in: relation)))"
        case .compare(let path, let op, let literal, let range):
            return try comparison(path, op, literal, range, in: relation)
        case .compareValues(let a, let op, let b, _):
            return try compareValues(a, op, b, in: relation)
        case .regex(let path, let pattern, let negated, _):
            let regex = try RegexTranslation.translate(pattern)
            let test = try test(path, in: relation) { raw in
                "(\(dialect.isString(raw)) AND \(dialect.search(dialect.stringValue(raw), dialect.literal(regex))))"
            }
            // `!~` is true for a missing field and for no matching element.
            return negated ? "(NOT \(test))" : test
        case .member(let path, let literals, let range):
            guard !literals.isEmpty else { return "false" }
            return "(" + (try literals.map { try comparison(path, .equal, $0, range, in: relation) }).joined(separator: " OR ") + ")"
        case .function(let function, let path, let argument, _):
            return try self.function(function, path, argument, in: relation)
        }
    }

    /// `exists`, `contains`, `startswith`, `endswith` (the `i` flag arrives as `lower(path)`).
    private func function(_ function: Expression.Function, _ path: QueryPath, _ argument: String?, in relation: Relation) throws -> String {
        try test(path, in: relation) { raw in
            let text = dialect.stringValue(raw)
            switch function {
            case .exists: return "(\(raw) IS NOT NULL)"
            case .contains: return "(\(dialect.isString(raw)) AND \(dialect.contains(text, argument ?? "")))"
            case .startswith: return "(\(dialect.isString(raw)) AND \(dialect.startsWith(text, argument ?? "")))"
            case .endswith: return "(\(dialect.isString(raw)) AND \(dialect.endsWith(text, argument ?? "")))"
            }
        }
    }

    /// `path OP literal` by DESIGN section 4. `!=` is the negation of `==` (true for a missing
    /// field; with `[*]`, no element equals), every other test false when SQL says unknown.
    func comparison(
        _ path: QueryPath, _ op: Expression.ComparisonOperator, _ literal: Literal, _ range: SourceRange, in relation: Relation
    ) throws -> String {
        if op == .notEqual {
            return "(NOT \(try comparison(path, .equal, literal, range, in: relation)))"
        }
        if path.function == .level, case .records = relation.shape {
            return try levelComparison(path, op, literal, range, in: relation)
        }
        if path.function == .time, case .records = relation.shape, case .timestamp = literal {
            let nanos = try timeNanos(path, in: relation)
            return "coalesce(\(nanos) \(op.rawValue == "==" ? "=" : op.rawValue) \(try timestampLiteral(literal, range)), false)"
        }
        let scale = durationScale(path, in: relation)
        let literalNanos = isTimestamp(literal) ? try timestampLiteral(literal, range) : ""
        return try test(path, in: relation) { raw in
            try compare(raw, op, literal, scale: scale, timestamp: literalNanos, range)
        }
    }

    private func isTimestamp(_ literal: Literal) -> Bool {
        if case .timestamp = literal { return true }
        return false
    }

    /// One value's JSON text against a literal (`op` is never `!=` here).
    private func compare(
        _ raw: String, _ op: Expression.ComparisonOperator, _ literal: Literal, scale: Double?, timestamp: String, _ range: SourceRange
    )
        throws -> String
    {
        let sqlOp = op == .equal ? "=" : op.rawValue
        switch literal {
        case .null:
            // Null and booleans are equality-only: ordered against them nothing holds.
            return op == .equal ? "(\(raw) IS NULL OR \(raw) = 'null')" : "false"
        case .bool(let b):
            return op == .equal ? "coalesce(\(raw) = '\(b)', false)" : "false"
        case .string(let s):
            // Strings order by UTF-8 bytes, as both engines compare strings by default.
            return "coalesce(\(dialect.isString(raw)) AND \(dialect.stringValue(raw)) \(sqlOp) \(dialect.literal(s)), false)"
        case .number(let n):
            guard n.value.isFinite else { throw TranslationError("\(n.text) is beyond a double's range", at: range) }
            let text = numberText(raw)
            let double = "\(dialect.double(text)) \(sqlOp) \(Self.number(n.value))"
            if Self.isIntegerText(n.text), let exact = Int64(n.text) {
                // Exact integers: 1712790000123000001 != 1712790000123000002.
                return
                    "coalesce(CASE WHEN \(dialect.int64(text)) IS NOT NULL THEN \(dialect.int64(text)) \(sqlOp) \(exact) ELSE \(double) END, false)"
            }
            return "coalesce(\(double), false)"
        case .duration(let ns):
            // The literal in the value's unit, not the value in nanoseconds: one rounded division
            // of the exact nanoseconds gives the double the value's own text reads as, so
            // `elapsed_seconds == 1000.493ms` holds for 1.000493 (1.000493 * 1e9 does not round
            // to 1000493000).
            let fromNumber = scale.map { "\(dialect.double(raw)) \(sqlOp) \(Self.number(ns / $0))" } ?? "false"
            let fromText = durationText(dialect.stringValue(raw), sqlOp, nanoseconds: ns)
            return
                "coalesce(CASE WHEN \(dialect.isNumber(raw)) THEN \(fromNumber) WHEN \(dialect.isString(raw)) THEN \(fromText) END, false)"
        case .timestamp:
            return "coalesce(\(self.timestamp(raw, guessed: false)) \(sqlOp) \(timestamp), false)"
        }
    }

    private static func isIntegerText(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        return !digits.isEmpty && digits.allSatisfy { $0 >= "0" && $0 <= "9" }
    }

    /// A TIMESTAMP literal in nanoseconds, read as loupe reads it.
    private func timestampLiteral(_ literal: Literal, _ range: SourceRange) throws -> String {
        guard case .timestamp(let text) = literal else { return "NULL" }
        var bytes = Array(text.utf8)
        guard let ns = bytes.withUnsafeMutableBufferPointer({ Timestamp.parseText(UnsafeBufferPointer($0)) }) else {
            throw TranslationError("cannot read the time \(text)", at: range)
        }
        return String(ns)
    }

    /// `level() OP "name"`: levels compare in their order, the literal read as a level name.
    private func levelComparison(
        _ path: QueryPath, _ op: Expression.ComparisonOperator, _ literal: Literal, _ range: SourceRange, in relation: Relation
    ) throws -> String {
        let rank = try levelRank(path, in: relation)
        switch literal {
        case .string(let name):
            guard let level = LogLevel.named(name) else {
                throw TranslationError("'\(name)' is no level name (use trace, debug, info, warn, error or fatal)", at: range)
            }
            return "coalesce(\(rank) \(op == .equal ? "=" : op.rawValue) \(level.rawValue), false)"
        case .null:
            return op == .equal ? "(\(rank) IS NULL)" : "false"
        default:
            throw TranslationError("level() compares with a level name such as \"warn\"", at: range)
        }
    }

    /// A test of the value at `path`: with `[*]`, true when some element reached through the
    /// path passes it (each `[*]` needs an array; a key an element lacks is missing there).
    func test(_ path: QueryPath, in relation: Relation, _ body: (String) throws -> String) throws -> String {
        guard path.hasWildcard, path.functions.isEmpty else {
            let value = try raw(path, in: relation)
            // A plain column is short; anything longer is bound once, not repeated per use.
            if value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { return "coalesce(\(try body(value)), false)" }
            let name = names.next("v")
            return "coalesce(\(dialect.bind(value, as: name, in: try body(name))), false)"
        }
        let segments = path.segments
        let array: String
        switch relation.shape {
        case .records:
            array = segments[0].isEmpty ? SQLDialect.lineColumn : lookup(segments[0], in: SQLDialect.lineColumn)
        case .rows:
            // Over rows, the steps before the first [*] start at a column.
            array = try raw(QueryPath(segments[0], range: path.range), in: relation)
        }
        return try anyElement(of: array, rest: Array(segments.dropFirst()), depth: 0, body)
    }

    private func anyElement(of array: String, rest: [[QueryPath.Component]], depth: Int, _ body: (String) throws -> String) throws -> String
    {
        let element = "e\(depth)"
        let value = rest[0].isEmpty ? element : lookup(rest[0], in: element)
        let inner: String
        if rest.count == 1 {
            inner = try body(value)
        } else {
            inner = try anyElement(of: value, rest: Array(rest.dropFirst()), depth: depth + 1, body)
        }
        return dialect.anyElement(array, element: element, inner)
    }
}
