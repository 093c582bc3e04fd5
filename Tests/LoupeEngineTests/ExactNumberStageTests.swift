import Testing

@testable import LoupeEngine

/// Numbers in stages keep their exact value: group keys, `distinct`, projected fields, sort
/// keys and sum, min and max of integers beyond 2^53 (DESIGN section 4).
@Suite("Exact numbers in stages")
struct ExactNumberStageTests {
    /// Nanosecond-style ids that a double cannot tell apart, in several spellings.
    static let ids = [
        #"{"id":1712790000123000001}"#,
        #"{"id":1712790000123000002}"#,
        #"{"id":1712790000123000001.0}"#,
        #"{"id":1.712790000123000001E18}"#,
        #"{"id":1712790000123000064}"#,
        #"{"id":"1712790000123000001"}"#,
        #"{"id":1000}"#,
        #"{"id":1E3}"#,
        #"{"id":1000.0}"#,
        #"{"id":9223372036854775807}"#,
        #"{"id":-9223372036854775808}"#,
    ]

    /// Equal values are one group, shown as the integer they are (whatever spelling came
    /// first); a string holding a number is a group of its own.
    @Test func countByBigIds() throws {
        #expect(
            try StageHarness.rows("* | count by id", Self.ids) == [
                ["1712790000123000001", "3"], ["1712790000123000002", "1"], ["1712790000123000064", "1"],
                [#""1712790000123000001""#, "1"], ["1000", "3"], ["9223372036854775807", "1"], ["-9223372036854775808", "1"],
            ])
    }

    /// The same groups whichever spelling of a value comes first, and whatever the cut.
    @Test func groupsDoNotDependOnSpellingOrCut() throws {
        let reordered = [Self.ids[3], Self.ids[8]] + Self.ids
        for cut in 0...reordered.count {
            let chunks = [Array(reordered[..<cut]), Array(reordered[cut...])]
            let rows = try StageHarness.groups("* | count by id", chunks: chunks).table.rows().map { $0.map(\.jsonText) }
            #expect(rows.first == ["1712790000123000001", "4"], "cut at \(cut)")
            #expect(rows.dropFirst().first == ["1000", "4"], "cut at \(cut)")
            #expect(rows.count == 7, "cut at \(cut)")
        }
    }

    @Test func distinctCountsBigIdsApart() throws {
        // 1712790000123000001, ...002, ...064, the string, 1000, Int64.max, Int64.min.
        #expect(try StageHarness.rows("* | stats distinct(id)", Self.ids) == [["7"]])
    }

    /// Projected fields (`fields`, `distinct`) print every digit.
    @Test func fieldsKeepEveryDigit() throws {
        let result = StageHarness.process(try StageHarness.program("* | fields id"), Array(Self.ids.prefix(5)))
        #expect(
            result.rows.map { $0.map(\.jsonText) } == [
                ["1712790000123000001"], ["1712790000123000002"], ["1712790000123000001"], ["1712790000123000001"],
                ["1712790000123000064"],
            ])
    }

    /// sum, min and max of integers are exact; a sum past Int64 is a double; a fraction makes
    /// the sum a double but leaves min and max exact. The same at every cut.
    @Test func statsOfBigIntegers() throws {
        let lines = [
            #"{"g":"a","v":1712790000123000001}"#, #"{"g":"b","v":9223372036854775807}"#, #"{"g":"a","v":1712790000123000003}"#,
            #"{"g":"c","v":-5}"#, #"{"g":"b","v":1}"#, #"{"g":"c","v":0.5}"#,
        ]
        let expected = [
            ["\"a\"", "3425580000246000004", "1712790000123000001", "1712790000123000003"],
            ["\"b\"", "9.223372036854776e+18", "1", "9223372036854775807"],
            ["\"c\"", "-4.5", "-5", "0.5"],
        ]
        for cut in 0...lines.count {
            let chunks = [Array(lines[..<cut]), Array(lines[cut...])]
            let rows = try StageHarness.groups("* | stats sum(v), min(v), max(v) by g", chunks: chunks).table.rows()
            #expect(rows.map { $0.map(\.jsonText) } == expected, "cut at \(cut)")
        }
    }

    /// Sort keys order by exact value: integers a double cannot tell apart, a double between
    /// them, and the ends of Int64.
    @Test func sortOrderIsExact() {
        let values: [RowValue] = [
            .number(.integer(1_712_790_000_123_000_065)), .number(.integer(Int64.max)), .number(.double(1_712_790_000_123_000_064)),
            .number(.integer(1_712_790_000_123_000_002)), .number(.double(.infinity)), .number(.integer(Int64.min)),
            .number(.double(9_223_372_036_854_775_808)), .number(.integer(1_712_790_000_123_000_001)), .number(.double(0.5)),
            .number(.double(-9_223_372_036_854_777_856)),
        ]
        let sorted = values.sorted { RowValue.order($0, $1) < 0 }
        #expect(
            sorted.map(\.jsonText) == [
                "-9.223372036854778e+18", "-9223372036854775808", "0.5", "1712790000123000001", "1712790000123000002",
                "1.712790000123e+18", "1712790000123000065", "9223372036854775807", "9.223372036854776e+18", "1e999",
            ])
    }
}
