extension GateComparison {
    /// Holm's step-down adjustment over the groups the test can judge (values on both sides,
    /// at least `minSamples` each), one family per direction; then the statuses are decided
    /// again on the adjusted p-values. The adjusted p of the i-th smallest of m p-values is
    /// `max over j <= i of min(1, (m - j) p_(j))` (0-based), so "adjusted p < alpha" is Holm's
    /// test at family-wise level alpha.
    mutating func applyHolm() {
        let eligible = rows.indices.filter { i in
            guard let base = rows[i].base, let cur = rows[i].cur, rows[i].test != nil else { return false }
            return base.n >= parameters.minSamples && cur.n >= parameters.minSamples
        }
        let greater = Self.holm(eligible.map { rows[$0].test!.pGreater })
        let less = Self.holm(eligible.map { rows[$0].test!.pLess })
        for (k, i) in eligible.enumerated() {
            rows[i].adjusted = (greater[k], less[k])
            rows[i].decide(pGreater: greater[k], pLess: less[k], parameters: parameters)
        }
    }

    /// Holm-adjusted p-values, in the order given.
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
