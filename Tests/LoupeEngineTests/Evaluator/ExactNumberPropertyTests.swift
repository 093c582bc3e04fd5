import Foundation
import LoupeTestSupport
import Testing

@testable import LoupeEngine

// A property test: random integers (small ones, ones near 2^53, near the ends of Int64, and
// round ones with trailing zeros) written in random spellings (plain, with `.0`, with an
// exponent), and numeric strings. What loupe decides for `==` and `<`, how it groups and sorts
// them, and their sum, min and max must equal what the reference below computes from the
// decimal text alone: it normalizes the digits and compares them as strings, and sums with
// Foundation's Decimal; it shares no code with loupe's number reading.

// MARK: - The reference

/// A decimal number as sign, significant digits (no leading or trailing zeros; none for zero)
/// and the exponent that puts the decimal point: the value is 0.digits × 10^exponent.
private struct DecimalText {
    var negative: Bool
    var digits: [UInt8]
    var exponent: Int

    /// Reads any JSON number text (`-12.50e+3`).
    init(_ text: String) {
        var s = Substring(text)
        negative = s.hasPrefix("-")
        if negative { s = s.dropFirst() }
        var power = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            power = Int(s[s.index(after: e)...].replacingOccurrences(of: "+", with: ""))!
            s = s[..<e]
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        let whole = Array(parts[0].utf8)
        let fraction = parts.count > 1 ? Array(parts[1].utf8) : []
        var all = whole + fraction
        var point = whole.count + power
        while all.first == UInt8(ascii: "0") {
            all.removeFirst()
            point -= 1
        }
        while all.last == UInt8(ascii: "0") { all.removeLast() }
        digits = all
        exponent = all.isEmpty ? 0 : point
        if all.isEmpty { negative = false }
    }

    /// Three-way comparison by value.
    static func compare(_ a: DecimalText, _ b: DecimalText) -> Int {
        if a.digits.isEmpty && b.digits.isEmpty { return 0 }
        let signA = a.digits.isEmpty ? 0 : (a.negative ? -1 : 1)
        let signB = b.digits.isEmpty ? 0 : (b.negative ? -1 : 1)
        if signA != signB { return signA < signB ? -1 : 1 }
        var magnitude: Int
        if a.exponent != b.exponent {
            magnitude = a.exponent < b.exponent ? -1 : 1
        } else if a.digits == b.digits {
            magnitude = 0
        } else {
            magnitude = a.digits.lexicographicallyPrecedes(b.digits) ? -1 : 1
        }
        return signA < 0 ? -magnitude : magnitude
    }

    /// The integer's decimal text, every digit (the value must be whole).
    var integerText: String {
        if digits.isEmpty { return "0" }
        let text = String(decoding: digits, as: UTF8.self) + String(repeating: "0", count: exponent - digits.count)
        return negative ? "-" + text : text
    }
}

/// Random integers and spellings of them.
private struct NumberSource {
    var random: SplitMix64

    mutating func int(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }

    mutating func integer() -> Int64 {
        let near = Int64(random.next() % 6)
        switch int(6) {
        case 0: return Int64(int(2001)) - 1000
        case 1: return (1 << 53) - 3 + near
        case 2: return -(1 << 53) + 3 - near
        case 3: return Int64.max - near
        case 4: return Int64.min + near
        default:
            // Round numbers with trailing zeros, up to 19 digits.
            let zeros = int(12)
            var v = Int64(bitPattern: random.next()) / 10_000_000_000_000
            for _ in 0..<zeros where abs(v) < Int64.max / 10 { v *= 10 }
            return v
        }
    }

    /// A JSON number spelling of `v`.
    mutating func spelling(_ v: Int64) -> String {
        if v == 0 { return ["0", "-0", "0.0", "0e5", "-0.0E-2"][int(5)] }
        let sign = v < 0 ? "-" : ""
        let digits = String(v.magnitude)
        let e = ["e", "E"][int(2)]
        switch int(7) {
        case 0, 1: return sign + digits
        case 2: return sign + digits + "." + String(repeating: "0", count: int(3) + 1)
        case 3:
            // One digit before the point: 1.712790000123000001e18.
            let rest = digits.dropFirst()
            return sign + String(digits.first!) + (rest.isEmpty ? "" : "." + rest) + e + ["", "+"][int(2)] + String(digits.count - 1)
        case 4:
            // Extra zeros taken back by a negative exponent: 17127900001230000010e-1.
            let k = int(4) + 1
            return sign + digits + String(repeating: "0", count: k) + e + "-" + String(k)
        case 5:
            // Trailing zeros as an exponent: 1712790000123e6.
            var trimmed = Substring(digits)
            var k = 0
            while trimmed.count > 1, trimmed.last == "0" {
                trimmed = trimmed.dropLast()
                k += 1
            }
            return sign + trimmed + e + String(k)
        default:
            // All digits after the point: 0.1712790000123000001e19.
            return sign + "0." + digits + e + String(digits.count)
        }
    }
}

