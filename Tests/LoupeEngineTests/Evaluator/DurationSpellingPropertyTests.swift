import LoupeTestSupport
import Testing

@testable import LoupeEngine

// A property test: one duration, a whole number of nanoseconds, written in two units (a record's
// field, by its name's unit or as duration text, and a query's literal) must compare as the two
// whole numbers do. The decimals are written exactly from the integers here; no double is
// involved in the expectation. `took_us == 1.000493ms` was false for `"took_us": 1000.493`
// while `1000.493` times 1e3 and `1.000493` times 1e6 rounded to different doubles.

/// A unit as a decimal divisor: the value in this unit is n / (factor * 10^power) nanoseconds.
private struct SpelledUnit {
    let name: String
    /// 2^a 3^b: 1 for ns..s, 6 for minutes, 36 for hours, 864 for days.
    let factor: Int64
    let power: Int
    /// Nanoseconds a value must be a multiple of for its decimal in this unit to end.
    var divisorOfThree: Int64 { factor == 1 ? 1 : (factor == 6 ? 3 : (factor == 36 ? 9 : 27)) }

    /// `nanoseconds` in this unit, as exact decimal text (`1000.493`, `-0.0015`).
    func decimal(_ nanoseconds: Int64) -> String {
        precondition(nanoseconds % divisorOfThree == 0)
        // n / (2^a 3^b 10^p) = (n / 3^b) * 5^a / 10^(a + p).
        var twos = 0
        var rest = factor / divisorOfThree
        while rest > 1 {
            rest /= 2
            twos += 1
        }
        var scaled = nanoseconds / divisorOfThree
        for _ in 0..<twos { scaled *= 5 }
        return Self.pointed(scaled, places: twos + power)
    }

    /// `digits` × 10^-places as text.
    static func pointed(_ value: Int64, places: Int) -> String {
        let sign = value < 0 ? "-" : ""
        var digits = String(value.magnitude)
        if places == 0 { return sign + digits }
        while digits.count <= places { digits = "0" + digits }
        let point = digits.index(digits.endIndex, offsetBy: -places)
        return sign + digits[..<point] + "." + digits[point...]
    }
}

private let fieldUnits: [(field: String, unit: SpelledUnit)] = [
    ("took_ns", SpelledUnit(name: "ns", factor: 1, power: 0)),
    ("took_us", SpelledUnit(name: "us", factor: 1, power: 3)),
    ("durationMs", SpelledUnit(name: "ms", factor: 1, power: 6)),
    ("elapsed_seconds", SpelledUnit(name: "s", factor: 1, power: 9)),
]

private let literalUnits: [SpelledUnit] = [
    SpelledUnit(name: "ns", factor: 1, power: 0), SpelledUnit(name: "us", factor: 1, power: 3),
    SpelledUnit(name: "ms", factor: 1, power: 6), SpelledUnit(name: "s", factor: 1, power: 9),
    SpelledUnit(name: "m", factor: 6, power: 10), SpelledUnit(name: "h", factor: 36, power: 11),
    SpelledUnit(name: "d", factor: 864, power: 11),
]

@Suite("Durations spelled in two units")
struct DurationSpellingPropertyTests {
    /// A whole number of nanoseconds of random size, from 1 ns to about 11 days.
    private static func nanoseconds(_ random: inout SplitMix64) -> Int64 {
        let digits = Int.random(in: 1...15, using: &random)
        var value: Int64 = 0
        for _ in 0..<digits { value = value * 10 + Int64.random(in: 0...9, using: &random) }
        return max(value, 1)
    }

    private static let comparisons: [(op: String, holds: @Sendable (Int64, Int64) -> Bool)] = [
        ("==", { $0 == $1 }), ("!=", { $0 != $1 }), ("<", { $0 < $1 }),
        ("<=", { $0 <= $1 }), (">", { $0 > $1 }), (">=", { $0 >= $1 }),
    ]

    /// Whether the filter selects the record; nil when the record is rejected.
    private static func matches(_ query: String, _ record: String) throws -> Bool? {
        switch try EngineHarness.evaluate(query, record) {
        case .match: return true
        case .noMatch: return false
        case .invalid: return nil
        }
    }

    @Test("a field in its name's unit, or duration text, against a literal in another unit", arguments: 0..<6)
    func compares(seed: UInt64) throws {
        var random = SplitMix64(seed: 0x5EED_D0A7 &+ seed)
        for _ in 0..<150 {
            let (field, fieldUnit) = fieldUnits.randomElement(using: &random)!
            let literalUnit = literalUnits.randomElement(using: &random)!
            // The literal's value must end as a decimal in its unit; so must the record's.
            let step = literalUnit.divisorOfThree
            let right = Self.nanoseconds(&random) / step * step
            let left: Int64
            switch Int.random(in: 0..<4, using: &random) {
            case 0: left = right
            case 1: left = right + 1
            case 2: left = right - 1
            default: left = Self.nanoseconds(&random)
            }
            let literal = literalUnit.decimal(right) + literalUnit.name
            let spelled = fieldUnit.decimal(left)
            let records = [
                (#"{"\#(field)":\#(spelled)}"#, field),
                (#"{"d":"\#(spelled)\#(fieldUnit.name)"}"#, "d"),
            ]
            for (record, name) in records {
                for (op, holds) in Self.comparisons {
                    let query = "\(name) \(op) \(literal)"
                    let expected = holds(left, right)
                    #expect(try Self.matches(query, record) == expected, "\(query) on \(record)")
                }
                let difference = "\(name) - \(literal) == 0ns"
                #expect(try Self.matches(difference, record) == (left == right), "\(difference) on \(record)")
            }
        }
    }

    @Test("the reported case: 1000.493 µs is 1.000493 ms")
    func reported() throws {
        let record = #"{"took_us":1000.493}"#
        for query in ["took_us == 1.000493ms", "took_us >= 1.000493ms", "took_us == 1000493ns", "took_us - 1.000493ms == 0ns"] {
            #expect(try Self.matches(query, record) == true, "\(query)")
        }
        #expect(try Self.matches("took_us < 1.000493ms", record) == false)
    }
}
