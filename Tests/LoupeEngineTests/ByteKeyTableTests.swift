import LoupeTestSupport
import Testing

@testable import LoupeEngine

@Suite("ByteKeyTable")
struct ByteKeyTableTests {
    /// Group numbers are dense and in order of first insertion, exactly as a dictionary keyed
    /// by the bytes gives them: keys from a two-letter alphabet at every length up to 40 differ
    /// in single bytes at every position, including the overlapping last word.
    @Test(arguments: [1, 2, 3])
    func agreesWithADictionary(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var table = ByteKeyTable()
        var reference: [[UInt8]: Int] = [:]
        for _ in 0..<20_000 {
            let length = Int(rng.next() % 41)
            let key = (0..<length).map { _ in UInt8(ascii: "a") + UInt8(rng.next() % 2) }
            var inserted = false
            let g = key.withUnsafeBytes { table.group(for: $0, inserted: &inserted) }
            let expected = reference[key] ?? reference.count
            #expect(g == expected, "key \(String(decoding: key, as: UTF8.self))")
            #expect(inserted == (reference[key] == nil))
            reference[key] = expected
        }
        #expect(table.count == reference.count)
        for (key, g) in reference { #expect(Array(table.key(g)) == key) }
    }
}
