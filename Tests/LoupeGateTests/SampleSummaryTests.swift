import Testing

@testable import LoupeGate

/// Percentiles and means against numpy (`np.percentile`, linear; `np.mean`).
struct SampleSummaryTests {
    static let values = [3.5, 1.0, 7.25, 2.0, 10.0, 4.0, 4.0, 6.5].sorted()

    @Test(arguments: [
        (0.0, 1.0), (1, 1.07), (25, 3.125), (50, 4.0), (90, 8.075), (95, 9.037499999999998), (99, 9.8075),
        (99.9, 9.98075), (100, 10.0),
    ])
    func percentileMatchesNumpy(percent: Double, expected: Double) {
        let summary = SampleSummary(sorted: Self.values, gatePercentile: percent)!
        #expect(close(summary.gate, expected))
    }

    @Test func summaryOfSmallSample() {
        let s = SampleSummary(sorted: Self.values, gatePercentile: 95)!
        #expect(s.n == 8)
        #expect(close(s.mean, 4.78125))
        #expect(close(s.p50, 4.0))
        #expect(close(s.p90, 8.075))
        #expect(close(s.p95, 9.037499999999998))
        #expect(close(s.p99, 9.8075))
    }

    @Test func summaryOfLognormalSample() {
        let s = SampleSummary(sorted: MannWhitneyTests.lognormalCurrent, gatePercentile: 95)!
        #expect(s.n == 75)
        #expect(close(s.mean, 22.789333333333335))
        #expect(close(s.p50, 20.9))
        #expect(close(s.p90, 35.58000000000001))
        #expect(close(s.p95, 40.309999999999995))
        #expect(close(s.p99, 52.882000000000104))
    }

    @Test func noValuesNoSummary() {
        #expect(SampleSummary(sorted: [], gatePercentile: 95) == nil)
    }

    @Test func meanIsCompensated() {
        // Naive left-to-right summation loses the small terms entirely.
        let values = [1e16, 1, 1, 1, 1, -1e16]
        #expect(SampleSummary.mean(values) == 4.0 / 6.0)
    }
}
