import Foundation
import LoupeEngine
import LoupeJSON
import Testing

@testable import LoupeOutput

/// Time-series charts of query results: every bucket from first to last (gaps drawn empty),
/// golden terminal charts at a fixed width with and without colors, well-formed SVG and HTML.
/// Re-record the golden files with `LOUPE_RECORD_GOLDEN=1 swift test --filter TimeChartTests`.
@Suite("Time charts")
struct TimeChartTests {
    /// Errors per minute with two empty minutes in the middle, and a day boundary.
    static let perMinute = RowSet(
        columns: ["minute", "count"],
        rows: [
            [.string("2024-03-11T23:56:00Z"), .number(4)], [.string("2024-03-11T23:57:00Z"), .number(12)],
            [.string("2024-03-12T00:00:00Z"), .number(7)], [.string("2024-03-12T00:01:00Z"), .number(1)],
        ])

    /// Requests per 10 s by level, a level missing from some buckets; rows not in time order.
    static let byLevel = RowSet(
        columns: ["ts", "level", "count"],
        rows: [
            [.string("2024-03-11T08:00:10Z"), .string("info"), .number(90)],
            [.string("2024-03-11T08:00:00Z"), .string("info"), .number(50)],
            [.string("2024-03-11T08:00:00Z"), .string("error"), .number(3)],
            [.string("2024-03-11T08:00:30Z"), .string("info"), .number(70)],
            [.string("2024-03-11T08:00:40Z"), .string("error"), .number(9)],
            [.string("2024-03-11T08:00:40Z"), .string("<b>\"x\"</b>"), .number(1)],
        ])

    @Test func emptyBucketsAreKept() throws {
        let s = try TimeSeries(Self.perMinute, timeColumn: "minute", width: 60_000_000_000)
        #expect(s.buckets.count == 6)
        #expect(s.values == [[4, 12, nil, nil, 7, 1]])
        let levels = try TimeSeries(Self.byLevel, timeColumn: "ts", width: 10_000_000_000)
        #expect(levels.series == ["info", "error", "<b>\"x\"</b>"])
        #expect(levels.values[0] == [50, 90, nil, 70, nil])
        #expect(levels.values[1] == [3, nil, nil, nil, 9])
    }

    @Test func notATimeSeries() {
        let set = RowSet(
            columns: ["ts", "a", "b", "count"], rows: [[.string("2024-03-11T08:00:00Z"), .string("x"), .string("y"), .number(1)]])
        #expect(throws: ChartError.self) { try TimeSeries(set, timeColumn: "ts", width: 1_000_000_000) }
        #expect(throws: ChartError.self) { try TimeSeries(Self.perMinute, timeColumn: "nope", width: 1_000_000_000) }
        // A one-nanosecond bucket over four minutes would be billions of rows.
        #expect(throws: ChartError.self) { try TimeSeries(Self.perMinute, timeColumn: "minute", width: 1) }
    }

    /// With the query's keys known, a second aggregate is refused rather than taken for a series,
    /// and a numeric key is a series.
    @Test func keysFromTheQuery() throws {
        let twoValues = RowSet(
            columns: ["ts", "count", "p95"], rows: [[.string("2024-03-11T08:00:00Z"), .number(3), .number(12.5)]])
        #expect(throws: ChartError.self) { try TimeSeries(twoValues, timeColumn: "ts", width: 1_000_000_000, keys: []) }
        let numericKey = RowSet(
            columns: ["ts", "status", "count"],
            rows: [[.string("2024-03-11T08:00:00Z"), .number(200), .number(7)], [.string("2024-03-11T08:00:01Z"), .number(500), .number(1)]])
        let s = try TimeSeries(numericKey, timeColumn: "ts", width: 1_000_000_000, keys: ["status"])
        #expect(s.series == ["200", "500"] && s.valueName == "count")
    }

    static let cases: [(name: String, set: RowSet, column: String, width: Int64, color: Bool)] = [
        ("per-minute.80", perMinute, "minute", 60_000_000_000, false),
        ("per-minute.80-color", perMinute, "minute", 60_000_000_000, true),
        ("by-level.80", byLevel, "ts", 10_000_000_000, false),
        ("by-level.80-color", byLevel, "ts", 10_000_000_000, true),
    ]

    @Test(arguments: cases)
    func golden(_ c: (name: String, set: RowSet, column: String, width: Int64, color: Bool)) throws {
        let text = TimeChartText(width: 80, color: c.color).render(try TimeSeries(c.set, timeColumn: c.column, width: c.width))
        for line in DisplayWidth.stripped(text).split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 80) }
        if let problem = try PictureFixtures.compareGolden("chart.\(c.name)", text) { Issue.record(Comment(rawValue: problem)) }
    }

    /// Many buckets wrap into blocks that fit the width, each with its own time axis.
    @Test func longSeriesWrap() throws {
        var rows: [[RowValue]] = []
        for i in 0..<300 {
            rows.append([
                .string(Timestamp.format(1_710_144_000_000_000_000 + Int64(i) * 1_000_000_000)), .string(i % 2 == 0 ? "a" : "b"),
                .number(.integer(Int64(i % 17))),
            ])
        }
        let s = try TimeSeries(RowSet(columns: ["ts", "k", "count"], rows: rows), timeColumn: "ts", width: 1_000_000_000)
        let text = TimeChartText(width: 100, color: false).render(s)
        for line in text.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 100) }
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("a ") }.count == 4)
    }

    @Test func svgAndHTMLAreWellFormedAndEscaped() throws {
        let s = try TimeSeries(Self.byLevel, timeColumn: "ts", width: 10_000_000_000)
        let svg = TimeChartSVG().svg(s, title: "<script>alert(1)</script>")
        let parsed = MarkupChecker.parse(svg)
        #expect(parsed.error == nil, "\(parsed.error ?? "")")
        #expect(parsed.activeContent.isEmpty)
        #expect(parsed.classes["col"] == s.buckets.count)
        #expect(parsed.text.contains("<script>alert(1)</script>") && parsed.text.contains("<b>\"x\"</b>"))
        let printer = TimeChartPrinter(
            writer: OutputWriter(fd: 1), format: .html, axis: ChartAxis(column: "ts", width: 10_000_000_000), color: false, width: 80,
            title: "<script>alert(1)</script>")
        let page = MarkupChecker.parse(printer.render(s, Self.byLevel))
        #expect(page.error == nil, "\(page.error ?? "")")
        #expect(page.activeContent.isEmpty)
        #expect(page.elements["tr"] == Self.byLevel.rows.count + 1)
    }
}
