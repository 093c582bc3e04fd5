import Glibc
import Testing

@testable import LoupeEngine

/// Samples, a percent and the percentile by the definition (Hyndman-Fan type 7, numpy's
/// default; the expected values were printed by numpy 2.4 `np.percentile(xs, q)`).
/// `exact` cases must come out to the last bit: the answer is one of the samples.
struct PercentileCase: CustomTestStringConvertible, Sendable {
    let samples: [Double]
    let percent: Double
    let expected: Double
    let exact: Bool
    var testDescription: String { "p\(percent) of \(samples.count > 12 ? "\(samples.count) samples" : "\(samples)")" }

    init(_ samples: [Double], _ percent: Double, _ expected: Double, exact: Bool = false) {
        self.samples = samples
        self.percent = percent
        self.expected = expected
        self.exact = exact
    }
}

@Suite("Percentiles")
struct PercentileTests {
    static let cases: [PercentileCase] = [
        // One value: every percentile is that value.
        PercentileCase([5], 0, 5, exact: true),
        PercentileCase([5], 50, 5, exact: true),
        PercentileCase([5], 99, 5, exact: true),
        PercentileCase([5], 100, 5, exact: true),
        // Two values: a straight line between them.
        PercentileCase([1, 3], 0, 1, exact: true),
        PercentileCase([1, 3], 25, 1.5),
        PercentileCase([1, 3], 50, 2),
        PercentileCase([1, 3], 75, 2.5),
        PercentileCase([1, 3], 99, 2.98),
        PercentileCase([1, 3], 100, 3, exact: true),
        PercentileCase([3, 1], 50, 2),
        // Ties.
        PercentileCase([1, 2, 2, 2, 3], 10, 1.4),
        PercentileCase([1, 2, 2, 2, 3], 25, 2, exact: true),
        PercentileCase([1, 2, 2, 2, 3], 50, 2, exact: true),
        PercentileCase([1, 2, 2, 2, 3], 90, 2.6),
        PercentileCase([2, 1, 2, 3, 2], 90, 2.6),
        // All equal: never a rounding drift away from the value.
        PercentileCase([7, 7, 7, 7], 0, 7, exact: true),
        PercentileCase([7, 7, 7, 7], 50, 7, exact: true),
        PercentileCase([7, 7, 7, 7], 99.9, 7, exact: true),
        PercentileCase([7, 7, 7, 7], 100, 7, exact: true),
        PercentileCase([0.1, 0.1, 0.1], 37, 0.1, exact: true),
        // Negative values and zero.
        PercentileCase([-5, -1, 0, 2], 50, -0.5),
        PercentileCase([-5, -1, 0, 2], 10, -3.8),
        PercentileCase([0, -0.0], 50, 0, exact: true),
        // Interpolation, not nearest rank: p40 of 15 20 35 40 50 is 29 (nearest rank says 20).
        PercentileCase([15, 20, 35, 40, 50], 40, 29),
        PercentileCase([15, 20, 35, 40, 50], 5, 16),
        PercentileCase([15, 20, 35, 40, 50], 30, 23),
        PercentileCase([15, 20, 35, 40, 50], 95, 48),
        PercentileCase([0.1, 0.2, 0.3], 50, 0.2),
        PercentileCase([0.1, 0.2, 0.3], 33, 0.166),
        // p999 and friends on larger inputs.
        PercentileCase((0...1000).map(Double.init), 99.9, 999.0000000000001),
        PercentileCase((0...1000).map(Double.init), 50, 500, exact: true),
        PercentileCase((0...1000).map(Double.init), 99, 990),
        PercentileCase((1...10).map(Double.init), 99.9, 9.991000000000001),
        PercentileCase((1...10).map(Double.init), 99, 9.91),
        PercentileCase((1...10).map(Double.init), 90, 9.1),
        PercentileCase((1...10).map(Double.init), 12.5, 2.125),
        // Between two equal infinities the value is that infinity (the arithmetic said NaN,
        // printed null, while sum and max said 1e999: outside probe).
        PercentileCase([.infinity, .infinity, .infinity, 0.1], 50, .infinity, exact: true),
        PercentileCase([.infinity, .infinity, .infinity, 0.1], 99, .infinity, exact: true),
        PercentileCase([-.infinity, -.infinity, 0.1], 25, -.infinity, exact: true),
        PercentileCase([0.1, .infinity], 50, .infinity, exact: true),
    ]

