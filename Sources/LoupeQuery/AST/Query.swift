/// A parsed query: a filter, then stages applied in order.
package struct Query: Equatable, Sendable {
    package var filter: Expression
    package var stages: [Stage]

    package init(filter: Expression, stages: [Stage]) {
        self.filter = filter
        self.stages = stages
    }
}

/// One pipeline stage after `|`.
package enum Stage: Equatable, Sendable {
    case `where`(Expression)
    /// `count [by keys]`: one row per group with a `count` column.
    case count(by: [GroupKey], name: String)
    case stats([Aggregate], by: [GroupKey])
    case sort([SortKey])
    case limit(Int)
    case fields([Column])
    case distinct([Column])
    /// `eval NAME = VALUE, ...`: computed fields later stages read by name; per record before
    /// a table, per row after one.
    case eval([Assignment])
    /// `parse PATH with /REGEX/`: the named groups of the match become fields of the record
    /// (missing when the value does not match).
    case parse(QueryPath, Expression.Pattern)
}

/// One computed field of `eval`: `rate = errors / n`.
package struct Assignment: Equatable, Sendable {
    package var name: String
    package var value: ValueExpression
    /// The whole assignment, name to value.
    package var range: SourceRange

    package init(name: String, value: ValueExpression, range: SourceRange) {
        self.name = name
        self.value = value
        self.range = range
    }
}

/// A named path: a column of `fields` or `distinct`.
package struct Column: Equatable, Sendable {
    package var path: QueryPath
    package var name: String

    package init(path: QueryPath, name: String) {
        self.path = path
        self.name = name
    }
}

/// A grouping key: a path, or a time bucket of a path.
package struct GroupKey: Equatable, Sendable {
    /// How the key's value is computed from a record.
    package enum Kind: Equatable, Sendable {
        case path(QueryPath)
        /// `bucket(path, width)`: the timestamp floored to a multiple of `width` nanoseconds.
        case bucket(QueryPath, width: Double)
    }

    package var kind: Kind
    /// The column name: `as NAME`, or the path as written.
    package var name: String
    package var range: SourceRange

    package init(kind: Kind, name: String, range: SourceRange) {
        self.kind = kind
        self.name = name
        self.range = range
    }

    package var path: QueryPath {
        switch kind {
        case .path(let p), .bucket(let p, _): return p
        }
    }
}

/// An aggregate function call in `stats`.
package struct Aggregate: Equatable, Sendable {
    /// The function and its parameter.
    package enum Function: Equatable, Sendable {
        case count, sum, avg, min, max, distinct
        /// A percentile in percent (p99 is 99).
        case percentile(Double)
    }

    package var function: Function
    /// The argument, a path or a computed value (`avg(bytes / 1024)`); nil for `count()`.
    package var argument: ValueExpression?
    /// `count(EXPR)`: the records where EXPR is true are counted; nil for every other aggregate.
    package var condition: Expression?
    /// The column name: `as NAME`, or the call as written canonically (`p99(duration_ms)`).
    package var name: String
    package var range: SourceRange

    package init(function: Function, path: QueryPath?, name: String, range: SourceRange) {
        self.init(function: function, argument: path.map(ValueExpression.path), name: name, range: range)
    }

    package init(function: Function, argument: ValueExpression?, condition: Expression? = nil, name: String, range: SourceRange) {
        self.function = function
        self.argument = argument
        self.condition = condition
        self.name = name
        self.range = range
    }

    /// The argument when it is a plain path.
    package var path: QueryPath? { argument?.plainPath }
}

/// A `sort` key: a column (or field) name and a direction.
package struct SortKey: Equatable, Sendable {
    /// The column name this key refers to (`count`, `p99(duration_ms)`, `service`).
    package var name: String
    /// The key as a path, for sorting records before any aggregation.
    package var path: QueryPath?
    /// A computed key (`sort errors / n desc`): over records, or over a table's rows.
    package var value: ValueExpression?
    package var descending: Bool
    package var range: SourceRange

    package init(name: String, path: QueryPath?, value: ValueExpression? = nil, descending: Bool, range: SourceRange) {
        self.name = name
        self.path = path
        self.value = value
        self.descending = descending
        self.range = range
    }
}
