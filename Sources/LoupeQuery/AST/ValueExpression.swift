/// A value computed from a record or a row: a path, a constant, arithmetic on values, or a
/// function of values (`duration_ms / 1000`, `coalesce(user, "-")`, `round(bytes / 1024, 1)`).
///
/// The parser builds one wherever a value goes: either side of a comparison, an aggregate's
/// argument, an `eval` assignment. A comparison of a plain path with a constant stays an
/// `Expression.compare`, which the engine tests on the record's bytes; only comparisons that
/// compute something are `Expression.compareValues`.
package indirect enum ValueExpression: Equatable, Sendable, CustomStringConvertible {
    case path(QueryPath)
    case literal(Literal, SourceRange)
    /// `-x`: the range covers the minus and the operand.
    case negate(ValueExpression, SourceRange)
    /// `a + b` and the like; the range is the operator's, where a type error points.
    case binary(ArithmeticOperator, ValueExpression, ValueExpression, operatorRange: SourceRange)
    /// `coalesce(a, b)`, `len(p)`, `round(x, 2)`: the range covers the name to the `)`.
    case call(ValueFunction, [ValueExpression], SourceRange)

    /// The arithmetic operators, with their precedence (higher binds tighter; all are
    /// left-associative).
    package enum ArithmeticOperator: String, Equatable, Sendable, CaseIterable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"

        package var precedence: Int {
            switch self {
            case .add, .subtract: return 1
            case .multiply, .divide, .remainder: return 2
            }
        }

        /// The verb of a type error: "cannot add a string and a number".
        var phrase: (verb: String, joiner: String) {
            switch self {
            case .add: return ("add", "and")
            case .subtract: return ("subtract", "from")
            case .multiply: return ("multiply", "by")
            case .divide: return ("divide", "by")
            case .remainder: return ("take the remainder of", "by")
            }
        }
    }

    /// The functions that compute a value (the ones that stand for a path are `PathFunction`).
    package enum ValueFunction: String, Equatable, Sendable, CaseIterable {
        case coalesce, len, round, floor, ceil, abs

        /// How many arguments it takes.
        package var arity: ClosedRange<Int> {
            switch self {
            case .coalesce: return 1...64
            case .round: return 1...2
            case .len, .floor, .ceil, .abs: return 1...1
            }
        }

        /// How to call it, for the error that says the arity.
        var usage: String {
            switch self {
            case .coalesce: return "coalesce(a, b, ...)"
            case .len: return "len(path)"
            case .round: return "round(x) or round(x, digits)"
            case .floor: return "floor(x)"
            case .ceil: return "ceil(x)"
            case .abs: return "abs(x)"
            }
        }
    }

    /// Where the whole value lies in the query.
    package var range: SourceRange {
        switch self {
        case .path(let path): return path.range
        case .literal(_, let r), .negate(_, let r), .call(_, _, let r): return r
        case .binary(_, let a, let b, _): return a.range.union(b.range)
        }
    }

    /// The path, when the value is a plain path and nothing is computed.
    package var plainPath: QueryPath? {
        if case .path(let path) = self { return path }
        return nil
    }

    /// The value in canonical query syntax, the default name of a column it makes
    /// (`errors / n`, `round(bytes / 1024, 1)`): operators spaced, parentheses only where
    /// precedence needs them.
    package var description: String {
        switch self {
        case .path(let path): return path.description
        case .literal(let literal, _): return literal.description
        case .negate(let operand, _):
            if case .binary = operand { return "-(\(operand))" }
            return "-\(operand)"
        case .binary(let op, let a, let b, _):
            var left = a.description
            var right = b.description
            if case .binary(let inner, _, _, _) = a, inner.precedence < op.precedence { left = "(\(left))" }
            // Left-associative: a right operand of equal precedence needs its parentheses.
            if case .binary(let inner, _, _, _) = b, inner.precedence <= op.precedence { right = "(\(right))" }
            return "\(left) \(op.rawValue) \(right)"
        case .call(let function, let arguments, _):
            return function.rawValue + "(" + arguments.map(\.description).joined(separator: ", ") + ")"
        }
    }

    /// The paths the value reads, in order.
    package var paths: [QueryPath] {
        switch self {
        case .path(let path): return [path]
        case .literal: return []
        case .negate(let operand, _): return operand.paths
        case .binary(_, let a, let b, _): return a.paths + b.paths
        case .call(_, let arguments, _): return arguments.flatMap(\.paths)
        }
    }
}
