import LoupeQuery

/// Stages: each one a step of the WITH list over the relation before it. Records keep their
/// `line`; `count`, `stats`, `distinct` and `fields` turn them into rows, which later stages
/// read by column name, as loupe's row stages do.
extension SQLTranslator {
    /// The query's filter over the records.
    mutating func filter(_ relation: Relation, _ expression: Expression) throws -> Relation {
        let condition = try predicate(expression, in: relation)
        return add(
            "SELECT \(relation.carried) FROM \(relation.name) WHERE \(condition)", shape: relation.shape, ordered: relation.ordered,
            extras: relation.extras)
    }

    mutating func stage(_ stage: Stage, after relation: Relation) throws -> Relation {
        switch stage {
        case .where(let expression):
            return try filter(relation, expression)
        case .count(let keys, let name):
            return try group(
                relation, keys: keys, aggregates: [Aggregate(function: .count, path: nil, name: name, range: SourceRange(0, 0))])
        case .stats(let aggregates, let keys):
            return try group(relation, keys: keys, aggregates: aggregates)
        case .sort(let keys):
            return try sort(relation, keys)
        case .limit(let n):
            let order = relation.ordered ? " ORDER BY \(Relation.order)" : ""
            return add(
                "SELECT \(relation.carried) FROM \(relation.name)\(order) LIMIT \(n)", shape: relation.shape, ordered: relation.ordered,
                extras: relation.extras)
        case .fields(let columns):
            return try project(relation, columns)
        case .eval(let assignments):
            var relation = relation
            for assignment in assignments { relation = try eval(assignment, after: relation) }
            return relation
        case .parse(let path, let pattern):
            return try parse(path, pattern, after: relation)
        case .distinct(let columns):
            let keys = columns.map { GroupKey(kind: .path($0.path), name: $0.name, range: $0.path.range) }
            return try group(relation, keys: keys, aggregates: [])
        }
    }

    /// `sort`: each row's place in the new order, ties kept in the order before (stable).
    private mutating func sort(_ relation: Relation, _ keys: [SortKey]) throws -> Relation {
        var relation = relation
        var computedKeys: [Int: String] = [:]
        var projected: [String] = []
        for (i, key) in keys.enumerated() where key.path == nil {
            if case .rows(let columns) = relation.shape, columns.contains(where: { $0.name == key.name }) { continue }
            guard let computed = key.value else { continue }
            // Computed first, in a step of their own: a window's ORDER BY takes no volatile
            // expression (DuckDB), and the value may stop the query (`failing`).
            projected.append("\(try value(computed, in: relation)) AS sk\(i)")
            computedKeys[i] = "sk\(i)"
        }
        if !projected.isEmpty {
            let step = add(
                "SELECT \(relation.carried), \(projected.joined(separator: ", ")) FROM \(relation.name)", shape: relation.shape,
                ordered: relation.ordered, extras: relation.extras)
            relation.name = step.name
        }
        var order: [String] = []
        for (i, key) in keys.enumerated() {
            let value: String
            if case .rows(let columns) = relation.shape, let i = columns.firstIndex(where: { $0.name == key.name }) {
                value = Relation.column(i)
            } else if let path = key.path {
                value = try raw(path, in: relation)
            } else if let computed = computedKeys[i] {
                value = computed
            } else {
                throw TranslationError("no column '\(key.name)' to sort by", at: key.range)
            }
            order += sortKeys(value, descending: key.descending)
        }
        if relation.ordered { order.append(Relation.order) }
        var carried = Relation(name: relation.name, shape: relation.shape, ordered: false, extras: relation.extras).carried
        carried += ", \(dialect.rowNumber(orderBy: order.joined(separator: ", "))) AS \(Relation.order)"
        return add("SELECT \(carried) FROM \(relation.name)", shape: relation.shape, ordered: true, extras: relation.extras)
    }

    /// `eval NAME = VALUE`: over records, a column the later stages read for the bare name;
    /// over rows, the column of that name replaced, or a new one after the others.
    private mutating func eval(_ assignment: Assignment, after relation: Relation) throws -> Relation {
        var computed = try value(assignment.value, in: relation)
        var scale: Double?
        if let path = assignment.value.plainPath { scale = durationScale(path, in: relation) }
        switch relation.shape {
        case .records:
            computed = try evalField(assignment.value, in: relation)
            let column = "e\(steps.count)"
            let carried = relation.carried
            evalColumns[assignment.name] = (column, scale)
            return add(
                "SELECT \(carried), \(computed) AS \(column) FROM \(relation.name)", shape: .records, ordered: relation.ordered,
                extras: relation.extras + [column])
        case .rows(var columns):
            var kind = SQLColumn.Kind.computed
            if case .path = assignment.value, let i = columns.indices.first(where: { Relation.column($0) == computed }) {
                kind = columns[i].kind
            }
            let made = SQLColumn(name: assignment.name, kind: kind, scale: scale)
            var selected = columns.indices.map(Relation.column)
            if let i = columns.firstIndex(where: { $0.name == assignment.name }) {
                selected[i] = "\(computed) AS \(Relation.column(i))"
                columns[i] = made
            } else {
                selected.append("\(computed) AS \(Relation.column(columns.count))")
                columns.append(made)
            }
            if relation.ordered { selected.append(Relation.order) }
            return add("SELECT \(selected.joined(separator: ", ")) FROM \(relation.name)", shape: .rows(columns), ordered: relation.ordered)
        }
    }

