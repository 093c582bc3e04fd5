/// The comparison of a current run against a baseline: every group's verdict, in report order
/// (TRACE-SEMANTICS section 6).
package struct GateComparison: Sendable {
    package var parameters: GateParameters
    package var mode: GateMode
    package var fields: [String]
    /// Every group of either side, sorted by (status, ratio desc, key).
    package var rows: [GroupComparison]
    /// The current run's groups whose spans are all in detached fragments (async work the
    /// requests did not wait for): a regression there did not make requests slower.
    package var detachedGroups: Set<GroupKey> = []

    package var regressions: Int { rows.count { $0.status == .regression } }
    /// Groups with values on one side only.
    package var missing: Int { rows.count { $0.status == .onlyBase || $0.status == .onlyCur } }

    /// Compares two sides; they must be of the same mode and grouped by the same fields.
    package static func compare(base: GateSide, cur: GateSide, parameters: GateParameters) throws(GateError) -> GateComparison {
        guard base.mode == cur.mode else {
            throw GateError(
                description:
                    "the baseline holds \(base.mode.rawValue) and the current run holds \(cur.mode.rawValue); compare spans with spans and logs with logs"
            )
        }
        guard base.fields == cur.fields else {
            throw GateError(
                description:
                    "the baseline is grouped by \(base.fields.joined(separator: ",")) and the current run by \(cur.fields.joined(separator: ",")); use the same --by (or write the baseline again)"
            )
        }
        var keys = Set(base.groups.keys)
        keys.formUnion(cur.groups.keys)
        let rows = keys.map { key in
            let b = base.groups[key]
            let c = cur.groups[key]
            return GroupComparison.compare(
                key: key, base: b?.summary, baseSample: b?.testSample ?? [], cur: c?.summary, curSample: c?.testSample ?? [],
                parameters: parameters)
        }
        var comparison = GateComparison(
            parameters: parameters, mode: cur.mode, fields: cur.fields, rows: rows, detachedGroups: cur.detachedGroups)
        comparison.applyCorrection()
        comparison.rows.sort(by: GroupComparison.reportOrder)
        return comparison
    }
}
