import Foundation
import Testing

@testable import LoupeOutput

/// The Markdown and JUnit reports against golden files in Tests/Fixtures/gate; run with
/// LOUPE_RECORD_GOLDEN=1 to record them again after an intended change (then review the diff).
struct GateReportGoldenTests {
    static let directory: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path + "/Fixtures/gate/"
    }()

    static func check(_ actual: String, golden name: String) throws {
        let path = directory + name
        if ProcessInfo.processInfo.environment["LOUPE_RECORD_GOLDEN"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
            Issue.record(
                "\(name) differs at line \(line + 1):\n  expected: \(line < e.count ? String(e[line]) : "<end>")\n  actual:   \(line < a.count ? String(a[line]) : "<end>")\n(LOUPE_RECORD_GOLDEN=1 records it again)"
            )
        }
    }

    @Test func markdown() throws {
        try Self.check(GateMarkdownPrinter().render(SampleReport.make()), golden: "report.md")
    }

    @Test func junit() throws {
        try Self.check(GateJUnitPrinter().render(SampleReport.make()), golden: "report.xml")
    }
}
