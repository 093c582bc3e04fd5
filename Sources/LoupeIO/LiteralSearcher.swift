import CLoupeSearch
import Glibc

/// Finds a fixed byte string in memory: a vectorized search for the needle's two rarest bytes
/// at their distance, then a compare (the "packed pair" idea of the memchr crate).
///
/// This is the prefilter's engine; for typical log text it runs at several GB/s because the pair
/// of rare bytes seldom occurs together.
package struct LiteralSearcher: Sendable {
    package let needle: [UInt8]
    private let rare1: Int
    private let rare2: Int

    package init(_ needle: [UInt8]) {
        precondition(!needle.isEmpty, "an empty needle matches everywhere")
        self.needle = needle
        let byRarity = needle.indices.sorted { (ByteFrequency.rank(needle[$0]), $0) < (ByteFrequency.rank(needle[$1]), $1) }
        rare1 = byRarity[0]
        rare2 = byRarity.count > 1 ? byRarity[1] : byRarity[0]
    }

    /// The first occurrence of the needle that lies entirely in `[start, end)`.
    package func firstMatch(in start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
        guard end - start >= needle.count else { return nil }
        return needle.withUnsafeBufferPointer { n in
            loupe_find(start, end - start, n.baseAddress, n.count, rare1, rare2)
        }
    }
}

/// A rough rank of how common each byte is in JSON log text (0 = rarest), used to pick the byte
/// to `memchr` for.
enum ByteFrequency {
    static func rank(_ byte: UInt8) -> Int { Int(table[Int(byte)]) }

    private static let table: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        // Control bytes and non-ASCII are rare in logs; letters, digits and JSON punctuation are
        // common, with the most frequent ranked highest.
        for b in 0x20...0x7E { t[b] = 40 }
        // Letters in order of English frequency, then digits and punctuation by how often JSON
        // logs use them.
        let ordered = Array("\" :,{}etaoinsrhldcu0123456789mfpgwybvk-_./TEASRIONLCDUPMHGBFWYVKXJQZxjqz[]=".utf8)
        for (i, b) in ordered.enumerated() { t[Int(b)] = UInt8(255 - i) }
        return t
    }()
}

/// Finds the next position where any of several needles occurs, in increasing order.
///
/// It caches the next hit of every needle, so scanning a buffer front to back searches each
/// needle's bytes once.
package struct AnyLiteralSearcher: Sendable {
    private let searchers: [LiteralSearcher]

    package init(_ needles: [[UInt8]]) {
        searchers = needles.map(LiteralSearcher.init)
    }

    package var isEmpty: Bool { searchers.isEmpty }

    /// True when one of the needles occurs in the `count` bytes at `start` (one record's text,
    /// for framed records, which are not searched as one buffer).
    package func contains(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        searchers.contains { $0.firstMatch(in: start, end: start + count) != nil }
    }

    /// A cursor over one buffer; call `next(from:)` with non-decreasing positions.
    package func cursor(end: UnsafePointer<UInt8>) -> Cursor { Cursor(searchers: searchers, end: end) }

    /// The scan state for one buffer.
    package struct Cursor {
        private let searchers: [LiteralSearcher]
        private let end: UnsafePointer<UInt8>
        // nil: not searched yet; .some(nil): no further hit.
        private var hits: [UnsafePointer<UInt8>??]

        init(searchers: [LiteralSearcher], end: UnsafePointer<UInt8>) {
            self.searchers = searchers
            self.end = end
            hits = Array(repeating: nil, count: searchers.count)
        }

        /// The earliest hit of any needle at or after `position`.
        package mutating func next(from position: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
            var best: UnsafePointer<UInt8>?
            for i in searchers.indices {
                var hit = hits[i]
                if case .some(.some(let cached)) = hit, cached < position { hit = nil }
                if hit == nil {
                    hit = .some(searchers[i].firstMatch(in: position, end: end))
                    hits[i] = hit
                }
                if case .some(.some(let found)) = hit, best == nil || found < best! { best = found }
            }
            return best
        }
    }
}
