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
    /// True when the bytes are exactly one JSON number (no whitespace, sign rules of RFC 8259).
    package static func isNumber(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        guard start < end else { return false }
        var p = start
        guard p.pointee == UInt8(ascii: "-") || (p.pointee >= 0x30 && p.pointee <= 0x39) else { return false }
        return JSONScanner.scanNumber(&p, start, end) == nil && p == end
    }
}
