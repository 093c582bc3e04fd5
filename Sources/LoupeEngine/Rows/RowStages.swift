import LoupeJSON

/// Runs the stages after the first row-producing one on the rows' values: `where`, `sort` and
/// `limit` on rows, and a further count, stats, fields or distinct, which read each row as a
/// record (`RowRecord`). Nothing is written out as JSON and scanned again.
package enum RowStages {
    /// `input` through `stages`, in order.
    package static func apply(_ stages: [RowStage], to input: RowSet, approximate: Bool) -> RowSet {
        var set = input
        for stage in stages {
            switch stage {
            case .filter(let program):
                var evaluator = RecordEvaluator(program: program)
                var record = RowRecord(paths: program.paths, columns: set.columns)
                set.rows = set.rows.filter { row in
                    record.withValues(of: row) { slots, base in evaluator.matches(slots, base) }
                }
            case .sort(let order):
                set.rows = order.sorted(set.rows)
            case .limit(let n):
                set.rows = Array(set.rows.prefix(n))
            case .regroup(let program):
                guard case .rows(let plan) = program.plan else { continue }
                set = regroup(set, by: program, plan, approximate: approximate)
            case .eval(let eval):
                set = evaluate(eval, over: set)
            case .keep(let count):
                set.columns = Array(set.columns.prefix(count))
                set.units = Array(set.units.prefix(count))
                set.rows = set.rows.map { Array($0.prefix(count)) }
            }
        }
        return set
    }

    /// `set` with the column `eval` computes from each row: in place of a column of its name,
    /// or added last.
    private static func evaluate(_ eval: RowEval, over set: RowSet) -> RowSet {
        var set = set
        var evaluator = RecordEvaluator(program: eval.program)
        var record = RowRecord(paths: eval.program.paths, columns: set.columns)
        let values = set.rows.map { row in
            record.withValues(of: row) { slots, base in
                evaluator.rowValue(evaluator.compute(eval.value, slots, base), base, durationsAsNumbers: eval.unit != nil)
            }
        }
        let column = set.columns.firstIndex(of: eval.name) ?? set.columns.count
        if column == set.columns.count {
            set.columns.append(eval.name)
            set.units.append(eval.unit)
            for i in set.rows.indices { set.rows[i].append(values[i]) }
        } else {
            set.units[column] = eval.unit
            for i in set.rows.indices { set.rows[i][column] = values[i] }
        }
        return set
    }

    /// The rows of `plan` (a count, stats, fields or distinct and its stages) over the rows of
    /// `set` as records. A row whose `bucket()` key has no readable timestamp joins no group.
    private static func regroup(_ set: RowSet, by program: Program, _ plan: RowPlan, approximate: Bool) -> RowSet {
        var record = RowRecord(paths: program.paths, columns: set.columns)
        switch plan.source {
        case .group(let keys, let aggregates):
            let table = GroupTable(aggregates: aggregates, approximate: approximate)
            var key = KeyBuffer()
            for row in set.rows {
                record.withValues(of: row) { slots, base in
                    guard GroupKeyEncoding.encode(keys, slots, base, into: &key) else { return }
                    table.add(to: table.group(for: key.bytes), slots, base)
                }
            }
            return plan.rowSet(groups: table, projected: [], approximate: approximate)
        case .project(let columns):
            let rows = set.rows.map { row in
                record.withValues(of: row) { slots, base in columns.map { RowValue(slots[$0], base) } }
            }
            return plan.rowSet(groups: nil, projected: rows, approximate: approximate)
        }
    }
}

extension RowPlan {
    /// The rows the plan's source made: the groups in order of first appearance, or the
    /// projected rows. Without keys an aggregate has one row, even over no records.
    package func sourceRows(groups: GroupTable?, projected: [[RowValue]], approximate: Bool) -> [[RowValue]] {
        switch source {
        case .project:
            return projected
        case .group(let keys, let aggregates):
            if let groups, groups.groupCount > 0 { return groups.rows() }
            guard keys.isEmpty else { return [] }
            let empty = GroupTable(aggregates: aggregates, approximate: approximate)
            _ = empty.group(for: [])
            return empty.rows()
        }
    }

    /// The final rows: the source's rows through the plan's stages.
    package func rowSet(groups: GroupTable?, projected: [[RowValue]], approximate: Bool) -> RowSet {
        let rows = sourceRows(groups: groups, projected: projected, approximate: approximate)
        return RowStages.apply(stages, to: RowSet(columns: columns, units: units, rows: rows), approximate: approximate)
    }
}