    /// `fields`: one row per record (or row) with the named values; order kept.
    private mutating func project(_ relation: Relation, _ columns: [Column]) throws -> Relation {
        var selected: [String] = []
        var result: [SQLColumn] = []
        for (i, column) in columns.enumerated() {
            let value = try raw(column.path, in: relation)
            selected.append("\(value) AS \(Relation.column(i))")
            var kind = SQLColumn.Kind.value
            if case .rows(let before) = relation.shape, let j = before.indices.first(where: { Relation.column($0) == value }) {
                kind = before[j].kind
            }
            result.append(SQLColumn(name: column.name, kind: kind, scale: durationScale(column.path, in: relation)))
        }
        if relation.ordered { selected.append(Relation.order) }
        return add("SELECT \(selected.joined(separator: ", ")) FROM \(relation.name)", shape: .rows(result), ordered: relation.ordered)
    }

    /// `count`, `stats` and `distinct`: one row per distinct key tuple (equal loupe values in
    /// one group; missing and null together), keys first, then the aggregates. Buckets floor
    /// each timestamp to a multiple of the width since the epoch, in UTC; a record without a
    /// readable timestamp joins no group.
    private mutating func group(_ relation: Relation, keys: [GroupKey], aggregates: [Aggregate]) throws -> Relation {
        // First each record's key values and aggregate arguments, then the groups over them,
        // so that each value is extracted once and the SQL reads in two plain steps.
        var projected: [String] = []
        var conditions: [String] = []
        var shown: [String] = []
        var grouping: [String] = []
        for (i, key) in keys.enumerated() {
            switch key.kind {
            case .path(let path):
                projected.append("\(try raw(path, in: relation)) AS k\(i)")
                shown.append("k\(i)")
                grouping.append(groupKey("k\(i)"))
            case .bucket(let path, let width):
                guard width >= 1, width == width.rounded(), width < 9.2e18 else {
                    throw TranslationError("a bucket width must be whole nanoseconds", at: key.range)
                }
                let w = Int64(width)
                let nanos = try timeNanos(path, in: relation)
                let t = names.next("b")
                projected.append("\(dialect.bind(nanos, as: t, in: "\(t) - (((\(t) % \(w)) + \(w)) % \(w))")) AS k\(i)")
                let digits = Int(GroupKeyDigits.fractionDigits(forBucketWidth: w))
                shown.append(timeText("k\(i)", fractionDigits: digits))
                grouping.append("k\(i)")
                conditions.append("k\(i) IS NOT NULL")
            }
        }
        for (j, aggregate) in aggregates.enumerated() {
            if let condition = aggregate.condition {
                projected.append("(CASE WHEN \(try predicate(condition, in: relation)) THEN 1 ELSE 0 END) AS a\(j)")
            } else if let path = aggregate.path {
                projected.append("\(try raw(path, in: relation)) AS a\(j)")
            } else if let argument = aggregate.argument {
                projected.append("\(try value(argument, in: relation)) AS a\(j)")
            }
        }
        if projected.isEmpty { projected.append("1 AS one") }
        let inner = add("SELECT \(projected.joined(separator: ", ")) FROM \(relation.name)", shape: relation.shape)
        var selected: [String] = []
        var columns: [SQLColumn] = []
        for (i, key) in keys.enumerated() {
            selected.append("\(dialect.anyValue(shown[i])) AS \(Relation.column(columns.count))")
            var scale: Double?
            if case .path(let path) = key.kind { scale = durationScale(path, in: relation) }
            columns.append(SQLColumn(name: key.name, kind: .value, scale: scale))
        }
        for (j, aggregate) in aggregates.enumerated() {
            var (sql, kind) = try self.aggregate(aggregate, argument: "a\(j)")
            if aggregate.condition != nil {
                // count(EXPR): the records where EXPR holds, 0 for a group with none.
                (sql, kind) = (dialect.integerText(dialect.countIf("a\(j) = 1")), .number)
            }
            selected.append("\(sql) AS \(Relation.column(columns.count))")
            // sum, avg, min, max and percentiles measure in their argument's unit (`Compiler.unit(of:)`).
            var scale: Double?
            switch aggregate.function {
            case .count, .distinct: scale = nil
            default: scale = aggregate.path.flatMap { durationScale($0, in: relation) }
            }
            columns.append(SQLColumn(name: aggregate.name, kind: kind, scale: scale))
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let groupBy = keys.isEmpty ? "" : " GROUP BY " + grouping.joined(separator: ", ")
        return add("SELECT \(selected.joined(separator: ", ")) FROM \(inner.name)\(filter)\(groupBy)", shape: .rows(columns))
    }
}

/// The fraction digits of a bucket column, as loupe shows them (`GroupKeyEncoding`).
enum GroupKeyDigits {
    static func fractionDigits(forBucketWidth width: Int64) -> UInt8 {
        width % 1_000_000_000 == 0 ? 0 : (width % 1_000_000 == 0 ? 3 : (width % 1000 == 0 ? 6 : 9))
    }
}
