/// The comparison of one group's baseline and current values: statistics, test, verdict.
package struct GroupComparison: Sendable, Equatable {
    package var key: GroupKey
    /// nil when the group has no values on that side.
    package var base: SampleSummary?
    package var cur: SampleSummary?
    /// nil unless both sides have values.
    package var test: MannWhitney.Result?
    /// gate(cur)/gate(base); +∞ when only the current side is above 0; nil unless both sides
    /// have values.
    package var ratio: Double?
    /// gate(cur) - gate(base), in ms; nil unless both sides have values.
    package var deltaMs: Double?
    package var status: GateStatus

    /// The ratio as the sort uses it: an infinite ratio sorts as 0 (section 6).
    package var sortRatio: Double {
        guard let ratio, ratio.isFinite else { return 0 }
        return ratio
    }

    /// Compares one group. `baseSample` and `curSample` are the ascending values the test runs
    /// on: all values, or a baseline file's stored sample.
    package static func compare(
        key: GroupKey, base: SampleSummary?, baseSample: [Double], cur: SampleSummary?, curSample: [Double],
        parameters: GateParameters
    ) -> GroupComparison {
        guard let base, let cur, !baseSample.isEmpty, !curSample.isEmpty else {
            let status: GateStatus = base == nil ? .onlyCur : .onlyBase
            return GroupComparison(key: key, base: base, cur: cur, test: nil, ratio: nil, deltaMs: nil, status: status)
        }
        let test = MannWhitney.test(base: baseSample, current: curSample)
        let ratio = Self.ratio(base: base.gate, cur: cur.gate)
        let delta = cur.gate - base.gate
        let status: GateStatus
        if base.n < parameters.minSamples || cur.n < parameters.minSamples {
            status = .insufficient
        } else if test.pGreater < parameters.alpha && ratio >= 1 + parameters.minEffect && delta >= parameters.minAbsMs {
            status = .regression
        } else if test.pLess < parameters.alpha && ratio <= 1 / (1 + parameters.minEffect) && -delta >= parameters.minAbsMs {
            status = .improvement
        } else {
            status = .unchanged
        }
        return GroupComparison(key: key, base: base, cur: cur, test: test, ratio: ratio, deltaMs: delta, status: status)
    }

    /// gate(c)/gate(b), with gate(b) = 0 giving +∞ (c above 0), 1 (c = 0) or -∞ (c below 0).
    static func ratio(base: Double, cur: Double) -> Double {
        if base == 0 {
            if cur == 0 { return 1 }
            return cur > 0 ? .infinity : -.infinity
        }
        return cur / base
    }

    /// The report order: status, then ratio descending, then key.
    package static func reportOrder(_ a: GroupComparison, _ b: GroupComparison) -> Bool {
        if a.status != b.status { return a.status < b.status }
        if a.sortRatio != b.sortRatio { return a.sortRatio > b.sortRatio }
        return a.key < b.key
    }
}
