import LoupeEngine
import Testing

@testable import LoupeOutput

/// Duration columns: tables and Markdown show durations, machine formats keep the numbers and
/// name the unit in the column.
@Suite("Row printer durations")
struct RowPrinterDurationTests {
    static let ns = DurationUnit(nanoseconds: 1)
    static let ms = DurationUnit(nanoseconds: 1e6)

    /// p95 over span durations (nanoseconds), a count, and an average of `duration_ms`.
    static let set = RowSet(
        columns: ["service", "count", "p95(duration)", "avg(duration_ms)"],
        units: [nil, nil, ns, ms],
        rows: [
            [.string("api"), .number(3), .number(.double(56_999_792.85)), .number(.double(0.25))],
            [.string("db"), .number(12), .number(1_500_000_000), .number(61_000)],
            [.string("auth"), .number(1), .number(850), .null],
        ])

    static func render(_ format: TableFormat) -> String {
        RowPrinter(format: format, color: false).render(set)
    }

    @Test func table() {
        #expect(
            Self.render(.table) == """
                service  count  p95(duration)  avg(duration_ms)
                api          3       57.00 ms          250.0 µs
                db          12         1.50 s           1 m 1 s
                auth         1         850 ns              null

                """)
    }

    @Test func markdown() {
        #expect(
            Self.render(.markdown) == """
                | service | count | p95(duration) | avg(duration_ms) |
                |---|---:|---:|---:|
                | api | 3 | 57.00 ms | 250.0 µs |
                | db | 12 | 1.50 s | 1 m 1 s |
                | auth | 1 | 850 ns | null |

                """)
    }

    @Test func csv() {
        #expect(
            Self.render(.csv) == """
                service,count,p95(duration)_ns,avg(duration_ms)
                api,3,56999792.85,0.25
                db,12,1500000000,61000
                auth,1,850,null

                """)
    }

    @Test func tsv() {
        #expect(Self.render(.tsv).hasPrefix("service\tcount\tp95(duration)_ns\tavg(duration_ms)\napi\t3\t56999792.85\t0.25\n"))
    }

    @Test func json() {
        #expect(
            Self.render(.json) == """
                [
                {"service":"api","count":3,"p95(duration)_ns":56999792.85,"avg(duration_ms)":0.25},
                {"service":"db","count":12,"p95(duration)_ns":1500000000,"avg(duration_ms)":61000},
                {"service":"auth","count":1,"p95(duration)_ns":850,"avg(duration_ms)":null}
                ]

                """)
        #expect(Self.render(.jsonl).hasPrefix(#"{"service":"api","count":3,"p95(duration)_ns":56999792.85,"#))
    }

    /// A value too large for whole nanoseconds stays a number, with the unit after it.
    @Test func hugeDurationStaysANumber() {
        let huge = RowSet(columns: ["max(took_s)"], units: [DurationUnit(nanoseconds: 1e9)], rows: [[.number(.double(1e300))]])
        #expect(RowPrinter(format: .table, color: false).render(huge) == "max(took_s)\n   1e+300 s\n")
    }

    /// A string in a duration column (a key with mixed values) is shown as it is.
    @Test func stringsInADurationColumnStayText() {
        let mixed = RowSet(
            columns: ["duration_ms", "count"], units: [Self.ms, nil], rows: [[.string("slow"), .number(1)], [.number(5), .number(2)]])
        #expect(RowPrinter(format: .table, color: false).render(mixed) == "duration_ms  count\nslow             1\n5.00 ms          2\n")
    }
}
