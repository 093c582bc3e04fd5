/// A parsed query: a filter, then stages applied in order.
public struct Query: Equatable, Sendable {
    public var filter: Expression
    public var stages: [Stage]

    public init(filter: Expression, stages: [Stage]) {
        self.filter = filter
        self.stages = stages
    }
}

/// One pipeline stage after `|`.
public enum Stage: Equatable, Sendable {
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
public struct Column: Equatable, Sendable {
    public var path: QueryPath
    public var name: String

    public init(path: QueryPath, name: String) {
        self.path = path
        self.name = name
    }
}

/// A grouping key: a path, or a time bucket of a path.
public struct GroupKey: Equatable, Sendable {
    /// How the key's value is computed from a record.
    public enum Kind: Equatable, Sendable {
        case path(QueryPath)
        /// `bucket(path, width)`: the timestamp floored to a multiple of `width` nanoseconds.
        case bucket(QueryPath, width: Double)
    }

    public var kind: Kind
    /// The column name: `as NAME`, or the path as written.
    public var name: String
    public var range: SourceRange

    public init(kind: Kind, name: String, range: SourceRange) {
        self.kind = kind
        self.name = name
        self.range = range
    }

    public var path: QueryPath {
        switch kind {
        case .path(let p), .bucket(let p, _): return p
        }
    }
}

/// An aggregate function call in `stats`.
public struct Aggregate: Equatable, Sendable {
    /// The function and its parameter.
    public enum Function: Equatable, Sendable {
        case count, sum, avg, min, max, distinct
        /// A percentile in percent (p99 is 99).
        case percentile(Double)
    }

    public var function: Function
    /// The argument; nil only for `count()`.
    public var path: QueryPath?
    /// The column name: `as NAME`, or the call as written canonically (`p99(duration_ms)`).
    public var name: String
    public var range: SourceRange

    public init(function: Function, path: QueryPath?, name: String, range: SourceRange) {
        self.function = function
        self.path = path
        self.name = name
        self.range = range
    }
}

/// A `sort` key: a column (or field) name and a direction.
public struct SortKey: Equatable, Sendable {
    /// The column name this key refers to (`count`, `p99(duration_ms)`, `service`).
    public var name: String
    /// The key as a path, for sorting records before any aggregation.
    public var path: QueryPath?
    public var descending: Bool
    public var range: SourceRange

    public init(name: String, path: QueryPath?, descending: Bool, range: SourceRange) {
        self.name = name
        self.path = path
        self.descending = descending
        self.range = range
    }
}
