import LoupeJSON
import LoupeQuery

/// How records become result rows, and what happens to the rows after.
package struct RowPlan: Sendable {
    package var source: RowSource
    /// Column names of the rows `source` produces, in query order.
    package var columns: [String]
    /// The unit of each column's numbers, nil where they are not durations (see `DurationUnit`).
    package var units: [DurationUnit?]
    /// Stages over the rows, in order.
    package var stages: [RowStage]

    /// The columns of the final rows.
    package var outputColumns: [String] {
        var current = columns
        for stage in stages {
            if case .regroup(let program) = stage, case .rows(let plan) = program.plan { current = plan.outputColumns }
        }
        return current
    }

    /// The units of the final rows' columns.
    package var outputUnits: [DurationUnit?] {
        var current = units
        for stage in stages {
            if case .regroup(let program) = stage, case .rows(let plan) = program.plan { current = plan.outputUnits }
        }
        return current
    }
}

/// The first stage that turns records into rows.
package enum RowSource: Sendable {
    /// count, stats and distinct: one row per distinct key tuple (first appearance order).
    case group(keys: [GroupKeySpec], aggregates: [AggregateSpec])
    /// fields: one row per record.
    case project(slots: [Int])
}

/// A grouping key: a scanner slot, and a bucket width in nanoseconds for `bucket(...)`.
package struct GroupKeySpec: Sendable {
    package var slot: Int
    package var bucketWidth: Int64?
    package var name: String
}

/// One aggregate column.
package struct AggregateSpec: Sendable {
    package var function: Aggregate.Function
    /// The scanner slot of the argument; nil for `count()`.
    package var slot: Int?
    package var name: String
}

/// A stage applied to rows once they exist.
package enum RowStage: Sendable {
    /// `where` over rows: the program's filter tests each row read as a record (`RowRecord`).
    case filter(Program)
    /// `sort` over rows: the keys index the columns.
    case sort(RowOrder)
    case limit(Int)
    /// A further count, stats, fields or distinct over the rows read as records.
    case regroup(Program)
}

extension Compiler {
    /// Compiles the stages from the first row-producing one on.
    mutating func compileRows(_ stages: [Stage]) throws(QueryError) -> RowPlan {
        var plan = try compileSource(stages[0])
        var rest = stages.dropFirst()
        var columns = plan.columns
        var units = plan.units
        while let stage = rest.first {
            switch stage {
            case .where(let expression):
                var rowCompiler = Compiler(durationScales: Self.durationScales(columns: columns, units: units))
                rowCompiler.functionsAreColumns = true
                let predicate = try rowCompiler.compileExpression(expression)
                plan.stages.append(.filter(rowCompiler.program(predicate: predicate, needles: nil, plan: .lines)))
                rest = rest.dropFirst()
            case .sort(let keys):
                var resolved: [RowOrder.Key] = []
                for key in keys {
                    guard let column = columns.firstIndex(of: key.name) else {
                        let known = columns.map { "'\($0)'" }.joined(separator: ", ")
                        throw QueryError("no column '\(key.name)' to sort by (columns: \(known))", at: key.range)
                    }
                    resolved.append(RowOrder.Key(index: column, descending: key.descending))
                }
                plan.stages.append(.sort(RowOrder(resolved)))
                rest = rest.dropFirst()
            case .limit(let n):
                plan.stages.append(.limit(n))
                rest = rest.dropFirst()
            case .count, .stats, .fields, .distinct:
                // Everything from here runs over the rows as records.
                var rowCompiler = Compiler(durationScales: Self.durationScales(columns: columns, units: units))
                rowCompiler.functionsAreColumns = true
                let nested = try rowCompiler.compileRows(Array(rest))
                plan.stages.append(.regroup(rowCompiler.program(predicate: .all, needles: nil, plan: .rows(nested))))
                columns = nested.outputColumns
                units = nested.outputUnits
                rest = []
            }
        }
        return plan
    }

    func program(predicate: Predicate, needles: [[UInt8]]?, plan: Program.Plan) -> Program {
        Program(
            paths: PathSet(paths), predicate: predicate, regexes: regexes, elementPaths: elementPaths, derived: derived,
            needles: needles,
            testedSlots: testedSlots, plan: plan, lineSort: [], lineLimit: nil)
    }

    private mutating func compileSource(_ stage: Stage) throws(QueryError) -> RowPlan {
        switch stage {
        case .count(let keys, let name):
            var specs: [GroupKeySpec] = []
            for key in keys { specs.append(keySpec(key)) }
            return RowPlan(
                source: .group(keys: specs, aggregates: [AggregateSpec(function: .count, slot: nil, name: name)]),
                columns: specs.map(\.name) + [name], units: keys.map(keyUnit) + [nil], stages: [])
        case .stats(let aggregates, let keys):
            var specs: [GroupKeySpec] = []
            for key in keys { specs.append(keySpec(key)) }
            var aggregateSpecs: [AggregateSpec] = []
            var aggregateUnits: [DurationUnit?] = []
            for aggregate in aggregates {
                let argument = aggregate.path.map { slot(for: $0) }
                aggregateSpecs.append(AggregateSpec(function: aggregate.function, slot: argument, name: aggregate.name))
                aggregateUnits.append(unit(of: .aggregate(aggregate.function, aggregate.path)))
            }
            return RowPlan(
                source: .group(keys: specs, aggregates: aggregateSpecs),
                columns: specs.map(\.name) + aggregateSpecs.map(\.name), units: keys.map(keyUnit) + aggregateUnits, stages: [])
        case .distinct(let columns):
            var specs: [GroupKeySpec] = []
            for column in columns { specs.append(GroupKeySpec(slot: slot(for: column.path), bucketWidth: nil, name: column.name)) }
            return RowPlan(
                source: .group(keys: specs, aggregates: []), columns: specs.map(\.name),
                units: columns.map { unit(of: .values($0.path)) }, stages: [])
        case .fields(let columns):
            var slots: [Int] = []
            for column in columns { slots.append(slot(for: column.path)) }
            return RowPlan(
                source: .project(slots: slots), columns: columns.map(\.name), units: columns.map { unit(of: .values($0.path)) },
                stages: [])
        case .where, .sort, .limit:
            preconditionFailure("record stages are handled before rows")
        }
    }

    /// A key holds its path's values; a `bucket()` key holds timestamps.
    private func keyUnit(_ key: GroupKey) -> DurationUnit? {
        switch key.kind {
        case .path(let path): return unit(of: .values(path))
        case .bucket: return unit(of: .bucket)
        }
    }

    private mutating func keySpec(_ key: GroupKey) -> GroupKeySpec {
        switch key.kind {
        case .path(let path):
            return GroupKeySpec(slot: slot(for: path), bucketWidth: nil, name: key.name)
        case .bucket(let path, let width):
            return GroupKeySpec(slot: slot(for: path), bucketWidth: Int64(width), name: key.name)
        }
    }
}
