import Foundation
import Testing

@testable import LoupeKit

/// The progress line: on a terminal's standard error after about a second, erased before
/// the results; never in a pipe, never in CI. Where it must not show, the terminal must
/// receive exactly the results (and a run slow enough that it would have shown otherwise).
@Suite("Progress line")
struct ProgressTests {
    /// Standard input that takes about 1.5 s to arrive: half the sample, a pause, the rest.
    static let slowInput = "(head -n 2500 app.log; sleep 1.5; tail -n 2500 app.log)"
    static let query = "'* | count by level | sort level'"

    private func directory() throws -> URL {
        let directory = CLIHarness.temporaryDirectory()
        try FileManager.default.copyItem(
            at: CLIHarness.repositoryRoot.appendingPathComponent("Samples/app.log"), to: directory.appendingPathComponent("app.log"))
        return directory
    }

    private static let eraseLine: [UInt8] = [0x0D, 0x1B, 0x5B, 0x4B]  // \r ESC [ K

    /// What the query prints on a terminal (the pseudo-terminal turns line ends into CRLF).
    static let table = "level  count\r\ndebug    879\r\nerror     53\r\ninfo    3799\r\nwarn     269\r\n"

    @Test func aSlowRunOnATerminalShowsProgressAndErasesIt() throws {
        let out = try CLIHarness.runInTerminal(
            "\(Self.slowInput) | $LOUPE --block-size 65536 --color never \(Self.query)", in: try directory())
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.contains("loupe: (standard input), "), "a progress line: \(text.debugDescription)")
        #expect(text.contains("B/s, ") && text.contains(" lines, ") && text.contains(" matches"))
        // The last thing before the table is the erasing of the progress line.
        let table = try #require(text.range(of: "level  count"))
        let before = Array(text[..<table.lowerBound].utf8)
        #expect(before.suffix(Self.eraseLine.count) == Self.eraseLine[...], "the line is erased before the results")
        #expect(text.contains("error    "))
    }

    @Test func aFastRunShowsNoProgress() throws {
        let out = try CLIHarness.runInTerminal("$LOUPE --color never \(Self.query) app.log", in: try directory())
        #expect(String(decoding: out, as: UTF8.self) == Self.table)
    }

    @Test func neverWhenStandardErrorIsNotATerminal() throws {
        let directory = try directory()
        let started = Date()
        let out = try CLIHarness.runInTerminal(
            "\(Self.slowInput) | $LOUPE --block-size 65536 --color never --stats \(Self.query) 2> err.txt", in: directory)
        #expect(Date().timeIntervalSince(started) >= 1.5, "slow enough for a progress line")
        let err = try String(contentsOf: directory.appendingPathComponent("err.txt"), encoding: .utf8)
        // Only the --stats line, and only the results on the terminal.
        #expect(err.hasPrefix("loupe: stats: read 1.66 MB (5000 lines, 5000 parsed) in "), "\(err.debugDescription)")
        #expect(err.hasSuffix(" MB/s), 5000 matches, 0 skipped\n") && err.filter { $0 == "\n" }.count == 1, "\(err.debugDescription)")
        #expect(String(decoding: out, as: UTF8.self) == Self.table)
    }

    @Test func neverInCI() throws {
        let environment = CLIHarness.environment(["CI": "true"], removing: ["NO_COLOR"])
        let started = Date()
        let out = try CLIHarness.runInTerminal(
            "\(Self.slowInput) | $LOUPE --block-size 65536 --color never \(Self.query)", in: try directory(), environment: environment)
        #expect(Date().timeIntervalSince(started) >= 1.5, "slow enough for a progress line")
        #expect(String(decoding: out, as: UTF8.self) == Self.table)
    }
}
