import LoupeEngine

/// Runs the stages that follow a record-level `sort` or `limit` (`Program.then`) over the lines
/// those selected, as records of their own: `* | sort ts desc | limit 20 | fields ts, msg`,
/// `* | limit 1000 | stats avg(ms)`, `* | limit 5 | where level == "error"`.
enum FollowingStages {
    /// What the following stages made of the lines.
    enum Output {
        /// The indices of the lines kept, in output order.
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
        let result = RowStages.process(program, text, approximate: approximate)
        guard case .rows(let plan) = program.plan else {
            var kept = result.matches.map { lineAt[$0.lowerBound]! }
            if !program.lineSort.isEmpty {
                let keys = program.lineSort
                let order = kept.indices.sorted { a, b in
                    for (k, key) in keys.enumerated() {
                        let c = RowValue.order(result.sortKeys[a][k], result.sortKeys[b][k])
                        if c != 0 { return key.descending ? c > 0 : c < 0 }
                    }
                    return a < b
                }
                kept = order.map { kept[$0] }
            }
            if let limit = program.lineLimit { kept = Array(kept.prefix(limit)) }
            guard let following = program.then?.program else { return .lines(kept) }
            switch run(following, over: kept.map { lines[$0] }, approximate: approximate) {
            case .lines(let inner): return .lines(inner.map { kept[$0] })
            case let rows: return rows
            }
        }
        let set = RowStages.rowSet(result, plan, approximate: approximate)
        return .rows(set, program: program, groups: result.groups, unbucketed: result.unbucketed)
    }
}
