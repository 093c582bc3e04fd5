import Glibc

/// Typed reads on top of the token stream: what decoders of a known schema use to pick the
/// members they need and skip the rest.
extension JSONReader {
    /// True when the last key or string token is exactly `literal` (after decoding escapes).
    @inlinable @inline(__always)
    package func textIs(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        if textEscaped { return escapedTextIs(literal) }
        return textEnd - textStart == count && memcmp(base + textStart, literal.utf8Start, count) == 0
    }

    @usableFromInline
    func escapedTextIs(_ literal: StaticString) -> Bool {
        decodedTextBytes().elementsEqual(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// The last key or string token, decoded.
    package func textString() -> String {
        JSONString.string(text.baseAddress!, text.baseAddress! + text.count, escaped: textEscaped)
    }

    /// Appends the decoded bytes of the last key or string token.
    package func appendText(to output: inout [UInt8]) {
        if textEscaped {
            JSONString.decode(text.baseAddress!, text.baseAddress! + text.count, into: &output)
        } else {
            output.append(contentsOf: text)
        }
    }

    private func decodedTextBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        appendText(to: &bytes)
        return bytes
    }

    /// Reads the next value: a string's decoded text, or nil (the value is skipped) for
    /// anything else.
    package mutating func readString() throws(JSONError) -> String? {
        let token = try next()
        if token == .string { return textString() }
        try skip(token)
        return nil
    }

    /// Reads the next value as an integer: a JSON number, or a string holding one (how OTLP
    /// writes 64-bit integers). Fractions and exponents are rounded; nil for other values and
    /// for magnitudes beyond Int64.
    package mutating func readInteger() throws(JSONError) -> Int64? {
        let token = try next()
        switch token {
        case .number, .string:
            return Self.integer(text)
        default:
            try skip(token)
            return nil
        }
    }

    /// The integer a number text (or a string holding one) stands for, or nil.
    package static func integer(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let first = text.first else { return nil }
        var i = 0
        let negative = first == UInt8(ascii: "-")
        if negative { i = 1 }
        // Summed as a negative number: Int64.min has no positive counterpart (an OTLP
        // `intValue` of -9223372036854775808 was lost).
        var value: Int64 = 0
        var digits = 0
        while i < text.count, text[i] &- 0x30 < 10 {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.subtractingReportingOverflow(Int64(text[i] &- 0x30))
            if o1 || o2 { return fractional(text) }
            value = sum
            digits += 1
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < text.count { return fractional(text) }
        if negative { return value }
        let (positive, overflow) = Int64(0).subtractingReportingOverflow(value)
        return overflow ? fractional(text) : positive
    }

    /// `1.5e18`, `1485467191639875.0`: read as a double, rounded, when it is a JSON number.
    private static func fractional(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let base = text.baseAddress, JSONNumber.isNumber(base, base + text.count) else { return nil }
        let x = JSONNumber.parse(base, base + text.count).rounded()
        guard x.isFinite, abs(x) < 9.2e18 else { return nil }
        return Int64(x)
    }

    /// Reads the next value as a flag: `true`, or the string `"true"` (any case).
    package mutating func readTruth() throws(JSONError) -> Bool {
        let token = try next()
        switch token {
        case .true: return true
        case .string: return textString().lowercased() == "true"
        default:
            try skip(token)
            return false
        }
    }
}
