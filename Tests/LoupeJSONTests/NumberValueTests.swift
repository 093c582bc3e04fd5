import LoupeTestSupport
import Testing

@testable import LoupeJSON

/// The case and payload of a value, spelled out: `==` on `NumberValue` is by value, and these
/// tests also pin which case holds it.
private func spelled(_ v: NumberValue?) -> String {
    switch v {
    case .integer(let i): return "integer \(i)"
    case .double(let d): return "double \(d)"
    case nil: return "nil"
    }
}

private func value(_ text: String) -> NumberValue {
    var text = text
    return text.withUTF8 { JSONNumber.value($0.baseAddress!, $0.baseAddress! + $0.count) }
}

@Suite("NumberValue")
struct NumberValueTests {
    /// Number text (JSON, or a query literal with leading zeros) and what it reads as.
    static let readings: [(String, String)] = [
        ("0", "integer 0"),
        ("-0", "integer 0"),
        ("-0.0", "integer 0"),
        ("0e10", "integer 0"),
        ("1000", "integer 1000"),
        ("1000.0", "integer 1000"),
        ("1000.000", "integer 1000"),
        ("1E3", "integer 1000"),
        ("1e+3", "integer 1000"),
        ("10000e-1", "integer 1000"),
        ("0.1e4", "integer 1000"),
        ("100e-2", "integer 1"),
        ("-12.5e1", "integer -125"),
        ("00012", "integer 12"),
        ("999999999999999999", "integer 999999999999999999"),
        ("1712790000123000001", "integer 1712790000123000001"),
        ("1712790000123000001.0", "integer 1712790000123000001"),
        ("1.712790000123000001E18", "integer 1712790000123000001"),
        ("17127900001230000010e-1", "integer 1712790000123000001"),
        ("9007199254740993", "integer 9007199254740993"),
        ("9223372036854775807", "integer 9223372036854775807"),
        ("9.223372036854775807e18", "integer 9223372036854775807"),
        ("92233720368547758070e-1", "integer 9223372036854775807"),
        ("9223372036854775807.0000000000000000000000", "integer 9223372036854775807"),
        ("-9223372036854775808", "integer -9223372036854775808"),
        ("-9.223372036854775808e18", "integer -9223372036854775808"),
        ("1e18", "integer 1000000000000000000"),
        // Beyond Int64: the nearest double.
        ("9223372036854775808", "double 9.223372036854776e+18"),
        ("-9223372036854775809", "double -9.223372036854776e+18"),
        ("1e19", "double 1e+19"),
        ("12345678901234567890123", "double 1.2345678901234568e+22"),
        ("1e400", "double inf"),
        ("-1e400", "double -inf"),
        // Fractions: the nearest double, unless that double is whole.
        ("0.5", "double 0.5"),
        ("36.720", "double 36.72"),
        ("-0.5", "double -0.5"),
        ("2.000", "integer 2"),
        ("12345678901234.5", "double 12345678901234.5"),
        ("123456789012345.6", "double 123456789012345.6"),
        ("0.000", "integer 0"),
        (".5", "double 0.5"),
        ("-0.1", "double -0.1"),
        ("123e-2", "double 1.23"),
        ("1712790000123000001.5", "double 1.712790000123e+18"),
        ("9007199254740993.5", "double 9.007199254740994e+15"),
        ("9007199254740992.5", "integer 9007199254740992"),
        ("1.00000000000000000001", "integer 1"),
        ("1e-400", "integer 0"),
        ("-1e-400", "integer 0"),
        ("9223372036854775807.0000000000000000000001", "double 9.223372036854776e+18"),
    ]

    @Test(arguments: readings)
    func reads(_ text: String, _ expected: String) {
        #expect(spelled(value(text)) == expected)
    }

