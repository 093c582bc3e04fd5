import Glibc

/// Conversion of validated JSON number text to a `Double`, correctly rounded.
package enum JSONNumber {
    private static let exactPowers: [Double] = (0...22).map { i in
        var x = 1.0
        for _ in 0..<i { x *= 10 }
        return x
    }

    /// The value of validated number text; huge magnitudes become ±infinity (1e400 is valid
    /// JSON and compares greater than every finite number).
    @inline(__always)
    package static func parse(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double {
        // Fast path (Clinger): at most 15 significant digits and a small power of ten are exact.
        var p = start
        let negative = p.pointee == UInt8(ascii: "-")
        if negative { p += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        while p < end, p.pointee &- 0x30 < 10 {
            mantissa = mantissa &* 10 &+ UInt64(p.pointee &- 0x30)
            digits += 1
            p += 1
        }
        if p < end, p.pointee == UInt8(ascii: ".") {
            p += 1
            while p < end, p.pointee &- 0x30 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(p.pointee &- 0x30)
                digits += 1
                scale -= 1
                p += 1
            }
        }
        if p == end, digits <= 15, scale >= -22 {
            let value = scale == 0 ? Double(mantissa) : Double(mantissa) / exactPowers[-scale]
            return negative ? -value : value
        }
        return slowParse(start, end)
    }

    private static func slowParse(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double {
        let length = end - start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
            let base = buffer.baseAddress!
            UnsafeMutableRawPointer(base).copyMemory(from: start, byteCount: length)
            base[length] = 0
            return strtod(base, nil)
        }
    }
}

extension JSONNumber {
    /// The value of validated number text (a query's number literal too, which may have leading
    /// zeros): `.integer`, exact, when the number is whole and in Int64's range however it is
    /// written, else the double `parse` gives. Integers are read without strtod.
    @inline(__always)
    package static func value(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> NumberValue {
        // Fast paths: plain digits, at most 18 of them, cannot overflow an Int64; a short
        // fraction without an exponent is Clinger's exact case, as in `parse`.
        var p = start
        let negative = p < end && p.pointee == UInt8(ascii: "-")
        if negative { p += 1 }
        let digits = p
        var mantissa: UInt64 = 0
        while p < end, p.pointee &- 0x30 < 10 {
            mantissa = mantissa &* 10 &+ UInt64(p.pointee &- 0x30)
            p += 1
        }
        let integerDigits = p - digits
        if p == end, integerDigits > 0, integerDigits <= 18 {
            let v = Int64(bitPattern: mantissa)
            return .integer(negative ? -v : v)
        }
        if p < end, p.pointee == UInt8(ascii: "."), integerDigits <= 18 {
            let whole = mantissa
            var fractionIsZero = true
            p += 1
            let fraction = p
            while p < end, p.pointee &- 0x30 < 10 {
                if p.pointee != UInt8(ascii: "0") { fractionIsZero = false }
                mantissa = mantissa &* 10 &+ UInt64(p.pointee &- 0x30)
                p += 1
            }
            if p == end {
                if fractionIsZero {
                    let v = Int64(bitPattern: whole)
                    return .integer(negative ? -v : v)
                }
                let fractionDigits = p - fraction
                if integerDigits + fractionDigits <= 15 {
                    let x = Double(mantissa) / exactPowers[fractionDigits]
                    return NumberValue(nearest: negative ? -x : x)
                }
            }
        }
        if let whole = wholeValue(start, end) { return .integer(whole) }
        // A fraction whose nearest double is a small whole number (`1.00000000000000000001`,
        // `1e-400`) is that integer: `==` and group keys then agree on it.
        return NumberValue(nearest: parse(start, end))
    }

    /// The number as an Int64 when it is whole and in range (`1E3`, `1000.000`, `-0.0`,
    /// `9223372036854775807`), else nil.
    static func wholeValue(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int64? {
        var p = start
        let negative = p < end && p.pointee == UInt8(ascii: "-")
        if negative { p += 1 }
        // The value is significand × 10^exponent. A whole number in Int64's range has at most
        // 19 significant digits once trailing zeros are taken off, so a nonzero digit after
        // the 19th means the number is a fraction or too large.
        var significand: UInt64 = 0
        var kept = 0
        var exponent = 0
        var inFraction = false
        while p < end {
            let c = p.pointee
            if c == UInt8(ascii: ".") {
                inFraction = true
            } else if c &- 0x30 < 10 {
                if kept < 19 {
                    significand = significand &* 10 &+ UInt64(c &- 0x30)
                    if significand != 0 { kept += 1 }
                    if inFraction { exponent -= 1 }
                } else if c != UInt8(ascii: "0") {
                    return nil
                } else if !inFraction {
                    exponent += 1
                }
            } else {
                break
            }
            p += 1
        }
        if p < end, p.pointee | 0x20 == UInt8(ascii: "e") {
            p += 1
            let minus = p < end && p.pointee == UInt8(ascii: "-")
            if p < end, p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+") { p += 1 }
            var e = 0
            while p < end, p.pointee &- 0x30 < 10 {
                if e < 100_000 { e = e * 10 + Int(p.pointee &- 0x30) }
                p += 1
            }
            exponent += minus ? -e : e
        }
        if significand == 0 { return 0 }
        while exponent < 0 {
            guard significand % 10 == 0 else { return nil }
            significand /= 10
            exponent += 1
        }
        while exponent > 0 {
            let (next, overflow) = significand.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            significand = next
            exponent -= 1
        }
        if negative { return significand <= 1 << 63 ? Int64(bitPattern: 0 &- significand) : nil }
        return significand <= UInt64(Int64.max) ? Int64(significand) : nil
    }
}

extension JSONNumber {
    /// True when the bytes are exactly one JSON number (no whitespace, sign rules of RFC 8259).
    package static func isNumber(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        guard start < end else { return false }
        var p = start
        guard p.pointee == UInt8(ascii: "-") || (p.pointee >= 0x30 && p.pointee <= 0x39) else { return false }
        return JSONScanner.scanNumber(&p, start, end) == nil && p == end
    }
}
