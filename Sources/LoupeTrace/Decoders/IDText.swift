/// Normalizes trace and span ids to the form of TRACE-SEMANTICS (conventions): lowercase hex,
/// trace ids left-padded with `0` to 32 characters and span ids to 16; empty or all zeros is
/// none.
///
/// OTLP ids may also be base64 (the protobuf JSON mapping of `bytes`): a string that is not
/// hex and decodes to 8 or 16 bytes is read that way. An id that is neither (Jaeger UI test
/// data uses `span-X`) is kept verbatim: it still links parents and children exactly.
package enum IDText {
    /// Writes the normalized id into `output` (replacing its contents); false when the id is
    /// none.
    package static func normalize(_ bytes: UnsafeBufferPointer<UInt8>, width: Int, base64: Bool, into output: inout [UInt8]) -> Bool {
        output.removeAll(keepingCapacity: true)
        guard !bytes.isEmpty else { return false }
        // One branch-free pass: the classes of all bytes, or-ed together.
        var classes: UInt8 = 0
        for b in bytes { classes |= byteClass[Int(b)] }
        let hex = classes & notHex == 0
        let upper = classes & upperHex != 0
        let nonZero = classes & nonZeroHex != 0
        if hex {
            guard nonZero else { return false }
            if bytes.count < width { output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - bytes.count)) }
            if upper {
                for b in bytes { output.append(b >= 0x41 ? b | 0x20 : b) }
            } else {
                output.append(contentsOf: bytes)
            }
            return true
        }
        if base64, let decoded = decodeBase64(bytes), decoded.count == 8 || decoded.count == 16, decoded.count * 2 <= width {
            guard decoded.contains(where: { $0 != 0 }) else { return false }
            if decoded.count * 2 < width { output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - decoded.count * 2)) }
            for byte in decoded {
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0xF)])
            }
            return true
        }
        output.append(contentsOf: bytes)
        return true
    }

    /// The normalized id as a string, or nil for none (for callers outside the hot path).
    package static func normalized(_ text: String, width: Int, base64: Bool = false) -> String? {
        var bytes = Array(text.utf8)
        var output: [UInt8] = []
        let some = bytes.withUnsafeMutableBufferPointer { normalize(UnsafeBufferPointer($0), width: width, base64: base64, into: &output) }
        bytes.removeAll()
        return some ? String(decoding: output, as: UTF8.self) : nil
    }

    package static let traceWidth = 32
    package static let spanWidth = 16

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static let notHex: UInt8 = 0x80
    private static let upperHex: UInt8 = 0x04
    private static let nonZeroHex: UInt8 = 0x02
    /// Per byte: `notHex`, or `nonZeroHex` for 1-9 and a-f, plus `upperHex` for A-F; 0 for "0".
    private static let byteClass: [UInt8] = (0..<256).map { b -> UInt8 in
        switch b {
        case 0x30: return 0
        case 0x31...0x39, 0x61...0x66: return nonZeroHex
        case 0x41...0x46: return nonZeroHex | upperHex
        default: return notHex
        }
    }

    /// Standard or URL-safe base64, padding optional; nil when the text is not base64.
    static func decodeBase64(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var end = bytes.count
        while end > 0 && bytes[end - 1] == UInt8(ascii: "=") { end -= 1 }
        guard end > 0, end % 4 != 1, bytes.count - end <= 2 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(end * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for i in 0..<end {
            guard let v = sextet(bytes[i]) else { return nil }
            accumulator = accumulator << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return output
    }

    private static func sextet(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return c - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return c - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): return 63
        default: return nil
        }
    }
}
