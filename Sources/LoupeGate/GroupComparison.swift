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
    /// The p-values the status was decided on, for a group that reached the test (values on
    /// both sides, at least `minSamples` each): Holm-adjusted for the number of such groups
    /// (`--correction holm`), or the test's own (`--correction none`). Nil for other groups.
    package var adjusted: (pGreater: Double, pLess: Double)?

    package init(
        key: GroupKey, base: SampleSummary?, cur: SampleSummary?, test: MannWhitney.Result?, ratio: Double?, deltaMs: Double?,
        status: GateStatus
    ) {
        self.key = key
        self.base = base
        self.cur = cur
        self.test = test
        self.ratio = ratio
        self.deltaMs = deltaMs
        self.status = status
    }

    package static func == (a: GroupComparison, b: GroupComparison) -> Bool {
        a.key == b.key && a.base == b.base && a.cur == b.cur && a.test == b.test && a.ratio == b.ratio && a.deltaMs == b.deltaMs
            && a.status == b.status && a.adjusted?.pGreater == b.adjusted?.pGreater && a.adjusted?.pLess == b.adjusted?.pLess
    }

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
        var row = GroupComparison(key: key, base: base, cur: cur, test: test, ratio: ratio, deltaMs: delta, status: .unchanged)
        row.decide(pGreater: test.pGreater, pLess: test.pLess, parameters: parameters)
        return row
    }

    /// Sets the status of a group with values on both sides by section 6's rules 2 to 5, with
    /// the p-values given (the test's own, or adjusted for multiple comparisons).
    mutating func decide(pGreater: Double, pLess: Double, parameters: GateParameters) {
        guard let base, let cur, let ratio, let deltaMs else { return }
        if base.n < parameters.minSamples || cur.n < parameters.minSamples {
            status = .insufficient
        } else if pGreater < parameters.alpha && ratio >= 1 + parameters.minEffect && deltaMs >= parameters.minAbsMs {
            status = .regression
        } else if pLess < parameters.alpha && ratio <= 1 / (1 + parameters.minEffect) && -deltaMs >= parameters.minAbsMs {
            status = .improvement
        } else {
            status = .unchanged
        }
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