    @Test(arguments: cases)
    func interpolated(_ c: PercentileCase) throws {
        let result = try #require(Percentile.interpolated(sorted: c.samples.sorted(), percent: c.percent))
        Self.expect(result, c.expected, exact: c.exact)
    }

    /// The same through a numeric column: samples in any order, the column sorts them once and
    /// answers several percentiles.
    @Test(arguments: cases)
    func throughAColumn(_ c: PercentileCase) throws {
        let column = try StageHarness.column(c.samples.reversed().map { RowValue.number(.double($0)).jsonText })
        guard case .number(let number) = column.result(.percentile(c.percent)) else {
            Issue.record("no number")
            return
        }
        let result = number.doubleValue
        Self.expect(result, c.expected, exact: c.exact)
        #expect(column.result(.percentile(0)) == .number(.double(c.samples.min()!)))
        #expect(column.result(.percentile(100)) == .number(.double(c.samples.max()!)))
    }

    @Test func noSamplesNoPercentile() throws {
        #expect(Percentile.interpolated(sorted: [], percent: 50) == nil)
        #expect(try StageHarness.column([nil, "\"x\""]).result(.percentile(99)) == .null)
    }

    /// Type 7 written here from its definition: h = (n-1)p/100, then linear between the
    /// samples at floor(h) and floor(h)+1.
    static func definition(_ samples: [Double], _ percent: Double) -> Double {
        let x = samples.sorted()
        let h = Double(x.count - 1) * percent / 100
        let j = Int(h.rounded(.down))
        guard j + 1 < x.count else { return x[x.count - 1] }
        let g = h - Double(j)
        return (1 - g) * x[j] + g * x[j + 1]
    }

    /// Random samples of mixed magnitude and sign, with ties, against the definition.
    @Test(arguments: [1, 2, 3, 10, 101, 1000] as [Int])
    func randomAgainstTheDefinition(_ count: Int) throws {
        var random = StageRandom(seed: UInt64(count))
        for _ in 0..<20 {
            let samples = (0..<count).map { _ -> Double in
                switch Int.random(in: 0..<4, using: &random) {
                case 0: return Double(Int.random(in: -3...3, using: &random))  // ties
                case 1: return Double.random(in: -1...1, using: &random) * 1e6
                default: return Double.random(in: 0...1000, using: &random).rounded() / 8
                }
            }
            let column = try StageHarness.column(samples.map { RowValue.number(.double($0)).jsonText })
            for percent in [0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100, 33.3] {
                guard case .number(let number) = column.result(.percentile(percent)) else {
                    Issue.record("no number")
                    continue
                }
                let result = number.doubleValue
                let spread = (samples.max()! - samples.min()!)
                #expect(abs(result - Self.definition(samples, percent)) <= 1e-12 * max(1, spread), "p\(percent)")
            }
        }
    }

    // MARK: - The --approx sketch

