extension GateComparison {
    /// The multiple-comparison step of TRACE-SEMANTICS section 6, before the statuses of steps
    /// 3 to 5 are decided: the keys that reach step 3 (values on both sides, at least
    /// `minSamples` each) form one family for p_> and one for p_<. With `holm` their p-values
    /// are adjusted by Holm's step-down method; with `none` they stand as they are. Either way
    /// each such key keeps the values the rule compared in `adjusted`, and its status is
    /// decided on them. Other keys keep `adjusted` nil.
    mutating func applyCorrection() {
        // Key order, so that ties among equal p-values are ranked the same way on every run.
        let eligible = rows.indices.filter { i in
            guard let base = rows[i].base, let cur = rows[i].cur, rows[i].test != nil else { return false }
            return base.n >= parameters.minSamples && cur.n >= parameters.minSamples
        }.sorted { rows[$0].key < rows[$1].key }
        let rawGreater = eligible.map { rows[$0].test!.pGreater }
        let rawLess = eligible.map { rows[$0].test!.pLess }
        let greater: [Double]
        let less: [Double]
        switch parameters.correction {
        case .holm:
            greater = Self.holm(rawGreater)
            less = Self.holm(rawLess)
        case .none:
            greater = rawGreater
            less = rawLess
        }
        for (k, i) in eligible.enumerated() {
            rows[i].adjusted = (greater[k], less[k])
            rows[i].decide(pGreater: greater[k], pLess: less[k], parameters: parameters)
        }
    }

    /// Holm-adjusted p-values, in the order given: with the m values sorted ascending (ties in
    /// the order given), the i-th (0-based) becomes `max over j <= i of min(1, (m - j) p_(j))`,
    /// so "adjusted p < alpha" is Holm's test at family-wise level alpha (Holm 1979).
    static func holm(_ p: [Double]) -> [Double] {
        let m = p.count
        let order = p.indices.sorted { p[$0] != p[$1] ? p[$0] < p[$1] : $0 < $1 }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * p[index]))
            adjusted[index] = running
        }
        return adjusted
    }
}
