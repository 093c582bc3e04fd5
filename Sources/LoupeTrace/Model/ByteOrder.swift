import Glibc

/// String order as TRACE-SEMANTICS means it: by UTF-8 bytes (equal to code point order), with no
/// Unicode normalization, so two implementations sort identically.
package enum ByteOrder {
    /// Three-way comparison of the UTF-8 bytes of `a` and `b`.
    @inline(__always)
    package static func compare(_ a: String, _ b: String) -> Int {
        if let result = a.utf8.withContiguousStorageIfAvailable({ pa in
            b.utf8.withContiguousStorageIfAvailable { pb in compare(pa, pb) }
        }), let result {
            return result
        }
        if a.utf8.elementsEqual(b.utf8) { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }

    @inline(__always)
    package static func less(_ a: String, _ b: String) -> Bool { compare(a, b) < 0 }

    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        if n > 0 {
            let c = memcmp(a.baseAddress!, b.baseAddress!, n)
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}
