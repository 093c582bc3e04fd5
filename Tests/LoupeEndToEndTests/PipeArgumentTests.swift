import Foundation
import Glibc
import Testing

/// A pipe named as a file (`loupe Q <(zcat app.log.gz)`, a FIFO, `/dev/stdin`) can be read only
/// once: the bytes format detection looks at must reach the reader, and the pipe must not be
/// opened a second time. Before this, such an input gave 0 records without a word.
@Suite("Pipes named as files", .enabled(if: LoupeProcess.binaryExists, "the loupe binary was not found next to the test bundle"))
struct PipeArgumentTests {
    static let records = (1...5).map { #"{"level":"\#($0 % 2 == 0 ? "error" : "info")","n":\#($0)}"# + "\n" }.joined()

    /// Runs loupe with the FIFO `fifo` (and other `arguments`) while a thread writes `bytes`
    /// into the FIFO; `arguments` names the FIFO as `FIFO`.
    static func run(_ arguments: [String], feeding bytes: [UInt8]) throws -> LoupeProcess.Outcome {
        let scratch = try TemporaryDirectory(prefix: "loupe-fifo")
        let fifo = scratch.path + "/input"
        guard mkfifo(fifo, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            guard fd >= 0 else { return }
            bytes.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
            close(fd)
        }
        writer.start()
        return try LoupeProcess.run(arguments.map { $0 == "FIFO" ? fifo : $0 }, in: scratch.path, timeout: 60)
    }

    @Test func filterReadsEveryRecordOfAFIFO() throws {
        let outcome = try Self.run(["level == \"error\"", "FIFO"], feeding: Array(Self.records.utf8))
        #expect(outcome.stdoutText == #"{"level":"error","n":2}"# + "\n" + #"{"level":"error","n":4}"# + "\n")
        #expect(outcome.status == 0)
    }

    @Test func countByReadsEveryRecordOfAGzippedFIFO() throws {
        let gzipped = try gzip(Array(Self.records.utf8))
        let outcome = try Self.run(["-o", "tsv", "* | count by level", "FIFO"], feeding: gzipped)
        #expect(outcome.stdoutText == "level\tcount\ninfo\t3\nerror\t2\n")
    }

    @Test func traceReadsATraceExportFromAFIFO() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Samples/hotrod-trace.json")
        let bytes = LoupeProcess.contents(of: url.standardized.path)
        let outcome = try Self.run(["-c", "*", "FIFO"], feeding: bytes)
        #expect(outcome.status == 0)
        #expect(Int(outcome.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > 0)
    }

    private func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let scratch = try TemporaryDirectory(prefix: "loupe-gz")
        scratch.write("f", bytes)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-k", scratch.path + "/f"]
        try process.run()
        process.waitUntilExit()
        return LoupeProcess.contents(of: scratch.path + "/f.gz")
    }
}
