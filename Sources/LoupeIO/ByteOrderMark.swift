/// The UTF-8 byte order mark, `EF BB BF`, which some writers put before the first byte of a
/// file: every reader skips it at the start of an input, and only there.
package enum ByteOrderMark {
    /// 3 when `bytes` starts with the mark, else 0: where the content starts.
    @inline(__always)
    package static func length(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    @inline(__always)
    package static func length(_ base: UnsafePointer<UInt8>, count: Int) -> Int {
        length(UnsafeBufferPointer(start: base, count: count))
    }

    /// The length of the run of marks that opens the `count` bytes at `base` (0, 3, 6, ...): where
    /// files that held only a mark were concatenated before one that opens with its own, a line
    /// starts with several.
    @inline(__always)
    package static func runLength(_ base: UnsafePointer<UInt8>, count: Int) -> Int {
        var n = 0
        while count - n >= 3, base[n] == 0xEF, base[n + 1] == 0xBB, base[n + 2] == 0xBF { n += 3 }
        return n
    }

    /// True when `bytes`, shorter than the mark, may be its start (a read cut it).
    package static func mayStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count < 3 && bytes.elementsEqual([0xEF, 0xBB, 0xBF].prefix(bytes.count))
    }
}
