/// A JSON number as loupe compares, groups, sorts, sums and prints it.
///
/// A whole number in Int64's range is held exactly however it is written (`1000`, `1000.0`,
/// `1E3` and `10000e-1` are all `.integer(1000)`; `-0` is `.integer(0)`), so an integer is
/// never rounded through a double. Every other number (a fraction, a magnitude beyond 2^63,
/// `1e400`) is the nearest double, infinity included; read from text, a number whose nearest
/// double is a whole number up to 2^53 is that integer (`1e-400` is 0). Comparison is by value and exact
/// between the two cases: an integer beyond 2^53 is not converted to a double to be compared
/// with one. Values made by arithmetic (averages, percentiles, a sum that overflowed Int64) are
/// doubles, even when their value is whole.
package enum NumberValue: Sendable {
    case integer(Int64)
    case double(Double)

    package init(_ count: Int) {
        self = .integer(Int64(count))
    }

    /// A double read from text: `.integer` when it is whole and at most 2^53 in magnitude, where
    /// every whole double is exactly the integer it prints as (`1e-400`, which reads as 0, is
    /// the integer 0), else `.double`. Beyond 2^53 a whole double may be the rounding of a
    /// fraction (`1712790000123000001.5`), so it stays a double and is not shown with digits the
    /// text did not have.
    package init(nearest d: Double) {
        if d == d.rounded(.towardZero), abs(d) <= 9_007_199_254_740_992 {
            self = .integer(Int64(d))
        } else {
            self = .double(d)
        }
    }

    /// The nearest double (the integer itself up to 2^53).
    package var doubleValue: Double {
        switch self {
        case .integer(let i): return Double(i)
        case .double(let d): return d
        }
    }

    /// Three-way comparison by value: -1, 0 or 1; nil when a side is NaN.
    // Inlinable: the evaluator calls this once per record a numeric comparison tests.
    @inlinable
    package static func compare(_ a: NumberValue, _ b: NumberValue) -> Int? {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.integer(let x), .double(let y)): return compare(x, y)
        case (.double(let x), .integer(let y)): return compare(y, x).map { -$0 }
        case (.double(let x), .double(let y)): return x < y ? -1 : (x > y ? 1 : (x == y ? 0 : nil))
        }
    }

    /// Compares an integer with a double exactly: the double's integer part is compared as an
    /// Int64 (every double in [-2^63, 2^63) has one), then its fraction breaks a tie.
    @inlinable
    package static func compare(_ i: Int64, _ d: Double) -> Int? {
        // 2^63 is a double; Int64.max is not (it would round up to 2^63).
        if d >= 9_223_372_036_854_775_808.0 { return -1 }
        if d < -9_223_372_036_854_775_808.0 { return 1 }
        guard !d.isNaN else { return nil }
        let whole = d.rounded(.towardZero)
        let j = Int64(whole)
        if i != j { return i < j ? -1 : 1 }
        return d > whole ? -1 : (d < whole ? 1 : 0)
    }

    /// The value as JSON text: an integer with every digit; a double that is whole and at most
    /// 2^53 without a fraction, any other double in its shortest round-tripping form
    /// (`1.5`, `1e+21`), infinity as `1e999` and NaN as `null`.
    package var text: String {
        switch self {
        case .integer(let i): return String(i)
        case .double(let d): return Self.format(d)
        }
    }

    package static func format(_ n: Double) -> String {
        guard n.isFinite else { return n.isNaN ? "null" : (n > 0 ? "1e999" : "-1e999") }
        // Up to 2^53 every integer is exact; Swift would write 1e15 ..< 2^53 as "1000000000000000.0".
        if n == n.rounded(), abs(n) <= 9_007_199_254_740_992 { return String(Int64(n)) }
        return "\(n)"
    }
}

extension NumberValue: Hashable {
    /// Equal values are equal whatever their case: `.integer(3) == .double(3.0)`.
    package static func == (a: NumberValue, b: NumberValue) -> Bool {
        compare(a, b) == 0
    }

    package func hash(into hasher: inout Hasher) {
        switch self {
        case .integer(let i):
            hasher.combine(i)
        case .double(let d):
            // A whole double in Int64's range hashes as the integer it equals.
            if d == d.rounded(.towardZero), d >= -9_223_372_036_854_775_808.0, d < 9_223_372_036_854_775_808.0 {
                hasher.combine(Int64(d))
            } else {
                hasher.combine(d)
            }
        }
    }
}

extension NumberValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, CustomStringConvertible {
    package init(integerLiteral value: Int64) {
        self = .integer(value)
    }

    package init(floatLiteral value: Double) {
        self = .double(value)
    }

    package var description: String { text }
}