    /// Random spellings: a double is the correctly rounded value (Swift's `Double(String)`),
    /// and an integer is what that double rounds from.
    @Test func agreesWithSwiftOnRandomSpellings() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            var text = rng.next() % 4 == 0 ? "-" : ""
            if rng.next() % 5 == 0 {
                text += "0"
            } else {
                text += String(rng.next() % 9 + 1)
                for _ in 0..<(rng.next() % 20) { text += String(rng.next() % 10) }
            }
            if rng.next() % 2 == 0 {
                text += "."
                for _ in 0..<(Int(rng.next() % 20) + 1) {
                    text += String(rng.next() % 10 == 0 ? 5 : (rng.next() % 3 == 0 ? 0 : rng.next() % 10))
                }
            }
            if rng.next() % 3 == 0 {
                text += ["e", "E"][Int(rng.next() % 2)] + ["", "+", "-"][Int(rng.next() % 3)] + String(rng.next() % 30)
            }
            let nearest = Double(text)!
            switch value(text) {
            case .double(let d):
                #expect(d.bitPattern == nearest.bitPattern, "\(text)")
                #expect(d != d.rounded(.towardZero) || abs(d) > 9_007_199_254_740_992, "\(text) is whole: \(d)")
            case .integer(let i):
                #expect(Double(i) == nearest, "\(text) read as \(i)")
            }
        }
    }

    /// Two values and their three-way comparison (nil: unordered).
    static let comparisons: [(NumberValue, NumberValue, Int?)] = [
        (.integer(1), .integer(2), -1),
        (.integer(Int64.max), .integer(Int64.min), 1),
        // Around 2^53, where doubles are 2 apart: the integer is not rounded.
        (.integer(9_007_199_254_740_993), .double(9_007_199_254_740_992), 1),
        (.integer(9_007_199_254_740_993), .double(9_007_199_254_740_994), -1),
        (.integer(9_007_199_254_740_992), .double(9_007_199_254_740_992), 0),
        (.integer(1_712_790_000_123_000_001), .double(1_712_790_000_123_000_064), -1),
        (.integer(1_712_790_000_123_000_064), .double(1_712_790_000_123_000_064), 0),
        (.integer(1_712_790_000_123_000_065), .double(1_712_790_000_123_000_064), 1),
        // The ends of Int64: 2^63 is a double, Int64.max is not.
        (.integer(Int64.max), .double(9_223_372_036_854_775_808), -1),
        (.integer(Int64.max), .double(9_223_372_036_854_774_784), 1),
        (.integer(Int64.min), .double(-9_223_372_036_854_775_808), 0),
        (.integer(Int64.min), .double(-9_223_372_036_854_777_856), 1),
        (.integer(Int64.min + 1), .double(-9_223_372_036_854_775_808), 1),
        (.integer(Int64.max), .double(.infinity), -1),
        (.integer(Int64.min), .double(-.infinity), 1),
        (.integer(0), .double(.nan), nil),
        (.double(.nan), .double(.nan), nil),
        // Zero has one value.
        (.integer(0), .double(-0.0), 0),
        (.double(0.0), .double(-0.0), 0),
        // Fractions break the tie of the integer part, on both sides of zero.
        (.integer(2), .double(2.5), -1),
        (.integer(3), .double(2.5), 1),
        (.integer(-2), .double(-2.5), 1),
        (.integer(-3), .double(-2.5), -1),
        (.integer(0), .double(0.1), -1),
        (.integer(0), .double(-0.1), 1),
        (.integer(0), .double(.leastNonzeroMagnitude), -1),
        (.double(0.1), .double(0.2), -1),
        (.double(1.5), .double(1.5), 0),
    ]

    @Test(arguments: comparisons)
    func compares(_ a: NumberValue, _ b: NumberValue, _ expected: Int?) {
        #expect(NumberValue.compare(a, b) == expected, "\(spelled(a)) vs \(spelled(b))")
        #expect(NumberValue.compare(b, a) == expected.map { -$0 }, "\(spelled(b)) vs \(spelled(a))")
        #expect((a == b) == (expected == 0))
    }

    /// Equal values hash alike whatever their case, so sets and dictionaries agree with `==`.
    @Test func equalValuesHashAlike() {
        let pairs: [(NumberValue, NumberValue)] = [
            (.integer(3), .double(3)), (.integer(0), .double(-0.0)), (.integer(-(1 << 62)), .double(-4_611_686_018_427_387_904)),
        ]
        for (a, b) in pairs {
            #expect(a == b)
            #expect(a.hashValue == b.hashValue)
        }
        #expect(Set<NumberValue>([.integer(1_712_790_000_123_000_001), .integer(1_712_790_000_123_000_002)]).count == 2)
    }

    /// JSON text: integers with every digit; doubles in their shortest round-tripping form.
    static let texts: [(NumberValue, String)] = [
        (.integer(1_712_790_000_123_000_001), "1712790000123000001"),
        (.integer(Int64.max), "9223372036854775807"),
        (.integer(Int64.min), "-9223372036854775808"),
        (.integer(0), "0"),
        (.double(1.5), "1.5"),
        (.double(3), "3"),
        (.double(-0.0), "0"),
        (.double(9_007_199_254_740_992), "9007199254740992"),
        (.double(1_712_790_000_123_000_064), "1.712790000123e+18"),
        (.double(1e21), "1e+21"),
        (.double(.infinity), "1e999"),
        (.double(-.infinity), "-1e999"),
        (.double(.nan), "null"),
    ]

    @Test(arguments: texts)
    func text(_ v: NumberValue, _ expected: String) {
        #expect(v.text == expected)
    }
}
