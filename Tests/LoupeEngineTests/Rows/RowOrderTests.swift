import LoupeJSON
import LoupeTestSupport
import Testing

@testable import LoupeEngine

/// The one sort order, for rows and records alike.
@Suite("RowOrder")
struct RowOrderTests {
    /// Ascending: null, booleans (false first), numbers by exact value, strings by UTF-8
    /// bytes, objects and arrays by their JSON text.
    static let ascending: [RowValue] = [
        .null, .bool(false), .bool(true), .number(.integer(-3)), .number(.double(-2.5)), .number(.integer(2)),
        .number(.integer(9_007_199_254_740_992)), .number(.integer(9_007_199_254_740_993)), .number(.double(1e300)), .string(""),
        .string("B"), .string("a"), .string("é"), .json("[1]"), .json(#"{"x":1}"#),
    ]

    /// Strings order by their UTF-8 bytes, and are equal only when their bytes are, also where
    /// Unicode calls two spellings equivalent (`é` and `e` with a combining accent): String's
    /// `==` made `sort` put a decomposed `é` between two precomposed ones (probe finding).
    @Test func stringsOrderByBytesEvenWhenUnicodeCallsThemEqual() {
        let pieces = ["e", "\u{301}", "é", "E", "a", "\u{1F600}", "ﬁ", "fi", "Å", "A\u{30A}", "Å"]
        var rng = SplitMix64(seed: 17)
        for _ in 0..<2_000 {
            let x = (0..<Int(rng.next() % 4)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let y = (0..<Int(rng.next() % 4)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let bytes = x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : (Array(x.utf8) == Array(y.utf8) ? 0 : 1)
            #expect(RowValue.order(.string(x), .string(y)) == bytes, "\(x.debugDescription) \(y.debugDescription)")
            #expect(RowValue.order(.string(y), .string(x)) == -bytes)
            #expect((RowValue.string(x) == RowValue.string(y)) == (bytes == 0))
        }
    }

    @Test func mixedTypesAndNullsOrderByTypeThenValue() {
        let shuffled = Self.ascending.enumerated().sorted { ($0.offset * 7) % 15 < ($1.offset * 7) % 15 }.map { [$0.element] }
        let ascending = RowOrder([RowOrder.Key(index: 0, descending: false)]).sorted(shuffled)
        #expect(ascending.map { $0[0] } == Self.ascending)
        let descending = RowOrder([RowOrder.Key(index: 0, descending: true)]).sorted(shuffled)
        #expect(descending.map { $0[0] } == Self.ascending.reversed())
    }

    /// Equal keys keep the input order, in either direction; `1` and `1.0` are equal.
    @Test(arguments: [false, true])
    func equalKeysKeepTheirOrder(descending: Bool) {
        let rows: [[RowValue]] = [
            [.number(.integer(1)), .string("first")], [.null, .string("n1")], [.number(.double(1.0)), .string("second")],
            [.null, .string("n2")], [.number(.integer(1)), .string("third")],
        ]
        let sorted = RowOrder([RowOrder.Key(index: 0, descending: descending)]).sorted(rows).map { $0[1] }
        let ones: [RowValue] = [.string("first"), .string("second"), .string("third")]
        let nulls: [RowValue] = [.string("n1"), .string("n2")]
        #expect(sorted == (descending ? ones + nulls : nulls + ones))
    }

    /// Later keys break ties of earlier ones, each in its own direction.
    @Test func keysApplyInTurn() {
        let rows: [[RowValue]] = [("b", 1), ("a", 1), ("b", 2), ("a", 2)].map { [.string($0.0), .number(.integer($0.1))] }
        let order = RowOrder([RowOrder.Key(index: 1, descending: true), RowOrder.Key(index: 0, descending: false)])
        #expect(order.sorted(rows) == [rows[3], rows[2], rows[1], rows[0]])
        #expect(order.compare(rows[0], rows[0]) == 0)
        #expect(order.compare(rows[2], rows[0]) < 0)
    }

    /// The permutation is what sorted records use: positions, not values.
    @Test func permutationGivesPositions() {
        let keys: [[RowValue]] = [[.string("c")], [.null], [.string("a")]]
        #expect(RowOrder([RowOrder.Key(index: 0, descending: false)]).permutation(of: keys) { $0 } == [1, 2, 0])
    }
}
