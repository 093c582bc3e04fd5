import Foundation
import Testing

/// A plain-text log must never look like an empty JSON file: loupe says once that it holds no
/// JSON records, and `--stats` says how many lines were parsed at all (the fixtures
/// `text-log-*.case` hold the exact messages; the timings of `--stats` keep it out of them).
@Suite("Plain-text input")
struct PlainTextInputTests {
    static let textLine = "2024-03-11 08:00:02 INFO request served in 12 ms\n"  // 49 bytes

    static func file(_ text: String) throws -> String {
        let url = CLIHarness.temporaryDirectory().appendingPathComponent("app-text.log")
        try CLIHarness.write(Array(text.utf8), to: url)
        return url.path
    }

    static func lines(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map(String.init)
    }

    /// The stats line without its timings: `read ... (LINES) in ... s (... MB/s), COUNTS`.
    static func stats(_ stderr: String) throws -> (lines: String, counts: String) {
        let line = try #require(lines(stderr).first { $0.hasPrefix("loupe: stats: read ") }, "\(stderr)")
        let open = try #require(line.firstIndex(of: "("))
        let close = try #require(line.range(of: ") in "))
        let counts = try #require(line.range(of: " MB/s), "))
        return (String(line[line.index(after: open)..<close.lowerBound]), String(line[counts.upperBound...]))
    }

    @Test func statsSayHowManyLinesWereParsed() throws {
        let path = try Self.file(String(repeating: Self.textLine, count: 3))
        // A selective filter: the prefilter rules out every line, none is parsed.
        let selective = try CLIHarness.run(["--stats", #"level == "error""#, path])
        #expect(selective.status == 1)
        #expect(selective.stdout.isEmpty)
        let note = "loupe: \(path) holds no JSON records (its lines look like: 2024-03-11 08:00:02 INFO request served in 12 ms)"
        #expect(Self.lines(selective.stderr).first == note + "; loupe reads JSON lines, JSON arrays and values, and lines with text before an object", "\(selective.stderr)")
        let stats = try Self.stats(selective.stderr)
        #expect(stats.lines == "3 lines, 0 parsed, the others blank or without the query's literals")
        #expect(stats.counts == "0 matches, 0 skipped")
        // Every record: every line is parsed, and skipped.
        let all = try CLIHarness.run(["--stats", "-c", "*", path])
        #expect(all.stdoutText == "0\n")
        #expect(Self.lines(all.stderr).count == 3, "\(all.stderr)")
        #expect(all.stderr.contains("loupe: skipped 3 lines with malformed JSON in \(path) (first at line 1: "))
        let counted = try Self.stats(all.stderr)
        #expect(counted.lines == "3 lines, 3 parsed")
        #expect(counted.counts == "0 matches, 3 skipped")
    }

    @Test func aJSONFileGetsNoNote() throws {
        let path = try Self.file(#"{"level":"info"}"# + "\n" + Self.textLine + #"{"level":"error"}"# + "\n")
        let run = try CLIHarness.run(["--stats", #"level == "error""#, path])
        #expect(run.status == 0)
        #expect(run.stdoutText == #"{"level":"error"}"# + "\n")
        #expect(!run.stderr.contains("holds no JSON records"), "\(run.stderr)")
        #expect(try Self.stats(run.stderr).lines == "3 lines, 1 parsed, the others blank or without the query's literals")
    }

    /// Only the first 64 KiB are probed: beyond them the note says how many lines it saw.
    @Test func aLongTextLogIsJudgedByItsFirstBlock() throws {
        let count = 2000  // 98,000 bytes
        let path = try Self.file(String(repeating: Self.textLine, count: count))
        let run = try CLIHarness.run([#"level == "error""#, path])
        #expect(run.status == 1)
        let probed = (65536 + 48) / 49  // lines that start in the first 64 KiB
        #expect(
            run.stderr
                == "loupe: \(path) holds no JSON records in its first \(probed) lines (they look like: 2024-03-11 08:00:02 INFO request served in 12 ms); loupe reads JSON lines, JSON arrays and values, and lines with text before an object\n"
        )
        // A JSON record after the first block: a filter that finds it is not second-guessed.
        let mixed = try Self.file(String(repeating: Self.textLine, count: count) + #"{"level":"error"}"# + "\n")
        let found = try CLIHarness.run([#"level == "error""#, mixed])
        #expect(found.status == 0)
        #expect(found.stderr.isEmpty, "\(found.stderr)")
    }
}
