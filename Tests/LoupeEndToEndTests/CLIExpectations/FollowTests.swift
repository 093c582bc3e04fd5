import Foundation
import Glibc
import Testing

/// `-f/--follow` with a file appended to, rotated (renamed and recreated) and truncated while
/// loupe runs; every wait is bounded, and loupe is killed if it does not stop.
@Suite("Follow mode", .serialized)
struct FollowTests {
    static func line(_ level: String, _ msg: String) -> String { #"{"level":"\#(level)","msg":"\#(msg)"}"# + "\n" }

    static func append(_ text: String, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    @Test func followsAppendsRotationAndTruncation() throws {
        let directory = CLIHarness.temporaryDirectory()
        let log = directory.appendingPathComponent("app.log")
        try Data((Self.line("error", "old 1") + Self.line("info", "old 2")).utf8).write(to: log)
        let loupe = try CLIHarness.start(["-f", #"level == "error""#, log.path])
        defer { if loupe.process.isRunning { kill(loupe.process.processIdentifier, SIGKILL) } }
        var expected = Self.line("error", "old 1")
        #expect(loupe.waitForOutput { $0 == expected }, "the existing lines")

        // Appended lines, one of them written in two parts: it shows only when whole.
        try Self.append(Self.line("error", "new 1") + Self.line("info", "new 2") + #"{"level":"error","msg":"#, to: log)
        expected += Self.line("error", "new 1")
        #expect(loupe.waitForOutput { $0 == expected }, "appended lines")
        usleep(300_000)
        #expect(loupe.stdout == Array(expected.utf8), "half a line is not printed")
        try Self.append(#""split"}"# + "\n", to: log)
        expected += Self.line("error", "split")
        #expect(loupe.waitForOutput { $0 == expected }, "the line completed")

        // Rotation: the file is renamed and a new one created at the path.
        try FileManager.default.moveItem(at: log, to: directory.appendingPathComponent("app.log.1"))
        try Self.append(Self.line("error", "late write to the old file"), to: directory.appendingPathComponent("app.log.1"))
        try Data(Self.line("error", "rotated 1").utf8).write(to: log)
        expected += Self.line("error", "late write to the old file") + Self.line("error", "rotated 1")
        #expect(loupe.waitForOutput { $0 == expected }, "the rest of the old file, then the new one")

        // Truncation: the file starts over.
        try Data().write(to: log)
        usleep(400_000)
        try Data(Self.line("error", "after truncation").utf8).write(to: log)
        expected += Self.line("error", "after truncation")
        #expect(loupe.waitForOutput { $0 == expected }, "the truncated file from its start")

        loupe.interrupt()
        let run = try loupe.wait(timeout: 10)
        #expect(run.status == 0)
        #expect(run.stdoutText == expected)
        #expect(run.stderr.contains("loupe: \(log.path): file replaced; following the new file"))
        #expect(run.stderr.contains("loupe: \(log.path): file truncated; reading it again from the start"))
    }

    @Test func anAggregationIsPrintedAgainEveryInterval() throws {
        let directory = CLIHarness.temporaryDirectory()
        let log = directory.appendingPathComponent("app.log")
        try Data((Self.line("error", "a") + Self.line("info", "b")).utf8).write(to: log)
        let loupe = try CLIHarness.start(["-f", "--every", "200ms", "* | count by level | sort level", log.path])
        defer { if loupe.process.isRunning { kill(loupe.process.processIdentifier, SIGKILL) } }
        #expect(loupe.waitForOutput { $0 == "level\tcount\nerror\t1\ninfo\t1\n" }, "the first table")
        try Self.append(Self.line("error", "c") + Self.line("warn", "d"), to: log)
        let second = "level\tcount\nerror\t2\ninfo\t1\nwarn\t1\n"
        #expect(loupe.waitForOutput { $0.hasSuffix("\n\n" + second) }, "the updated table after a blank line")
        loupe.interrupt()
        let run = try loupe.wait(timeout: 10)
        #expect(run.status == 0)
        // Nothing changed since the last table: it is not printed again at the end.
        #expect(run.stdoutText == "level\tcount\nerror\t1\ninfo\t1\n\n" + second)
    }

    /// A pipe is followed until its writer closes it; lines come out as they arrive.
    @Test func aPipeIsFollowedToItsEnd() throws {
        let script = """
            (printf '%s\\n' '{"level":"error","n":1}'; sleep 0.5; printf '%s\\n' '{"level":"error","n":2}' '{"level":"info","n":3}') \
            | "$LOUPE" -f -c --every 100ms 'level == "error"'
            """
        let run = try Self.shell(script)
        #expect(run.status == 0)
        // The count after the first line, then after the rest.
        #expect(run.stdout == "1\n2\n")
    }

    /// A pipe named as a file (a FIFO, `<(...)`): format detection opens and peeks at it, and
    /// following reads on from there. It opened the pipe again, lost the peeked lines and could
    /// wait for ever (outside probe).
    @Test(arguments: ["fifo", "process substitution"])
    func aNamedPipeIsFollowedFromItsFirstLine(_ how: String) throws {
        let directory = CLIHarness.temporaryDirectory()
        let fifo = directory.appendingPathComponent("in.fifo").path
        let lines = #"printf '%s\n' '{"n":1}'; sleep 0.3; printf '%s\n' '{"n":2}' '{"n":3}'"#
        let script =
            how == "fifo"
            ? "mkfifo '\(fifo)'; (\(lines)) > '\(fifo)' & \"$LOUPE\" -f 'n > 0 | count' '\(fifo)'"
            : "\"$LOUPE\" -f 'n > 0 | count' <(\(lines))"
        let run = try Self.shell(script)
        #expect(run.status == 0, "\(how)")
        #expect(run.stdout.hasSuffix("3\n"), "\(how): \(run.stdout)")
    }

    /// A followed line holding a NUL byte is binary data: kept up to its NUL and skipped, the
    /// rest dropped as it comes, and an endless one (`/dev/zero`) still stops at Ctrl-C with
    /// the results. Following /dev/zero grew to 16 GB and ignored Ctrl-C (outside probe).
    @Test func binaryDataIsDroppedAsItComes() throws {
        let script = #"(head -c 3000000 /dev/zero; printf '\n{"a":1}\n') | "$LOUPE" -f -c '*'"#
        let run = try Self.shell(script)
        #expect(run.status == 0)
        #expect(run.stdout == "1\n")
        #expect(run.stderr == "loupe: skipped 1 line with binary data in (standard input) (first at line 1: NUL byte at byte 1)\n")

        let endless = try CLIHarness.start(["-f", "* | count", "/dev/zero"])
        usleep(700_000)
        endless.interrupt()
        let stopped = try endless.wait(timeout: 20)
        #expect(stopped.status == 1, "\(stopped.stderr)")
        #expect(stopped.stdoutText == "count\n0\n")
    }

    /// A file empty when following begins: its first lines decide whether they have a prefix
    /// (docker compose, kubectl --timestamps). They were all skipped as malformed JSON.
    @Test func anEmptyFileGetsItsFramingFromItsFirstLines() throws {
        let directory = CLIHarness.temporaryDirectory()
        let log = directory.appendingPathComponent("compose.log")
        try Data().write(to: log)
        let loupe = try CLIHarness.start(["-f", "a >= 1", log.path])
        defer { if loupe.process.isRunning { kill(loupe.process.processIdentifier, SIGKILL) } }
        usleep(300_000)
        let lines = "web-1  | {\"a\":1}\nweb-1  | {\"a\":2}\n"
        try Self.append(lines, to: log)
        #expect(loupe.waitForOutput { $0 == lines }, "prefixed lines followed")
        loupe.interrupt()
        let run = try loupe.wait()
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
    }

    /// Runs `script` with bash, `$LOUPE` the binary under test: its status, standard output
    /// and standard error (written to a file, so that neither pipe can fill up).
    static func shell(_ script: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let errors = CLIHarness.temporaryDirectory().appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.environment = CLIHarness.environment(["LOUPE": CLIHarness.binary])
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), try String(contentsOf: errors, encoding: .utf8))
    }

    @Test func badUsesOfFollowAreErrors() throws {
        let directory = CLIHarness.temporaryDirectory()
        let file = directory.appendingPathComponent("app.log.gz")
        try CLIHarness.write([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3], to: file)
        let run = try CLIHarness.run(["-f", "*", file.path], timeout: 10)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("loupe: \(file.path): cannot follow: it is compressed"))
        let every = try CLIHarness.run(["-f", "--every", "5x", "* | count", file.path], timeout: 10)
        #expect(every.status == 2)
        #expect(every.stderr == "loupe: --every: cannot read '5x' (use a duration of at least 10ms, like 500ms, 2s, 1m)\n")
        let two = try CLIHarness.run(["-f", "*", "a.log", "b.log"], timeout: 10)
        #expect(two.status == 2)
        #expect(two.stderr.hasPrefix("loupe: --follow reads one file (or standard input)"))
    }
}
