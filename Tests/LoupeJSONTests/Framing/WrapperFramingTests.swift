import Foundation
import LoupeIO
import LoupeTestSupport
import Testing

@testable import LoupeJSON

/// Records inside the objects tools wrap them in (`RecordWrapper`), framed by `ValueFraming` in
/// `wrapped` mode: random records in random wrappers, whole or cut anywhere, compared with the
/// records the test put there.
@Suite("WrapperFraming") struct WrapperFramingTests {
    /// A random record as compact JSON, with strings that hold brackets, quotes, escapes and a
    /// wrapper's own key, so the framing must skip strings to find where an element ends.
    static func record(_ rng: inout SplitMix64) -> String {
        let strings = [#""plain""#, #""]}""#, #""{\"items\":[""#, #""back\\""#, #""\"quoted\"""#, #""é ü""#, #""""#]
        let values = strings + ["12", "-0.5", "true", "null", "[]", "[1,[2,{\"x\":\"]\"}]]", "{\"hits\":{\"hits\":[{}]}}"]
        let members = (0..<Int.random(in: 0...4, using: &rng)).map { n in
            "\"k\(n)\":" + values.randomElement(using: &rng)!
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// One wrapper around `records`: other members before and after the array (as the tools
    /// write them), compact or pretty.
    static func wrapper(_ records: [String], _ rng: inout SplitMix64) -> String {
        let kind = RecordWrapper.allCases.randomElement(using: &rng)!
        let pretty = Bool.random(using: &rng)
        let gap = pretty ? "\n    " : ""
        let colon = [":", ": ", " : "].randomElement(using: &rng)!
        let others = ["\"took\"\(colon)5", "\"_shards\"\(colon){\"a\":[1,{\"b\":\"]\"}]}", "\"kind\"\(colon)\"List\"", "\"nextToken\"\(colon)null"]
        let before = others.shuffled(using: &rng).prefix(Int.random(in: 0...2, using: &rng))
        let after = others.shuffled(using: &rng).prefix(Int.random(in: 0...2, using: &rng))
        let array = "[" + gap + records.joined(separator: "," + gap) + (pretty ? "\n" : "") + "]"
        var inner = "\"\(kind.path.last!)\"\(colon)\(array)"
        for key in kind.path.dropLast().reversed() {
            inner = "\"\(key)\"\(colon){\"total\"\(colon)1, \(inner)}"
        }
        return "{" + gap + (Array(before) + [inner] + Array(after)).joined(separator: "," + gap) + (pretty ? "\n" : "") + "}"
    }

    /// Whole wrappers (one or more pages): exactly the records, in order, at every block and
    /// read size.
    @Test(arguments: 0..<200 as Range<UInt64>)
    func wholeWrappersGiveEveryRecord(_ seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var expected: [String] = []
        var text = ""
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let records = (0..<Int.random(in: 0...5, using: &rng)).map { _ in Self.record(&rng) }
            expected += records
            text += Self.wrapper(records, &rng) + "\n"
        }
        #expect(try Self.framed(text, block: 1 << 20, step: 1 << 20) == expected, "seed \(seed): \(text)")
        for (block, step) in [(1, 1), (7, 3), (64, 1 << 20)] {
            #expect(try Self.framed(text, block: block, step: step) == expected, "seed \(seed), block \(block), read \(step)")
        }
    }

    /// A wrapper cut anywhere: every record that ended before the cut is read as written, and
    /// at most one more record follows, which is not valid JSON (it is counted as skipped, never
    /// taken for a record).
    @Test(arguments: 0..<300 as Range<UInt64>)
    func cutWrappersKeepEveryWholeRecord(_ seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let records = (0..<Int.random(in: 1...6, using: &rng)).map { _ in Self.record(&rng) }
        let text = Self.wrapper(records, &rng)
        let cut = Int.random(in: 0..<text.utf8.count, using: &rng)
        let kept = String(decoding: Array(text.utf8)[0..<cut], as: UTF8.self)
        // The records that end before the cut, found by their place in the text.
        var whole: [String] = []
        var searchFrom = kept.startIndex
        for record in records {
            guard let found = kept.range(of: record, range: searchFrom..<kept.endIndex) else { break }
            whole.append(record)
            searchFrom = found.upperBound
        }
        let framed = try Self.framed(kept, block: 5, step: 3)
        #expect(Array(framed.prefix(whole.count)) == whole, "seed \(seed), cut at \(cut): \(kept)")
        #expect(framed.count <= whole.count + 1, "seed \(seed), cut at \(cut): \(framed)")
        for extra in framed.dropFirst(whole.count) {
            #expect((try? JSONSerialization.jsonObject(with: Data(extra.utf8), options: [.fragmentsAllowed])) == nil, "seed \(seed): \(extra)")
        }
    }

    static func framed(_ text: String, block: Int, step: Int) throws -> [String] {
        let input = OpenedInput(name: "x", body: .stream(SteppedStream(Array(text.utf8), step: step)))
        return try ValueChunksTests.records(ValueChunks(input, mode: .wrapped, chunkSize: block))
    }
}
