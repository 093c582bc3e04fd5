import LoupeTestSupport
import Testing

@testable import LoupeJSON

/// Number text and the double it must parse to (bit for bit).
struct NumberCase: CustomTestStringConvertible, Sendable {
    let text: String
    let value: Double
    var testDescription: String { text }
    init(_ text: String, _ value: Double) {
        self.text = text
        self.value = value
    }
}

private func parse(_ text: String) -> Double {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { JSONNumber.parse($0.baseAddress!, $0.baseAddress! + $0.count) }
}

private func isNumber(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    if bytes.isEmpty { return withUnsafePointer(to: UInt8(0)) { JSONNumber.isNumber($0, $0) } }
    return bytes.withUnsafeBufferPointer { JSONNumber.isNumber($0.baseAddress!, $0.baseAddress! + $0.count) }
}

@Suite("JSONNumber")
struct JSONNumberTests {
    static let cases: [NumberCase] = [
        NumberCase("0", 0),
        NumberCase("-0", -0.0),
        NumberCase("1", 1),
        NumberCase("-1", -1),
        NumberCase("1000", 1000),
        NumberCase("1000.0", 1000),
        NumberCase("1E3", 1000),
        NumberCase("1e+3", 1000),
        NumberCase("10000e-1", 1000),
        NumberCase("0.1", 0.1),
        NumberCase("0.30000000000000004", 0.30000000000000004),
        NumberCase("2.5e-3", 0.0025),
        NumberCase("123456789012345", 123_456_789_012_345),
        NumberCase("1234567890123456789", 1_234_567_890_123_456_768),  // the nearest double
        NumberCase("9007199254740993", 9_007_199_254_740_992),  // halfway: rounds to even
        NumberCase("9007199254740995", 9_007_199_254_740_996),
        NumberCase("0.1234567890123456789", 0.1234567890123456789),
        NumberCase("0.0000000000000000000000001", 1e-25),
        NumberCase("1.7976931348623157e308", .greatestFiniteMagnitude),
        NumberCase("2.2250738585072014e-308", .leastNormalMagnitude),
        NumberCase("4.9e-324", .leastNonzeroMagnitude),
        NumberCase("1e400", .infinity),
        NumberCase("-1e400", -.infinity),
        NumberCase("1e-400", 0),
        NumberCase("-1e-400", -0.0),
        NumberCase("123123e100000", .infinity),
        NumberCase("0.4e00669999999999999999999999999999999999999999999999999999999999999999999999999", .infinity),
    ]

    @Test(arguments: cases)
    func parses(_ c: NumberCase) {
        #expect(parse(c.text).bitPattern == c.value.bitPattern)
    }

    /// Every spelling agrees with Swift's own correctly rounded `Double(String)`.
    @Test func agreesWithSwiftOnRandomSpellings() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<20_000 {
            var text = rng.next() % 4 == 0 ? "-" : ""
            let intDigits = Int(rng.next() % 20) + 1
            if rng.next() % 5 == 0 {
                text += "0"
            } else {
                text += String(rng.next() % 9 + 1)
                for _ in 1..<intDigits { text += String(rng.next() % 10) }
            }
            if rng.next() % 2 == 0 {
                text += "."
                for _ in 0..<(Int(rng.next() % 20) + 1) { text += String(rng.next() % 10) }
            }
            if rng.next() % 3 == 0 {
                text += ["e", "E"][Int(rng.next() % 2)] + ["", "+", "-"][Int(rng.next() % 3)] + String(rng.next() % 330)
            }
            #expect(isNumber(text), "\(text)")
            let expected = Double(text)!
            #expect(parse(text).bitPattern == expected.bitPattern, "\(text)")
        }
    }

    static let numberTexts: [(String, Bool)] = [
        ("1", true), ("-1", true), ("0", true), ("-0", true), ("1.5", true), ("1e5", true), ("1E-5", true), ("0.0e+0", true),
        ("", false), ("-", false), ("01", false), ("-01", false), ("1.", false), (".5", false), ("+1", false), ("1e", false),
        ("1e+", false), (" 1", false), ("1 ", false), ("0x1", false), ("Infinity", false), ("NaN", false), ("1_0", false),
        ("1.5.", false), ("--1", false), ("1,5", false), ("５", false), ("503ms", false), ("abc", false),
    ]

    @Test(arguments: numberTexts)
    func recognizesNumberText(_ text: String, _ expected: Bool) {
        #expect(isNumber(text) == expected)
    }

    /// Integers are written as `String(n)` writes them, after whatever the bytes held: every
    /// digit count, both signs, the extremes and powers of ten (where the digit count turns).
    @Test func writesIntegersAsStringDoes() {
        var rng = SplitMix64(seed: 0x1D16)
        var values: [Int64] = [0, 1, -1, 9, 10, 99, 100, .max, .min, .min + 1]
        var power: Int64 = 1
        for _ in 0..<18 {
            power *= 10
            values += [power, power - 1, -power, -(power - 1)]
        }
        for _ in 0..<2000 { values.append(Int64(bitPattern: rng.next()) >> Int64(rng.next() % 64)) }
        for value in values {
            var bytes = Array("x:".utf8)
            JSONNumber.appendInteger(value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "x:\(value)")
        }
    }
}
