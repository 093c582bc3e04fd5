import Glibc

/// Finds a fixed byte string in memory: `memchr` on the needle's rarest byte, then a compare.
///
/// This is the prefilter's engine. For typical log text it runs at memory speed because the
/// rare byte seldom occurs; a needle made only of common bytes degrades to a byte-by-byte scan.
package struct LiteralSearcher: Sendable {
    package let needle: [UInt8]
    private let rareIndex: Int

    package init(_ needle: [UInt8]) {
        precondition(!needle.isEmpty, "an empty needle matches everywhere")
        self.needle = needle
        var best = 0
        for i in needle.indices where ByteFrequency.rank(needle[i]) < ByteFrequency.rank(needle[best]) {
            best = i
        }
        rareIndex = best
    }

    /// The first occurrence of the needle that starts in `[start, end)` and fits before `end`.
    package func firstMatch(in start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
        let n = needle.count
        guard end - start >= n else { return nil }
        let rare = needle[rareIndex]
        return needle.withUnsafeBufferPointer { needleBytes -> UnsafePointer<UInt8>? in
            let needleBase = needleBytes.baseAddress!
            var cursor = start + rareIndex
            let lastRare = end - (n - rareIndex)
            while cursor <= lastRare {
                guard let hitRaw = memchr(cursor, Int32(rare), lastRare - cursor + 1) else { return nil }
                let hit = UnsafePointer<UInt8>(hitRaw.assumingMemoryBound(to: UInt8.self))
                let candidate = hit - rareIndex
                if memcmp(candidate, needleBase, n) == 0 { return candidate }
                cursor = hit + 1
            }
            return nil
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
        let common: [(String, UInt8)] = [
            ("\" :,{}", 255), ("etaoinsr", 220), ("lhdcu", 200), ("0123456789", 190),
            ("mfpgwybvk", 170), ("-_./", 160), ("ETAOINSRLHDCU", 120), ("xjqz", 90),
            ("MFPGWYBVKXJQZ", 80), ("[]=", 70),
        ]
        for (chars, rank) in common {
            for b in chars.utf8 { t[Int(b)] = rank }
        }
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
