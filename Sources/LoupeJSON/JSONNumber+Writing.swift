/// Writing integers as JSON numbers without building a `String` (a 19-digit nanosecond time
/// does not fit a small string, so `String(n)` allocates).
extension JSONNumber {
    /// "00", "01", ... "99".
    private static let digitPairs: [UInt8] = (0..<100).flatMap {
        [UInt8(ascii: "0") + UInt8($0 / 10), UInt8(ascii: "0") + UInt8($0 % 10)]
    }

    /// Appends the decimal digits of `value`, with a `-` when negative.
    package static func appendInteger(_ value: Int64, to bytes: inout [UInt8]) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            // Two digits per division: nanosecond timestamps have 19.
            while magnitude >= 10 {
                let pair = Int(magnitude % 100) * 2
                magnitude /= 100
                raw[23 - count] = digitPairs[pair + 1]
                raw[22 - count] = digitPairs[pair]
                count += 2
            }
            if magnitude > 0 {
                raw[23 - count] = UInt8(truncatingIfNeeded: magnitude) + UInt8(ascii: "0")
                count += 1
            }
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[(24 - count)...]))
        }
    }
}
