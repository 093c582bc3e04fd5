import Testing

@testable import LoupeEngine

@Suite("WideInteger")
struct WideIntegerTests {
    /// Int64 values and their exact sum when it fits in Int64 (nil: it does not).
    static let cases: [([Int64], Int64?)] = [
        ([], 0),
        ([1, 2, 3], 6),
        ([-1], -1),
        ([Int64.max], Int64.max),
        ([Int64.min], Int64.min),
        ([Int64.max, 1], nil),
        ([Int64.min, -1], nil),
        ([Int64.max, Int64.min], -1),
        ([Int64.max, 1, -2], Int64.max - 1),
        ([Int64.max, Int64.max, Int64.min, Int64.min], -2),
        ([Int64.min, Int64.min, Int64.max, Int64.max, 1], -1),
        ([1_712_790_000_123_000_001, 1_712_790_000_123_000_002], 3_425_580_000_246_000_003),
    ]

    @Test(arguments: cases)
    func sums(_ values: [Int64], _ expected: Int64?) {
        var sum = WideInteger()
        for v in values { sum.add(v) }
        #expect(sum.exact == expected)
        // Split anywhere and merged, the sum is the same.
        for cut in 0...values.count {
            var first = WideInteger()
            var second = WideInteger()
            for v in values[..<cut] { first.add(v) }
            for v in values[cut...] { second.add(v) }
            first.add(second)
            #expect(first == sum, "cut at \(cut)")
        }
    }

    /// Beyond Int64 the parts add up to the sum as doubles, to the nearest double.
    @Test func partsBeyondInt64() {
        var sum = WideInteger()
        for _ in 0..<4 { sum.add(Int64.max) }
        // 4 * (2^63 - 1) = 2^65 - 4, whose nearest double is 2^65.
        #expect(sum.exactDoubleParts.reduce(0, +) == 36_893_488_147_419_103_232)
        var negative = WideInteger()
        for _ in 0..<3 { negative.add(Int64.min) }
        #expect(negative.exactDoubleParts.reduce(0, +) == -27_670_116_110_564_327_424)
    }
}
