import CLoupeSearch
import LoupeTestSupport
import Testing

@testable import LoupeIO

/// The first index of `needle` in `haystack` by plain comparison: the reference.
private func naiveFind(_ haystack: [UInt8], _ needle: [UInt8], from: Int = 0) -> Int? {
    guard needle.count <= haystack.count else { return nil }
    var i = from
    while i + needle.count <= haystack.count {
        if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        i += 1
    }
    return nil
}

private func find(_ searcher: LiteralSearcher, _ haystack: [UInt8], from: Int = 0) -> Int? {
    haystack.withUnsafeBufferPointer { h in
        searcher.firstMatch(in: h.baseAddress! + from, end: h.baseAddress! + h.count).map { $0 - h.baseAddress! }
    }
}

@Suite("LiteralSearcher")
struct LiteralSearcherTests {
    static let cases: [(String, String, Int?)] = [
        (#"{"level":"error"}"#, #""error""#, 9),
        (#"{"level":"errors"}"#, #""error""#, nil),
        ("abc", "abc", 0),
        ("abc", "abcd", nil),
        ("xxabc", "abc", 2),
        ("ab", "b", 1),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "aab", 31),
        ("error error", "error", 0),
        ("é日本", "日本", 2),
        ("a", "ab", nil),
    ]

    @Test(arguments: cases)
    func findsTheFirstOccurrence(_ haystack: String, _ needle: String, _ expected: Int?) {
        #expect(find(LiteralSearcher(Array(needle.utf8)), Array(haystack.utf8)) == expected)
    }

    /// Needles at every offset around the 16- and 64-byte steps, near the end, overlapping
    /// themselves, with rare bytes and common ones: always the same answer as a plain search,
    /// from the searcher and from each kernel this CPU can run.
    @Test func agreesWithPlainSearch() {
        var rng = SplitMix64(seed: 7)
        let alphabets: [[UInt8]] = [Array("ab".utf8), Array("\"e:r{o}".utf8), (0...255).map { UInt8($0) }]
        for round in 0..<6_000 {
            let alphabet = alphabets[round % alphabets.count]
            let length = Int(rng.next() % (round % 2 == 0 ? 70 : 300))
            var haystack = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let needleLength = Int(rng.next() % 9) + 1
            var needle = (0..<needleLength).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            if rng.next() % 2 == 0, haystack.count >= needleLength {
                // Plant the needle (or a copy of part of the haystack) so hits are common.
                let at = Int(rng.next() % UInt64(haystack.count - needleLength + 1))
                if rng.next() % 2 == 0 {
                    haystack.replaceSubrange(at..<(at + needleLength), with: needle)
                } else {
                    needle = Array(haystack[at..<(at + needleLength)])
                }
            }
            guard !haystack.isEmpty else { continue }
            let from = Int(rng.next() % UInt64(haystack.count))
            let searcher = LiteralSearcher(needle)
            let expected = naiveFind(haystack, needle, from: from)
            #expect(find(searcher, haystack, from: from) == expected, "\(haystack) \(needle) from \(from)")
            #if arch(x86_64)
                let rare1 = Int(rng.next() % UInt64(needle.count))
                let rare2 = Int(rng.next() % UInt64(needle.count))
                var kernels = [loupe_find_sse2]
                if loupe_has_avx2() != 0 { kernels.append(loupe_find_avx2) }
                for kernel in kernels {
                    let found = haystack.withUnsafeBufferPointer { h in
                        needle.withUnsafeBufferPointer { n in
                            kernel(h.baseAddress! + from, h.count - from, n.baseAddress, n.count, rare1, rare2).map { $0 - h.baseAddress! }
                        }
                    }
                    #expect(found == expected, "kernel: \(haystack) \(needle) from \(from), probes \(rare1) \(rare2)")
                }
            #endif
        }
    }

    /// The cursor yields the earliest hit of any needle at or after each position.
    @Test func anyLiteralCursorFindsEarliestHits() {
        let text = Array(#"{"a":"warn"} {"a":"error"} {"b":"warn","c":"error"} {"d":1}"#.utf8)
        let searcher = AnyLiteralSearcher([Array("error".utf8), Array("warn".utf8)])
        #expect(!searcher.isEmpty)
        var hits: [Int] = []
        text.withUnsafeBufferPointer { b in
            var cursor = searcher.cursor(end: b.baseAddress! + b.count)
            var position = b.baseAddress!
            while let hit = cursor.next(from: position) {
                hits.append(hit - b.baseAddress!)
                position = hit + 1
            }
        }
        #expect(hits == [6, 19, 33, 44])
        #expect(AnyLiteralSearcher([]).isEmpty)
    }
}