// MARK: - The properties

@Suite("Exact number properties")
struct ExactNumberPropertyTests {
    /// `==` and `<` between a record's number (or numeric string) and a literal, both in
    /// random spellings, agree with comparing the decimal texts.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func comparisonsAreExact(_ seed: UInt64) throws {
        var source = NumberSource(random: SplitMix64(seed: seed))
        for _ in 0..<40 {
            let b = source.integer()
            let literal = source.spelling(b)
            // Values equal to the literal, one away, and unrelated, each in some spelling.
            let values = (0..<24).map { i -> Int64 in
                switch i % 3 {
                case 0: return b
                case 1: return b.addingReportingOverflow(source.int(2) == 0 ? 1 : -1).partialValue
                default: return source.integer()
                }
            }
            let texts = values.map { source.spelling($0) }
            let records = texts.map { text in source.int(4) == 0 ? #"{"x":"\#(text)"}"# : #"{"x":\#(text)}"# }
            for op in ["==", "<", ">="] {
                let selected = try EngineHarness.select("x \(op) \(literal)", records)
                let expected = texts.indices.filter { i in
                    let c = DecimalText.compare(DecimalText(texts[i]), DecimalText(literal))
                    return op == "==" ? c == 0 : (op == "<" ? c < 0 : c >= 0)
                }
                #expect(selected.grep == expected, "x \(op) \(literal) over \(texts)")
                #expect(selected.viaInvert == expected, "-v: x \(op) \(literal)")
            }
        }
    }

    /// `count by x` makes one group per value, in order of first appearance, shown as the
    /// integer with every digit; sorting by x orders as the decimal texts do (stably).
    @Test(arguments: [5, 6, 7] as [UInt64])
    func groupsAndSortAreExact(_ seed: UInt64) throws {
        var source = NumberSource(random: SplitMix64(seed: seed))
        let pool = (0..<30).map { _ in source.integer() }
        let texts = (0..<600).map { _ in source.spelling(pool[source.int(pool.count)]) }
        let lines = texts.map { #"{"x":\#($0)}"# }

        var order: [String] = []
        var counts: [String: Int] = [:]
        for text in texts {
            let key = DecimalText(text).integerText
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
        }
        let cut = source.int(lines.count)
        let rows = try StageHarness.groups("* | count by x", chunks: [Array(lines[..<cut]), Array(lines[cut...])]).table.rows()
        #expect(rows.map { $0.map(\.jsonText) } == order.map { [$0, String(counts[$0]!)] })

        let keys = try texts.map { text in try StageHarness.withSlot(text) { RowValue($0, $1) } }
        let sorted = texts.indices.sorted { i, j in
            let c = RowValue.order(keys[i], keys[j])
            return c != 0 ? c < 0 : i < j
        }
        let expected = texts.indices.sorted { i, j in
            let c = DecimalText.compare(DecimalText(texts[i]), DecimalText(texts[j]))
            return c != 0 ? c < 0 : i < j
        }
        #expect(sorted == expected)
    }

    /// sum, min and max: exact integers while the sum fits in Int64 (Decimal computes the
    /// reference sum), the nearest double beyond.
    @Test(arguments: [8, 9, 10, 11] as [UInt64])
    func sumMinMaxAreExact(_ seed: UInt64) throws {
        var source = NumberSource(random: SplitMix64(seed: seed))
        let int64Min = DecimalText(String(Int64.min))
        let int64Max = DecimalText(String(Int64.max))
        for _ in 0..<60 {
            let texts = (0..<(source.int(6) + 1)).map { _ in source.spelling(source.integer()) }
            let lines = texts.map { #"{"x":\#($0)}"# }
            let row = try StageHarness.rows("* | stats sum(x), min(x), max(x)", lines)[0]

            let decimals = texts.map(DecimalText.init)
            var sum = Decimal(0)
            for d in decimals { sum += Decimal(string: d.integerText)! }
            let sumText = DecimalText("\(sum)")
            if DecimalText.compare(sumText, int64Min) >= 0 && DecimalText.compare(sumText, int64Max) <= 0 {
                #expect(row[0] == sumText.integerText, "sum of \(texts)")
            } else {
                let nearest = Double(sumText.integerText)!
                #expect(Double(row[0]) == nearest, "sum of \(texts): \(row[0]) for \(sumText.integerText)")
            }
            let smallest = decimals.min { DecimalText.compare($0, $1) < 0 }!
            let largest = decimals.max { DecimalText.compare($0, $1) < 0 }!
            #expect(row[1] == smallest.integerText, "min of \(texts)")
            #expect(row[2] == largest.integerText, "max of \(texts)")
        }
    }
}
