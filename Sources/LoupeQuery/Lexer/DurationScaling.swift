/// A number of some unit as nanoseconds, rounded once.
///
/// Why not `value * scale`: the double nearest 1.000493 times 1e6 is 1000493.0000000001, while
/// the double nearest 1000.493 times 1e3 is 1000493, so `took_us == 1.000493ms` was false for a
/// record holding `"took_us": 1000.493`. Scaling the written decimal exactly and rounding the
/// product once gives every spelling of one duration the same double.
package enum DurationScaling {
    /// The written number `text` (JSON or query syntax: sign, digits, fraction, exponent) times
    /// `unit` nanoseconds, the nearest double to the exact product; nil when `text` is not a
    /// number.
    package static func nanoseconds(_ text: UnsafeBufferPointer<UInt8>, unit: UInt64) -> Double? {
        guard let decimal = Decimal(text) else { return nil }
        let magnitude = decimal.scaled(by: unit)
        return decimal.negative ? -magnitude : magnitude
    }

    /// A number already read as a double, times `unit`: a whole number exactly, a fraction by
    /// its shortest decimal spelling, which is the text a record wrote when that had at most 15
    /// significant digits.
    package static func nanoseconds(_ value: Double, unit: UInt64) -> Double {
        if value.rounded(.towardZero) == value, Swift.abs(value) <= 0x1p53 {
            return nanoseconds(Int64(value), unit: unit)
        }
        guard value.isFinite else { return value * Double(unit) }
        var text = value.description
        return text.withUTF8 { nanoseconds($0, unit: unit) } ?? value * Double(unit)
    }

    /// A whole number times `unit`, rounded once.
    package static func nanoseconds(_ value: Int64, unit: UInt64) -> Double {
        let (product, overflow) = value.multipliedReportingOverflow(by: Int64(unit))
        return overflow ? Double(value) * Double(unit) : Double(product)
    }

    /// A decimal as written: its significant digits and the power of ten they are scaled by.
    /// Reading one allocates nothing; only the rare slow path gathers the digits.
    private struct Decimal {
        let text: UnsafeBufferPointer<UInt8>
        var negative = false
        /// The significant digits as an integer (exact up to 19 of them), and how many there are.
        var mantissa: UInt64 = 0
        var significant = 0
        /// The power of ten the significant digits are scaled by: the value is
        /// digits × 10^exponent.
        var exponent = 0

        init?(_ text: UnsafeBufferPointer<UInt8>) {
            self.text = text
            var i = 0
            let n = text.count
            if i < n, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
                negative = text[i] == UInt8(ascii: "-")
                i += 1
            }
            var seenDigit = false
            var seenPoint = false
            while i < n {
                let c = text[i]
                if c &- 0x30 < 10 {
                    seenDigit = true
                    if seenPoint { exponent -= 1 }
                    if significant > 0 || c != 0x30 {
                        significant += 1
                        if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(c &- 0x30) }
                    }
                } else if c == UInt8(ascii: "."), !seenPoint {
                    seenPoint = true
                } else {
                    break
                }
                i += 1
            }
            guard seenDigit else { return nil }
            if i < n {
                guard text[i] | 0x20 == UInt8(ascii: "e"), i + 1 < n else { return nil }
                i += 1
                var sign = 1
                if text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
                    sign = text[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                }
                guard i < n else { return nil }
                var power = 0
                while i < n {
                    guard text[i] &- 0x30 < 10 else { return nil }
                    // Beyond this every double is 0 or infinity either way.
                    if power < 100_000_000 { power = power * 10 + Int(text[i] &- 0x30) }
                    i += 1
                }
                exponent += sign * power
            }
        }

        /// The magnitude times `unit`, rounded once to a double.
        func scaled(by unit: UInt64) -> Double {
            if significant == 0 { return 0 }
            // Fast path: an exact integer product of at most 2^53 and a power of ten a double
            // holds exactly, so the one division or multiplication is the only rounding.
            if significant <= 15, exponent >= -22, exponent <= 22 {
                let (product, overflow) = mantissa.multipliedReportingOverflow(by: unit)
                if !overflow, product <= 1 << 53 {
                    let whole = Double(product)
                    return exponent < 0 ? whole / Self.powersOfTen[-exponent] : whole * Self.powersOfTen[exponent]
                }
            }
            return exactlyScaled(by: unit)
        }

        /// Every significant digit times `unit`, then the standard library's correctly rounded
        /// reading of the product's text.
        private func exactlyScaled(by unit: UInt64) -> Double {
            var digits: [UInt8] = []
            digits.reserveCapacity(significant + 20)
            for c in text {
                if c &- 0x30 < 10 {
                    if !digits.isEmpty || c != 0x30 { digits.append(c &- 0x30) }
                } else if c | 0x20 == UInt8(ascii: "e") {
                    break
                }
            }
            var carry: UInt64 = 0
            for index in digits.indices.reversed() {
                let value = UInt64(digits[index]) * unit + carry
                digits[index] = UInt8(value % 10)
                carry = value / 10
            }
            while carry > 0 {
                digits.insert(UInt8(carry % 10), at: 0)
                carry /= 10
            }
            let product = String(decoding: digits.map { $0 + 0x30 }, as: UTF8.self) + "e\(exponent)"
            return Double(product) ?? .nan
        }

        private static let powersOfTen: [Double] = (0...22).map { power in
            (0..<power).reduce(1.0) { value, _ in value * 10 }
        }
    }
}
