/// Decoding and checking of JSON string bodies (the bytes between the quotes).
package enum JSONString {
    /// The value of an ASCII hex digit, or -1.
    @inline(__always)
    package static func hexValue(_ b: UInt8) -> Int {
        switch b {
        case 0x30...0x39: return Int(b - 0x30)
        case 0x41...0x46: return Int(b - 0x41 + 10)
        case 0x61...0x66: return Int(b - 0x61 + 10)
        default: return -1
        }
    }

    /// The length of the well-formed UTF-8 sequence at `p` (2 to 4), or 0 when it is not one:
    /// overlong forms, surrogates and code points above U+10FFFF are rejected.
    @inline(__always)
    package static func validUTF8SequenceLength(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int {
        let b0 = p.pointee
        let available = end - p
        @inline(__always) func cont(_ i: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i < available && p[i] >= low && p[i] <= high
        }
        switch b0 {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0:
            return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xED:
            return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(1) && cont(2) ? 3 : 0
        case 0xF0:
            return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3:
            return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4:
            return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default:
            return 0
        }
    }

    /// Appends the decoded UTF-8 of a validated string body to `output`. A lone surrogate escape
    /// (valid JSON, but not a character) becomes U+FFFD.
    package static func decode(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, into output: inout [UInt8]) {
        var p = start
        while p < end {
            let c = p.pointee
            if c != 0x5C {
                output.append(c)
                p += 1
                continue
            }
            let e = p[1]
            p += 2
            switch e {
            case 0x62: output.append(0x08)
            case 0x66: output.append(0x0C)
            case 0x6E: output.append(0x0A)
            case 0x72: output.append(0x0D)
            case 0x74: output.append(0x09)
            case 0x75:
                var scalar = hex4(p)
                p += 4
                if scalar >= 0xD800 && scalar < 0xDC00, end - p >= 6, p[0] == 0x5C, p[1] == 0x75 {
                    let low = hex4(p + 2)
                    if low >= 0xDC00 && low < 0xE000 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        p += 6
                    }
                }
                if scalar >= 0xD800 && scalar < 0xE000 { scalar = 0xFFFD }
                appendUTF8(UInt32(scalar), to: &output)
            default: output.append(e)
            }
        }
    }

    /// The decoded body as a Swift string (for printing and group keys, not the hot path).
    package static func string(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, escaped: Bool) -> String {
        if !escaped { return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        decode(start, end, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex4(_ p: UnsafePointer<UInt8>) -> Int {
        (hexValue(p[0]) << 12) | (hexValue(p[1]) << 8) | (hexValue(p[2]) << 4) | hexValue(p[3])
    }

    package static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (scalar >> 6)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (scalar >> 12)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (scalar >> 18)))
            output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// `s` as JSON string text: quote and backslash escaped, `\n` `\r` `\t` by name, and every
    /// other character that `escapes` picks as `\u00XX` (by default the C0 controls, which
    /// JSON requires; output formats pass a wider set).
    package static func quoted(_ s: String, escaping escapes: (Unicode.Scalar) -> Bool = { $0.value < 0x20 }) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where escapes(scalar): out += unicodeEscape(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `\u001b` for ESC: how every format writes a character it does not name.
    package static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
