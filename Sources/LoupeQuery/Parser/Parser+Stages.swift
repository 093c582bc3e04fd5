/// Pipeline stages after `|`: where, eval, parse, count, stats, sort, limit, fields, distinct.
extension Parser {
    static let stageNames = ["where", "eval", "parse", "count", "stats", "sort", "limit", "fields", "distinct"]

    mutating func parseStage() throws(QueryError) -> Stage {
        guard case .identifier(let word) = current.kind, Parser.stageNames.contains(word) else {
            throw QueryError(
                "expected a stage after '|' (where, eval, parse, count, stats, sort, limit, fields or distinct), found \(current.display)",
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
            if current.kind == .op("-"), case .number = peek().kind, peek().range.start == current.range.end {
                throw QueryError("expected a whole number after 'limit'", at: current.range.union(peek().range))
            }
            guard case .number(let literal) = current.kind, case let n = literal.value, n >= 0, n == n.rounded(), n <= Double(Int.max / 2)
            else {
                throw QueryError("expected a whole number after 'limit'", at: current.range)
            }
            advance()
            return .limit(Int(n))
        case "fields":
            return .fields(try parseColumns())
        case "eval":
            return .eval(try parseAssignments())
        case "parse":
            return try parseParse()
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
        var canonical: String
        var argument: ValueExpression?
        var condition: Expression?
        if function == .count {
            // count(EXPR) counts the records where EXPR is true (not SQL's non-null count).
            if current.kind == .op(")") {
                canonical = "count"
            } else if current.kind == .end {
                throw QueryError("expected ')' or a test like status >= 500 after '('", at: current.range)
            } else if case .identifier(let name) = current.kind, peek().kind == .op(")") {
                throw QueryError(
                    "count(EXPR) counts the records where EXPR is true, as in count(status >= 500); count(\(name) != null) counts those with a value",
                    at: current.range)
            } else {
                let test = try parseExpression(minimumPrecedence: 1)
                condition = test
                canonical = "count(\(test))"
            }
        } else {
            let value = try parseSingleValue()
            argument = value
            canonical = "\(name)(\(value))"
        }
        if function == .percentile(-1) {
            _ = try expect(",", "',' and a percent between 0 and 100")
            guard case .number(let literal) = current.kind, case let q = literal.value, q >= 0, q <= 100 else {
                throw QueryError("expected a percent between 0 and 100", at: current.range)
            }
            advance()
            function = .percentile(q)
            canonical = "percentile(\(argument!), \(Token.format(q)))"
        }
        let end = try expect(")", "')'")
        let alias = try parseAlias()
        return Aggregate(function: function, argument: argument, condition: condition, name: alias ?? canonical, range: start.union(end))
    }

    private mutating func parseSortKey() throws(QueryError) -> SortKey {
        let start = current.range
        var name: String
        var path: QueryPath?
        var value: ValueExpression?
        if case .identifier(let word) = current.kind, Parser.aggregateFunctions[word] != nil, peek().kind == .op("(") {
            let aggregate = try parseAggregate()
            name = aggregate.name
        } else {
            let parsed = try parseSingleValue()
            if let plain = parsed.plainPath {
                path = plain
            } else {
                value = parsed
            }
            name = parsed.description
        }
        var descending = false
        if isWord("desc") || isWord("asc") {
            descending = isWord("desc")
            advance()
        }
        return SortKey(name: name, path: path, value: value, descending: descending, range: start.union(previous.range))
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

    /// `NAME = value (',' NAME = value)*`.
    private mutating func parseAssignments() throws(QueryError) -> [Assignment] {
        var assignments: [Assignment] = []
        repeat {
            if !assignments.isEmpty { advance() }
            let start = current.range
            guard case .identifier(let name) = current.kind, !Parser.reservedWords.contains(name) else {
                throw QueryError(
                    "expected a name for the computed field after \(previous.display), as in eval rate = errors / n", at: current.range)
            }
            advance()
            if current.kind == .op("==") { throw QueryError("use '=' to name a computed field", at: current.range) }
            _ = try expect("=", "'=' and a value")
            try expectOperand(after: previous)
            let value = try parseValue()
            assignments.append(Assignment(name: name, value: value, range: start.union(value.range)))
        } while current.kind == .op(",")
        return assignments
    }

    /// `PATH with /REGEX/flags` (or a string holding the pattern).
    private mutating func parseParse() throws(QueryError) -> Stage {
        let path = try parsePath()
        guard isWord("with") else {
            throw QueryError(
                "expected 'with' and a regex after \(previous.display), as in parse msg with /took (?<ms>\\d+)ms/", at: current.range)
        }
        advance()
        let pattern = try parsePattern(orElse: "expected a regex with named groups like /took (?<ms>\\d+)ms/ after 'with'")
        return .parse(path, pattern)
    }
}
