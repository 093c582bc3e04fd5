import LoupeEngine

/// The descriptive statistics of one side of one group (TRACE-SEMANTICS section 6).
///
/// Percentiles interpolate linearly between closest ranks (`Percentile.interpolated`, the
/// numpy default); `gate` is the percentile the gate compares (`--percentile`).
package struct SampleSummary: Sendable, Equatable {
    package var n: Int
    package var mean: Double
    package var p50: Double
    package var p90: Double
    package var p95: Double
    package var p99: Double
    package var gate: Double

    package init(n: Int, mean: Double, p50: Double, p90: Double, p95: Double, p99: Double, gate: Double) {
        self.n = n
        self.mean = mean
        self.p50 = p50
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
        self.gate = gate
    }

    /// The statistics of ascending, non-empty `sorted` values; nil when there are none.
    package init?(sorted: [Double], gatePercentile: Double) {
        guard !sorted.isEmpty else { return nil }
        func p(_ percent: Double) -> Double { Percentile.interpolated(sorted: sorted, percent: percent)! }
        self.init(
            n: sorted.count, mean: Self.mean(sorted), p50: p(50), p90: p(90), p95: p(95), p99: p(99),
            gate: p(gatePercentile))
    }

    /// The mean by compensated (Neumaier) summation, so that it agrees with any careful
    /// implementation to far better than the 1e-9 relative tolerance the checker allows,
    /// whatever the summation order there.
    package static func mean(_ values: [Double]) -> Double {
        var sum = 0.0
        var compensation = 0.0
        for x in values {
            let t = sum + x
            if abs(sum) >= abs(x) {
                compensation += (sum - t) + x
            } else {
                compensation += (x - t) + sum
            }
            sum = t
        }
        return (sum + compensation) / Double(values.count)
    }
}