    /// The promise: the answer is within 1% (relative) of the sample at rank round((n-1)p/100).
    @Test(arguments: [1, 2, 5, 100, 5000] as [Int])
    func sketchRelativeError(_ count: Int) throws {
        var random = StageRandom(seed: 99 + UInt64(count))
        for round in 0..<10 {
            let samples = (0..<count).map { _ -> Double in
                let magnitude = pow(10, Double.random(in: -6...9, using: &random))
                switch Int.random(in: 0..<8, using: &random) {
                case 0: return 0
                case 1: return -magnitude
                // The ends of the doubles: 1e308 came out as infinity.
                case 5: return Double.random(in: 1e307...Double.greatestFiniteMagnitude, using: &random) * (Bool.random(using: &random) ? 1 : -1)
                case 6: return Bool.random(using: &random) ? .infinity : -.infinity
                default: return magnitude
                }
            }
            var sketch = ValueSketch()
            for x in samples { sketch.insert(x) }
            let sorted = samples.sorted()
            for percent in [0, 1, 25, 50, 90, 99, 99.9, 100] as [Double] {
                let rank = Int((Double(count - 1) * percent / 100).rounded())
                let truth = sorted[rank]
                let answer = try #require(sketch.quantile(percent))
                #expect(
                    truth.isInfinite ? answer == truth : abs(answer - truth) <= ValueSketch.relativeError * abs(truth) * (1 + 1e-9),
                    "round \(round), p\(percent): \(answer) for \(truth)")
            }
        }
    }

    @Test func sketchOfNothing() {
        #expect(ValueSketch().quantile(50) == nil)
    }

    /// Sketches of parts merge into the sketch of the whole, whatever the cut.
    @Test func sketchMerges() throws {
        var random = StageRandom(seed: 5)
        let samples = (0..<2000).map { _ in Double.random(in: -1e4...1e5, using: &random) }
        var whole = ValueSketch()
        for x in samples { whole.insert(x) }
        for cut in [0, 1, 999, 2000] {
            var first = ValueSketch()
            var second = ValueSketch()
            for x in samples[..<cut] { first.insert(x) }
            for x in samples[cut...] { second.insert(x) }
            first.merge(second)
            #expect(first.positive == whole.positive && first.negative == whole.negative && first.zeros == whole.zeros)
            for percent in [0, 50, 99, 100] as [Double] { #expect(first.quantile(percent) == whole.quantile(percent)) }
        }
    }

    /// Memory is bounded by the range of magnitudes, not by the number of values: a million
    /// values between 1e-3 and 1e3 fill at most ln(1e6)/ln(γ) ≈ 691 buckets.
    @Test func sketchMemoryIsBounded() {
        var sketch = ValueSketch()
        var random = StageRandom(seed: 11)
        for _ in 0..<1_000_000 { sketch.insert(pow(10, Double.random(in: -3...3, using: &random))) }
        #expect(sketch.count == 1_000_000)
        #expect(sketch.positive.count <= 692)
        #expect(sketch.negative.isEmpty && sketch.zeros == 0)
    }

    /// With --approx the group table answers percentiles from the sketch, sum and count stay exact.
    @Test func approximateGroupTable() throws {
        let lines = (1...1000).map { #"{"s":"\#($0 % 2 == 0 ? "even" : "odd")","v":\#($0)}"# }
        let rows = try StageHarness.groups("* | stats count(), sum(v), p50(v), p99(v) by s", chunks: [lines], approximate: true).table
            .rows()
        #expect(rows.count == 2)
        for row in rows {
            guard case .number(let p50) = row[3], case .number(let p99) = row[4] else {
                Issue.record("no numbers in \(row)")
                continue
            }
            #expect(row[1] == .number(500))
            // odd: 1 3 ... 999, rank round(499 * 0.5) = 250 holds 501, rank round(499 * 0.99) = 494 holds 989.
            // even: 2 4 ... 1000, the same ranks hold 502 and 990.
            let isOdd = row[0] == .string("odd")
            #expect(row[2] == .number(isOdd ? 250_000 : 250_500))
            #expect(abs(p50.doubleValue - (isOdd ? 501 : 502)) <= 0.01 * 502)
            #expect(abs(p99.doubleValue - (isOdd ? 989 : 990)) <= 0.01 * 990)
        }
    }

    static func expect(_ result: Double, _ expected: Double, exact: Bool, sourceLocation: SourceLocation = #_sourceLocation) {
        if exact {
            #expect(result == expected, sourceLocation: sourceLocation)
        } else {
            #expect(abs(result - expected) <= 1e-12 * max(1, abs(expected)), "\(result) vs \(expected)", sourceLocation: sourceLocation)
        }
    }
}
