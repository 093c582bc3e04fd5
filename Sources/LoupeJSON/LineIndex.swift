import CLoupeSearch

/// Stage 1 of a line scan: where a line's strings end, found 64 bytes at a time by
/// `loupe_line_index`, so the scanner jumps from an opening quote to the closing one instead
/// of reading the bytes between (the exits of a byte loop mispredict on short strings).
///
/// Offsets are from the line's first byte. Valid for the line last indexed, until the next.
struct LineIndex {
    /// Bit i of word w: byte 64w + i is an unescaped quote (a backslash).
    let quotes: UnsafeMutablePointer<UInt64>
    let backslashes: UnsafeMutablePointer<UInt64>
    /// How many words of each bitmap hold the line; bits past its end are clear.
    var words: Int
    var hasBackslash: Bool

    /// The first unescaped quote at or after `offset`, or -1 when the line has none.
    @inline(__always)
    func quote(from offset: Int) -> Int {
        var w = offset &>> 6
        guard w < words else { return -1 }
        var bits = quotes[w] & (~0 &<< UInt64(offset & 63))
        while bits == 0 {
            w &+= 1
            guard w < words else { return -1 }
            bits = quotes[w]
        }
        return w &<< 6 | bits.trailingZeroBitCount
    }

    /// Whether a backslash lies in [start, end): a string there holds an escape.
    @inline(__always)
    func hasBackslash(from start: Int, to end: Int) -> Bool {
        guard hasBackslash, start < end else { return false }
        var w = start &>> 6
        let last = (end &- 1) &>> 6
        var bits = backslashes[w] & (~0 &<< UInt64(start & 63))
        while w < last {
            if bits != 0 { return true }
            w &+= 1
            bits = backslashes[w]
        }
        return bits & (~0 &>> UInt64(63 &- ((end &- 1) & 63))) != 0
    }
}
