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
    package var outputColumns: [String] { output.columns }

    /// The units of the final rows' columns.
    package var outputUnits: [DurationUnit?] { output.units }

    /// The columns and units after every stage.
    private var output: (columns: [String], units: [DurationUnit?]) {
        var current = (columns: columns, units: units)
        for stage in stages {
            switch stage {
            case .regroup(let program):
                if case .rows(let plan) = program.plan { current = (plan.outputColumns, plan.outputUnits) }
            case .eval(let eval):
                if let i = current.columns.firstIndex(of: eval.name) {
                    current.units[i] = eval.unit
                } else {
                    current.columns.append(eval.name)
                    current.units.append(eval.unit)
                }
            case .keep(let count):
                current = (Array(current.columns.prefix(count)), Array(current.units.prefix(count)))
            case .filter, .sort, .limit:
                break
            }
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
    /// `eval NAME = VALUE` over rows: a column computed from each row read as a record,
    /// replacing a column of that name or added after the others.
    case eval(RowEval)
    /// Keeps the first columns (dropping the hidden ones a computed sort key added).
    case keep(Int)
}

/// One computed column of `eval` after a table.
package struct RowEval: Sendable {
    /// Reads the row's cells (`paths`); its filter is unused.
    package var program: Program
    package var value: Computation
    package var name: String
    /// Nanoseconds when the value is known to be a duration, else none.
    package var unit: DurationUnit?
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
            case .eval(let assignments):
                for assignment in assignments {
                    let eval = try rowEval(assignment.value, name: assignment.name, columns: columns, units: units)
                    plan.stages.append(.eval(eval))
                    if let i = columns.firstIndex(of: eval.name) {
                        units[i] = eval.unit
                    } else {
                        columns.append(eval.name)
                        units.append(eval.unit)
                    }
                }
                rest = rest.dropFirst()
            case .parse(let path, _):
                throw QueryError("parse works on records: put it before count, stats, fields or distinct", at: path.range)
            case .sort(let keys):
                var resolved: [RowOrder.Key] = []
                // A computed key is a hidden column, made before the sort and dropped after.
                let shown = columns.count
                var hidden = 0
                for key in keys {
                    if let value = key.value, !columns.contains(key.name) {
                        let eval = try rowEval(value, name: "\u{0}sort\(hidden)", columns: columns, units: units)
                        plan.stages.append(.eval(eval))
                        resolved.append(RowOrder.Key(index: shown + hidden, descending: key.descending))
                        hidden += 1
                        continue
                    }
                    guard let column = columns.firstIndex(of: key.name) else {
                        let known = columns.map { "'\($0)'" }.joined(separator: ", ")
                        throw QueryError("no column '\(key.name)' to sort by (columns: \(known))", at: key.range)
                    }
                    resolved.append(RowOrder.Key(index: column, descending: key.descending))
                }
                plan.stages.append(.sort(RowOrder(resolved)))
                if hidden > 0 { plan.stages.append(.keep(shown)) }
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

    /// A computed column over rows, compiled against the columns so far.
    private func rowEval(_ value: ValueExpression, name: String, columns: [String], units: [DurationUnit?]) throws(QueryError) -> RowEval {
        var rowCompiler = Compiler(durationScales: Self.durationScales(columns: columns, units: units))
        rowCompiler.functionsAreColumns = true
        let computation = try rowCompiler.compileValue(value)
        let program = rowCompiler.program(predicate: .all, needles: nil, plan: .lines)
        let unit = value.knownKind == .duration ? DurationUnit(nanoseconds: 1) : nil
        return RowEval(program: program, value: computation, name: name, unit: unit)
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
            try Self.requireDistinctNames(keys.map { ($0.name, $0.range) } + [(name, keys.last?.range)])
            var specs: [GroupKeySpec] = []
            for key in keys { specs.append(keySpec(key)) }
            return RowPlan(
                source: .group(keys: specs, aggregates: [AggregateSpec(function: .count, slot: nil, name: name)]),
                columns: specs.map(\.name) + [name], units: keys.map(keyUnit) + [nil], stages: [])
        case .stats(let aggregates, let keys):
            try Self.requireDistinctNames(keys.map { ($0.name, $0.range) } + aggregates.map { ($0.name, $0.range) })
            var specs: [GroupKeySpec] = []
            for key in keys { specs.append(keySpec(key)) }
            var aggregateSpecs: [AggregateSpec] = []
            var aggregateUnits: [DurationUnit?] = []
            for aggregate in aggregates {
                if let condition = aggregate.condition {
                    // count(EXPR): the sum of 1 where EXPR holds and 0 elsewhere.
                    if functionsAreColumns {
                        throw QueryError(
                            "count(EXPR) counts records: over a table's rows, filter first (| where EXPR | count)", at: aggregate.range)
                    }
                    let slot = addComputed(.test(try compileExpression(condition)))
                    aggregateSpecs.append(AggregateSpec(function: .sum, slot: slot, name: aggregate.name))
                    aggregateUnits.append(nil)
                    continue
                }
                var argument: Int?
                if let value = aggregate.argument { argument = try valueSlot(value) }
                aggregateSpecs.append(AggregateSpec(function: aggregate.function, slot: argument, name: aggregate.name))
                aggregateUnits.append(unit(of: .aggregate(aggregate.function, aggregate.argument)))
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
        case .where, .sort, .limit, .eval, .parse:
            preconditionFailure("record stages are handled before rows")
        }
    }

    /// Every column of a table has a name of its own: two of one name (`bucket(ts, 1h),
    /// bucket(ts, 1m)`, or a key `count` beside the count) would repeat a key in JSON output and
    /// make `sort NAME` ambiguous. A name is checked where it is written (`range`; the count's
    /// own column, which has none, is reported at the last key).
    private static func requireDistinctNames(_ names: [(name: String, range: SourceRange?)]) throws(QueryError) {
        var seen = Set<String>()
        for (name, range) in names where !seen.insert(name).inserted {
            guard let range else { continue }
            throw QueryError("two columns are named '\(name)': give one its own name with 'as NAME'", at: range)
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
