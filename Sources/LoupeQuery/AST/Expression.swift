/// A boolean filter expression with the source range of each node.
package indirect enum Expression: Equatable, Sendable {
    /// `*`: every valid record.
    case all(SourceRange)
    case and(Expression, Expression)
    case or(Expression, Expression)
    case not(Expression, SourceRange)
    /// `path OP literal`: the engine compares the record's bytes with the constant.
    case compare(QueryPath, ComparisonOperator, Literal, SourceRange)
    /// `value OP value` where a side computes something (`duration_ms / 1000 > 2`) or neither
    /// is a constant: both sides are evaluated, then compared by the same rules.
    case compareValues(ValueExpression, ComparisonOperator, ValueExpression, SourceRange)
    /// `path ~ /re/flags` (or `!~` when `negated`).
    case regex(QueryPath, Pattern, negated: Bool, SourceRange)
    /// `path in [v, ...]`.
    case member(QueryPath, [Literal], SourceRange)
    /// `exists(path)`, `contains(path, "s")`, `startswith(...)`, `endswith(...)`.
    case function(Function, QueryPath, String?, SourceRange)

    /// A comparison operator.
    package enum ComparisonOperator: String, Equatable, Sendable, CaseIterable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

        /// The operator with its sides swapped: `5 < a` is `a > 5`.
        package var mirrored: ComparisonOperator {
            switch self {
            case .equal, .notEqual: return self
            case .less: return .greater
            case .lessOrEqual: return .greaterOrEqual
            case .greater: return .less
            case .greaterOrEqual: return .lessOrEqual
            }
        }
    }

    /// The functions usable in a filter.
    package enum Function: String, Equatable, Sendable, CaseIterable {
        case exists, contains, startswith, endswith
    }

    /// A regular expression as written: the PCRE2 pattern, its flags and where it was.
    package struct Pattern: Equatable, Sendable {
        package var source: String
        package var flags: String
        package var range: SourceRange

        package init(source: String, flags: String, range: SourceRange) {
            self.source = source
            self.flags = flags
            self.range = range
        }
    }

    /// Where the whole expression lies in the query.
    package var range: SourceRange {
        switch self {
        case .all(let r), .not(_, let r), .compare(_, _, _, let r), .compareValues(_, _, _, let r), .regex(_, _, _, let r),
            .member(_, _, let r), .function(_, _, _, let r):
            return r
        case .and(let a, let b), .or(let a, let b):
            return a.range.union(b.range)
        }
    }
}
