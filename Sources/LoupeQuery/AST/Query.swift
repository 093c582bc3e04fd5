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
    /// The argument; nil only for `count()`.
    package var path: QueryPath?
    /// The column name: `as NAME`, or the call as written canonically (`p99(duration_ms)`).
    package var name: String
    package var range: SourceRange

    package init(function: Function, path: QueryPath?, name: String, range: SourceRange) {
        self.function = function
        self.path = path
        self.name = name
        self.range = range
    }
}

/// A `sort` key: a column (or field) name and a direction.
package struct SortKey: Equatable, Sendable {
    /// The column name this key refers to (`count`, `p99(duration_ms)`, `service`).
    package var name: String
    /// The key as a path, for sorting records before any aggregation.
    package var path: QueryPath?
    package var descending: Bool
    package var range: SourceRange

    package init(name: String, path: QueryPath?, descending: Bool, range: SourceRange) {
        self.name = name
        self.path = path
        self.descending = descending
        self.range = range
    }
}
