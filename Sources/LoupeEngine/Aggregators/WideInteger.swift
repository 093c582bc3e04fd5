/// An exact running sum of Int64 values in 128 bits (two's complement), so sums of up to 2^64
/// values never overflow; a sum whose parts overflowed Int64 on the way but ends in range is
/// still exact.
struct WideInteger: Sendable, Equatable {
    var high: Int64 = 0
    var low: UInt64 = 0

    @inline(__always)
    mutating func add(_ x: Int64) {
        let (sum, carry) = low.addingReportingOverflow(UInt64(bitPattern: x))
        low = sum
        // Sign-extend x into the high word (x >> 63 is 0 or -1), plus the carry.
        high = high &+ (x >> 63) &+ (carry ? 1 : 0)
    }

    mutating func add(_ other: WideInteger) {
        let (sum, carry) = low.addingReportingOverflow(other.low)
        low = sum
        high = high &+ other.high &+ (carry ? 1 : 0)
    }

    /// The sum when it fits in an Int64.
    var exact: Int64? {
        let l = Int64(bitPattern: low)
        return high == l >> 63 ? l : nil
    }

    /// Doubles that add up to the sum, each exact (the high word is far below 2^53 in any sum
    /// of real input): the high word scaled by 2^64, and the low word's two 32-bit halves.
    var exactDoubleParts: [Double] {
        [Double(high) * 18_446_744_073_709_551_616.0, Double(low >> 32) * 4_294_967_296.0, Double(low & 0xFFFF_FFFF)]
    }
}
