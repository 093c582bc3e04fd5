import Testing

@testable import LoupeQuery

/// `DurationScaling` against products worked out exactly (Python's `Fraction`) and rounded once.
@Suite("Duration scaling")
struct DurationScalingTests {
    static let cases: [(text: String, unit: UInt64, nanoseconds: Double)] = [
        ("1.000493", 1_000_000, 1_000_493),
        ("1000.493", 1000, 1_000_493),
        ("4.1", 1_000_000_000, 4_100_000_000),
        ("-4.1", 1_000_000_000, -4_100_000_000),
        ("1e-3", 1_000_000, 1000),
        ("1.5E+2", 1000, 150_000),
        ("0.000", 1000, 0),
        // More than 15 significant digits: the exact digits' product, read once.
        ("0.1234567890123456789", 1_000_000_000, 123_456_789.01234567),
        ("12345678901234567890", 1000, 1.2345678901234568e+22),
        ("0.30000000000000000001", 1_000_000_000, 300_000_000),
        ("123456789012345.678", 60_000_000_000, 7.407407340740741e+24),
        ("9007199254740993", 1, 9_007_199_254_740_992),
        ("1e400", 1, .infinity),
        ("1e-400", 1_000_000_000, 0),
    ]

    @Test("scaled exactly, rounded once", arguments: cases)
    func scales(_ c: (text: String, unit: UInt64, nanoseconds: Double)) {
        var text = c.text
        #expect(text.withUTF8 { DurationScaling.nanoseconds($0, unit: c.unit) } == c.nanoseconds)
    }

    @Test("not a number", arguments: ["", "-", ".", "e5", "1e", "1e+", "1x", "1.2.3"])
    func rejects(_ text: String) {
        var text = text
        #expect(text.withUTF8 { DurationScaling.nanoseconds($0, unit: 1000) } == nil)
    }

    @Test("a double by its shortest spelling")
    func fromDouble() {
        #expect(DurationScaling.nanoseconds(1000.493, unit: 1000) == 1_000_493)
        #expect(DurationScaling.nanoseconds(4.1, unit: 1_000_000_000) == 4_100_000_000)
        #expect(DurationScaling.nanoseconds(-2.5, unit: 1000) == -2500)
        #expect(DurationScaling.nanoseconds(Int64.max, unit: 1000) == Double(Int64.max) * 1000)
    }
}
