import Foundation
import LoupeTestSupport
import Testing

/// `loupe diff` on two runs of one request with known changes (Tests/Fixtures/diff, written by
/// make_diff_fixtures.py): payments POST /charge 84 ms slower on the critical path, SELECT
/// orders called four times instead of once, GET /user failing. The expected rows are worked
/// out by hand from the span times there; every pairing of formats gives them.
@Suite("Trace diff end to end", .enabled(if: LoupeProcess.binaryExists, "the loupe binary was not found next to the test bundle"))
struct TraceDiffEndToEndTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/diff")

    /// change | path | base calls,total,cp self,errors | cur ... | delta cp self (ms, exact).
    static let expected = [
        "changed|frontend GET /checkout > frontend POST /charge > payments POST /charge|1,29,27,0|1,119,111,0|84",
        "changed|frontend GET /checkout > frontend POST /charge > payments POST /charge > payments SELECT orders|1,2,2,0|4,8,8,0|6",
        "same|frontend GET /checkout|1,50,5,0|1,140,5,0|0",
        "same|frontend GET /checkout > frontend GET /cart|1,10,1,0|1,10,1,0|0",
        "same|frontend GET /checkout > frontend GET /cart > cart GET /cart|1,9,9,0|1,9,9,0|0",
        "changed|frontend GET /checkout > frontend GET /user|1,5,5,0|1,5,5,1|0",
        "same|frontend GET /checkout > frontend POST /charge|1,30,1,0|1,120,1,0|0",
    ]

    /// The JSON report's rows in the form of `expected`, and its two sides.
    static func rows(_ stdout: [UInt8]) throws -> (rows: [String], base: [Int], cur: [Int]) {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stdout)) as? [String: Any])
        func ms(_ value: Any?) -> String {
            let ns = (value as? NSNumber)?.int64Value ?? -1
            return ns % 1_000_000 == 0 ? "\(ns / 1_000_000)" : "\(ns)ns"
        }
        func figures(_ value: Any?) -> String {
            let f = value as? [String: Any] ?? [:]
            return "\(f["calls"] ?? "?"),\(ms(f["total_ns"])),\(ms(f["cp_self_ns"])),\(f["errors"] ?? "?")"
        }
        let paths = object["paths"] as? [[String: Any]] ?? []
        let rows = paths.map { row in
            let path = (row["path"] as? [[String: String]] ?? []).map { "\($0["service"]!) \($0["name"]!)" }.joined(separator: " > ")
            return "\(row["change"] ?? "?")|\(path)|\(figures(row["base"]))|\(figures(row["cur"]))|\(ms(row["delta_cp_self_ns"]))"
        }
        func side(_ name: String) -> [Int] {
            let s = object[name] as? [String: Any] ?? [:]
            return [(s["traces"] as? Int) ?? -1, ((s["duration_ns"] as? NSNumber)?.intValue ?? -1) / 1_000_000]
        }
        return (rows, side("base"), side("cur"))
    }

    @Test(arguments: [
        ("base.otlp.json", "cur.otlp.json"), ("base.jaeger.json", "cur.jaeger.json"), ("base.jaeger.json", "cur.zipkin.json"),
        ("base.otlp.json", "cur.jaeger.json"), ("base.jaeger.json", "cur.otlp.json"),
    ])
    func oneTraceEachGivesTheRowsWorkedByHand(_ base: String, _ cur: String) throws {
        let outcome = try LoupeProcess.run(["diff", "-o", "json", base, cur], in: Self.fixtures.path)
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.isEmpty, "\(outcome)")
        let report = try Self.rows(outcome.stdout)
        #expect(report.rows == Self.expected)
        #expect(report.base == [1, 50])
        #expect(report.cur == [1, 140])
    }

    /// Three traces per side, two of them the side's run: each figure is the (lower) median
    /// per trace, so the rows are the single runs'. `--trace` and `--where` pick traces.
    @Test func manyTracesPerSideCompareTheirMedians() throws {
        let all = try LoupeProcess.run(["diff", "-o", "json", "many.base.otlp.json", "many.cur.otlp.json"], in: Self.fixtures.path)
        let report = try Self.rows(all.stdout)
        #expect(report.rows == Self.expected, "\(all)")
        #expect(report.base == [3, 50])
        #expect(report.cur == [3, 140])

        let picked = try LoupeProcess.run(
            ["diff", "-o", "json", "--trace", "2", "--trace", "6", "many.base.otlp.json", "many.cur.otlp.json"], in: Self.fixtures.path)
        #expect(try Self.rows(picked.stdout).rows == Self.expected, "\(picked)")

        // Roots of 140 ms: the one CUR-shaped run in the base file, two in the current one.
        let slow = try LoupeProcess.run(
            ["diff", "-o", "json", "--where", "duration > 100ms", "many.base.otlp.json", "many.cur.otlp.json"], in: Self.fixtures.path)
        let same = try Self.rows(slow.stdout)
        #expect(same.base == [1, 140] && same.cur == [2, 140], "\(slow)")
        #expect(same.rows.allSatisfy { $0.hasPrefix("same|") }, "\(slow)")
        #expect(slow.status == 0)
    }

    /// A run compared with itself changes nothing, in any format: exit 0, every row `same`.
    @Test(arguments: ["base.otlp.json", "cur.jaeger.json", "cur.zipkin.json", "many.cur.otlp.json"])
    func aRunComparedWithItselfChangesNothing(_ file: String) throws {
        let outcome = try LoupeProcess.run(["diff", "-o", "json", file, file], in: Self.fixtures.path)
        #expect(outcome.status == 0, "\(outcome)")
        let report = try Self.rows(outcome.stdout)
        #expect(!report.rows.isEmpty)
        #expect(report.rows.allSatisfy { $0.hasPrefix("same|") })
    }

    /// The thresholds of a change of critical-path self time: 6 ms is 300% of 2 ms but the
    /// SELECT row also changed its calls, so only the 84 ms row answers to --min-change.
    @Test func minChangeDecidesWhatCountsAsChanged() throws {
        let outcome = try LoupeProcess.run(
            ["diff", "-o", "json", "--min-change", "500%", "base.otlp.json", "cur.otlp.json"], in: Self.fixtures.path)
        let rows = try Self.rows(outcome.stdout).rows
        #expect(rows[0].hasPrefix("same|"), "311% growth is under 500%")
        #expect(rows[1].hasPrefix("changed|"), "the number of calls changed")
    }

    @Test(arguments: [
        (["--trace", "ffff", "base.otlp.json", "cur.otlp.json"], "loupe: base.otlp.json: no trace ffff (1 trace read)\n"),
        (
            ["--where", "name == \"nope\"", "base.otlp.json", "cur.otlp.json"],
            "loupe: base.otlp.json: no trace whose root span matches --where (1 trace read)\n"
        ),
        (["--min-change", "fast", "base.otlp.json", "cur.otlp.json"], nil),
        (["--trace", "1", "--trace", "2", "--trace", "3", "base.otlp.json", "cur.otlp.json"], nil),
        (["base.otlp.json", "missing.json"], nil),
        (["-o", "csv", "base.otlp.json", "cur.otlp.json"], nil),
    ])
    func badRequestsAreErrors(_ arguments: [String], _ stderr: String?) throws {
        let outcome = try LoupeProcess.run(["diff"] + arguments, in: Self.fixtures.path)
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stdout.isEmpty)
        if let stderr { #expect(outcome.stderrText == stderr) } else { #expect(outcome.stderrText.hasPrefix("loupe: ")) }
    }
}
