import LoupeEngine
import LoupeIO

/// Applies the stages that follow the first row-producing stage: `where`, `sort` and `limit`
/// on rows, and further count/stats/fields/distinct over the rows as JSON records.
enum RowStages {
    static func apply(_ stages: [RowStage], to input: RowSet, approximate: Bool) -> RowSet {
        var set = input
        for stage in stages {
            switch stage {
            case .filter(let program):
                var evaluator = RecordEvaluator(program: program)
                set.rows = set.rows.filter { row in
                    let line = set.jsonLine(row)
                    return line.withUnsafeBufferPointer { buffer in
                        if case .match = evaluator.evaluate(buffer.baseAddress!, buffer.count) { return true }
                        return false
                    }
                }
            case .sort(let keys):
                let indexed = set.rows.enumerated().sorted { a, b in
                    for key in keys {
                        let c = RowValue.order(a.element[key.column], b.element[key.column])
                        if c != 0 { return key.descending ? c > 0 : c < 0 }
                    }
                    return a.offset < b.offset
                }
                set.rows = indexed.map(\.element)
            case .limit(let n):
                set.rows = Array(set.rows.prefix(n))
            case .regroup(let program):
                set = regroup(set, program, approximate: approximate)
            }
        }
        return set
    }

    /// Runs a nested program over the rows written as JSON lines.
    private static func regroup(_ set: RowSet, _ program: Program, approximate: Bool) -> RowSet {
        guard case .rows(let plan) = program.plan else { return set }
        var text: [UInt8] = []
        for row in set.rows {
            text += set.jsonLine(row)
            text.append(0x0A)
        }
        return rowSet(process(program, text, approximate: approximate), plan, approximate: approximate)
    }

    /// Runs a program over JSON lines held in memory, as one chunk.
    static func process(_ program: Program, _ text: [UInt8], approximate: Bool) -> ChunkResult {
        var options = ScanOptions()
        options.approximatePercentiles = approximate
        let processor = ChunkProcessor(program: program, options: options)
        let buffer = OwnedBuffer(capacity: text.count)
        buffer.pointer.update(from: text, count: text.count)
        return processor.process(ByteChunk(base: UnsafePointer(buffer.pointer), count: text.count, inputOffset: 0, owner: buffer))
    }

    /// The rows a row plan makes of one chunk's result, after the plan's row stages.
    static func rowSet(_ result: ChunkResult, _ plan: RowPlan, approximate: Bool) -> RowSet {
        var rows: [[RowValue]]
        switch plan.source {
        case .project:
            rows = result.rows
        case .group(let keys, let aggregates):
            let table = result.groups ?? GroupTable(aggregates: aggregates, approximate: approximate)
            if table.groupCount == 0 && keys.isEmpty { _ = table.group(for: []) }
            rows = table.rows()
        }
        return apply(plan.stages, to: RowSet(columns: plan.columns, units: plan.units, rows: rows), approximate: approximate)
    }
}
