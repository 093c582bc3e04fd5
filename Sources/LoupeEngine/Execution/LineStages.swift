import LoupeIO

/// The stages that follow a record-level `sort` or `limit` (`Program.then`), run over the
/// records those selected, in their order: `* | sort ts desc | limit 20 | fields ts, msg`,
/// `* | limit 1000 | stats avg(ms)`, `* | limit 5 | where level == "error"`.
///
/// The selected records are the input's own lines, so the following program reads them as it
/// reads any input (a further sort or limit, a `then` of its own, or rows).
enum LineStages {
    /// What the following stages made of the records.
    enum Output {
        /// The positions of the records kept, in output order.
        case lines([Int])
        /// A table; `program` made it (for the report of left-out values) with `groups`.
        case rows(RowSet, program: Program, groups: GroupTable?, unbucketed: Int)
    }

    static func run(_ program: Program, over lines: [[UInt8]], approximate: Bool) -> Output {
        var text: [UInt8] = []
        var lineAt: [Int: Int] = [:]
        for (i, line) in lines.enumerated() {
            lineAt[text.count] = i
            text += line
            text.append(0x0A)
        }
        let result = process(program, text, approximate: approximate)
        guard case .rows(let plan) = program.plan else {
            var kept = result.matches.map { lineAt[$0.lowerBound]! }
            if !program.lineSort.isEmpty {
                kept = program.lineOrder.permutation(of: Array(kept.indices)) { result.sortKeys[$0] }.map { kept[$0] }
            }
            if let limit = program.lineLimit { kept = Array(kept.prefix(limit)) }
            guard let following = program.then?.program else { return .lines(kept) }
            switch run(following, over: kept.map { lines[$0] }, approximate: approximate) {
            case .lines(let inner): return .lines(inner.map { kept[$0] })
            case let rows: return rows
            }
        }
        let set = plan.rowSet(groups: result.groups, projected: result.rows, approximate: approximate)
        return .rows(set, program: program, groups: result.groups, unbucketed: result.unbucketed)
    }

    /// Runs a program over JSON lines held in memory, as one chunk.
    private static func process(_ program: Program, _ text: [UInt8], approximate: Bool) -> ChunkResult {
        var options = ScanOptions()
        options.approximatePercentiles = approximate
        let processor = ChunkProcessor(program: program, options: options)
        let buffer = OwnedBuffer(capacity: text.count)
        buffer.pointer.update(from: text, count: text.count)
        return processor.process(ByteChunk(base: UnsafePointer(buffer.pointer), count: text.count, inputOffset: 0, owner: buffer))
    }
}
