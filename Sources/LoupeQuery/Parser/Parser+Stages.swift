/// Pipeline stages after `|`: where, count, stats, sort, limit, fields, distinct.
extension Parser {
    static let stageNames = ["where", "count", "stats", "sort", "limit", "fields", "distinct"]

    mutating func parseStage() throws(QueryError) -> Stage {
        guard case .identifier(let word) = current.kind, Parser.stageNames.contains(word) else {
            throw QueryError(
                "expected a stage after '|' (where, count, stats, sort, limit, fields or distinct), found \(current.display)",
                at: current.range)
        }
        advance()
        switch word {
        case "where":
            return .where(try parseExpression(minimumPrecedence: 1))
        case "count":
            if current.kind == .op("("), peek().kind == .op(")") {
                advance()
                advance()
            }
            let name = try parseAlias() ?? "count"
            return .count(by: try parseBy(), name: name)
        case "stats":
            var aggregates = [try parseAggregate()]
            while current.kind == .op(",") {
                advance()
                aggregates.append(try parseAggregate())
            }
            return .stats(aggregates, by: try parseBy())
        case "sort":
            var keys = [try parseSortKey()]
            while current.kind == .op(",") {
                advance()
                keys.append(try parseSortKey())
            }
            return .sort(keys)
        case "limit":
            guard case .number(let literal) = current.kind, case let n = literal.value, n >= 0, n == n.rounded(), n <= Double(Int.max / 2)
            else {
                throw QueryError("expected a whole number after 'limit'", at: current.range)
            }
            advance()
            return .limit(Int(n))
        case "fields":
            return .fields(try parseColumns())
        default:
            return .distinct(try parseColumns())
        }
    }

    /// The widest `bucket()` width in nanoseconds: 106751 days, the span of Int64 nanoseconds.
    static let maximumBucketWidth: Double = 106751 * 86400e9

    private mutating func parseAlias() throws(QueryError) -> String? {
        guard isWord("as") else { return nil }
        advance()
        switch current.kind {
        case .identifier(let name), .string(let name):
            advance()
            return name
        default:
            throw QueryError("expected a name after 'as'", at: current.range)
        }
    }

    private mutating func parseBy() throws(QueryError) -> [GroupKey] {
        guard isWord("by") else { return [] }
        advance()
        var keys = [try parseGroupKey()]
        while current.kind == .op(",") {
            advance()
            keys.append(try parseGroupKey())
        }
        return keys
    }

    private mutating func parseGroupKey() throws(QueryError) -> GroupKey {
        let start = current.range
        if isWord("bucket"), peek().kind == .op("(") {
            advance()
            advance()
            let path = try parsePath()
            _ = try expect(",", "',' and a duration")
            guard case .duration(let width) = current.kind, width >= 1 else {
                throw QueryError("expected a duration like 1m or 5s after ','", at: current.range)
            }
            // The engine floors Int64 nanoseconds: the width must be a whole number of them.
            guard width == width.rounded(), width <= Parser.maximumBucketWidth else {
                throw QueryError("a bucket width must be a whole number of nanoseconds up to 106751d", at: current.range)
            }
            advance()
            let end = try expect(")", "')'")
            let name = try parseAlias() ?? path.description
            return GroupKey(kind: .bucket(path, width: width), name: name, range: start.union(end))
        }
        let path = try parsePath()
        let range = start.union(previous.range)
        let name = try parseAlias() ?? path.description
        return GroupKey(kind: .path(path), name: name, range: range)
    }

    /// The aggregate functions by name; `percentile` takes its percent as a second argument.
    static let aggregateFunctions: [String: Aggregate.Function] = [
        "count": .count, "sum": .sum, "avg": .avg, "mean": .avg, "min": .min, "max": .max, "distinct": .distinct,
        "p50": .percentile(50), "p75": .percentile(75), "p90": .percentile(90), "p95": .percentile(95),
        "p99": .percentile(99), "p999": .percentile(99.9), "median": .percentile(50), "percentile": .percentile(-1),
    ]

    private mutating func parseAggregate() throws(QueryError) -> Aggregate {
        let start = current.range
        guard case .identifier(let name) = current.kind, var function = Parser.aggregateFunctions[name] else {
            let names = "count(), sum, avg, min, max, distinct, p50, p90, p95, p99, p999, percentile(path, Q)"
            throw QueryError("expected an aggregate (\(names)), found \(current.display)", at: current.range)
        }
        advance()
        if function == .count, current.kind != .op("(") {
            return Aggregate(function: .count, path: nil, name: try parseAlias() ?? "count", range: start)
        }
        _ = try expect("(", "'('")
        var path: QueryPath?
        var canonical: String
        if function == .count {
            // count(x) would read as SQL's count of non-null x; loupe has no such aggregate.
            guard current.kind == .op(")") else {
                throw QueryError(
                    "count() takes no argument (to count records with a value, filter first: where PATH != null | count)", at: current.range
                )
            }
            canonical = "count"
        } else {
            let argument = try parsePath()
            path = argument
            canonical = "\(name)(\(argument))"
        }
        if function == .percentile(-1) {
            _ = try expect(",", "',' and a percent between 0 and 100")
            guard case .number(let literal) = current.kind, case let q = literal.value, q >= 0, q <= 100 else {
                throw QueryError("expected a percent between 0 and 100", at: current.range)
            }
            advance()
            function = .percentile(q)
            canonical = "percentile(\(path!), \(Token.format(q)))"
        }
        let end = try expect(")", "')'")
        let alias = try parseAlias()
        return Aggregate(function: function, path: path, name: alias ?? canonical, range: start.union(end))
    }

    private mutating func parseSortKey() throws(QueryError) -> SortKey {
        let start = current.range
        var name: String
        var path: QueryPath?
        if case .identifier(let word) = current.kind, Parser.aggregateFunctions[word] != nil, peek().kind == .op("(") {
            let aggregate = try parseAggregate()
            name = aggregate.name
        } else {
            let parsed = try parsePath()
            path = parsed
            name = parsed.description
        }
        var descending = false
        if isWord("desc") || isWord("asc") {
            descending = isWord("desc")
            advance()
        }
        return SortKey(name: name, path: path, descending: descending, range: start.union(previous.range))
    }

    private mutating func parseColumns() throws(QueryError) -> [Column] {
        var columns: [Column] = []
        repeat {
            if !columns.isEmpty { advance() }
            let path = try parsePath()
            columns.append(Column(path: path, name: try parseAlias() ?? path.description))
        } while current.kind == .op(",")
        return columns
    }
}
