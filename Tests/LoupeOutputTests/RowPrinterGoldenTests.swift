import Foundation
import LoupeEngine
import Testing

@testable import LoupeOutput

/// One small result table in every format, compared with the files in Tests/Fixtures/golden/.
/// After a deliberate change of output, re-record with `LOUPE_RECORD_GOLDEN=1 swift test
/// --filter RowPrinterGoldenTests` and review the diff.
@Suite("Row printer golden files")
struct RowPrinterGoldenTests {
    /// Every kind of cell: strings that need quoting or escaping in some format, numbers
    /// (integers, fractions, exponents, negative), booleans, null, JSON objects and arrays,
    /// control characters, a pipe, wide characters, an empty string.
    static let rows = RowSet(
        columns: ["service", "count", "p99(duration_ms)", "ok", "detail", "note"],
        rows: [
            [.string("api"), .number(1200), .number(12.5), .bool(true), .json(#"{"k":[1,2]}"#), .string("plain")],
            [.string(#"auth, "v2""#), .number(3), .number(-0.25), .bool(false), .json("[1]"), .string("tab\there\nnew line")],
            [.null, .number(0), .null, .null, .null, .string("esc\u{1B}[31m|pipe\\back\r")],
            [.string("héllo 日本"), .number(1e21), .number(1e-7), .bool(true), .json("{}"), .string("")],
        ])

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden")

    static let recording = ProcessInfo.processInfo.environment["LOUPE_RECORD_GOLDEN"] == "1"

    /// (file name, format, color)
    static let cases: [(String, TableFormat, Bool)] =
        TableFormat.allCases.map { ("rowset.\($0.rawValue)", $0, false) } + [("rowset.table-color", .table, true)]

    @Test(arguments: cases)
    func golden(_ name: String, _ format: TableFormat, _ color: Bool) throws {
        let rendered = RowPrinter(format: format, color: color).render(Self.rows)
        let file = Self.directory.appendingPathComponent(name + ".txt")
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try Data(rendered.utf8).write(to: file)
        }
        guard let golden = FileManager.default.contents(atPath: file.path) else {
            Issue.record("no golden file \(file.path); record it with LOUPE_RECORD_GOLDEN=1")
            return
        }
        let expected = String(decoding: golden, as: UTF8.self)
        #expect(rendered == expected, "\(name): differs from \(file.lastPathComponent)\n\(Self.lineDiff(expected, rendered))")
    }

    /// The lines that differ, marked - (golden) and + (now), with control characters visible.
    static func lineDiff(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? String(a[i]) : nil
            let y = i < b.count ? String(b[i]) : nil
            guard x != y else { continue }
            if let x { out.append("- \(x.debugDescription)") }
            if let y { out.append("+ \(y.debugDescription)") }
        }
        return out.joined(separator: "\n")
    }
}
