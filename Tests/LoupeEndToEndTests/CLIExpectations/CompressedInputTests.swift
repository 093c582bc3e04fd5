import CZstd
import Foundation
import Testing

/// gzip and zstd input, from files and standard input, gives exactly what the plain text
/// gives; a truncated or corrupt archive prints every whole line before the damage, then a
/// message naming the file and the compressed offset, and exits 2.
@Suite("Compressed input end to end")
struct CompressedInputTests {
    static let sample = try! Data(contentsOf: CLIHarness.repositoryRoot.appendingPathComponent("Samples/app.log"))

    static func gzip(_ bytes: [UInt8], in directory: URL) throws -> [UInt8] {
        let plain = directory.appendingPathComponent("to-gzip-\(UUID().uuidString)")
        try CLIHarness.write(bytes, to: plain)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec gzip -c -n \"$0\"", plain.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }

    static func zstd(_ bytes: [UInt8]) -> [UInt8] {
        let context = ZSTD_createCCtx()
        defer { ZSTD_freeCCtx(context) }
        _ = ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
        var out = [UInt8](repeating: 0, count: ZSTD_compressBound(bytes.count))
        let n = out.withUnsafeMutableBytes { o in
            bytes.withUnsafeBytes { ZSTD_compress2(context, o.baseAddress, o.count, $0.baseAddress, $0.count) }
        }
        return Array(out[..<n])
    }

    static let queries = [
        #"level == "error""#, "* | count by service, level | sort count desc", "* | stats p50(duration_ms), p99(duration_ms) by service",
    ]

    @Test(arguments: queries)
    func compressedInputGivesWhatPlainTextGives(_ query: String) throws {
        let directory = CLIHarness.temporaryDirectory()
        let text = Array(Self.sample)
        let plain = directory.appendingPathComponent("app.log")
        try CLIHarness.write(text, to: plain)
        let gz = try Self.gzip(text, in: directory)
        let zst = Self.zstd(text)
        // Two gzip members (as `cat a.gz b.gz` makes) hold the text twice.
        let half = text.count / 2
        let cut = text[..<half].lastIndex(of: 0x0A)! + 1
        let twoMembers = try Self.gzip(Array(text[..<cut]), in: directory) + Self.gzip(Array(text[cut...]), in: directory)
        try CLIHarness.write(gz, to: directory.appendingPathComponent("app.log.gz"))
        try CLIHarness.write(zst, to: directory.appendingPathComponent("app.zst"))
        try CLIHarness.write(twoMembers, to: directory.appendingPathComponent("two.gz"))

        let expected = try CLIHarness.run([query, plain.path])
        #expect(expected.status == 0)
        #expect(!expected.stdout.isEmpty)
        let runs: [(String, CLIHarness.Run)] = [
            ("gzip file", try CLIHarness.run([query, directory.appendingPathComponent("app.log.gz").path])),
            ("zstd file", try CLIHarness.run([query, directory.appendingPathComponent("app.zst").path])),
            ("two gzip members", try CLIHarness.run([query, directory.appendingPathComponent("two.gz").path])),
            ("gzip on stdin", try CLIHarness.run([query], stdin: gz)),
            ("zstd on stdin", try CLIHarness.run([query, "-"], stdin: zst)),
        ]
        for (what, run) in runs {
            let difference = CLIHarness.firstDifference(expected.stdoutText, run.stdoutText)
            #expect(difference == nil, "\(what): \(difference ?? "")")
            #expect(run.stderr == expected.stderr, "\(what)")
            #expect(run.status == expected.status, "\(what)")
        }
    }

    /// A cut compressed file reads like a cut plain file: the whole lines before the cut, one
    /// message saying where it stopped and how much was read, and exit 2 only under --strict.
    @Test func truncatedGzipPrintsTheWholeLinesBeforeTheCut() throws {
        let directory = CLIHarness.temporaryDirectory()
        let text = Array(Self.sample)
        let gz = try Self.gzip(text, in: directory)
        let cutAt = gz.count / 2
        let file = directory.appendingPathComponent("cut.log.gz")
        try CLIHarness.write(Array(gz[..<cutAt]), to: file)
        let run = try CLIHarness.run(["*", file.path])
        #expect(run.status == 0)
        #expect(run.stdout.count > text.count / 4)
        #expect(run.stdout == Array(text[..<run.stdout.count]), "a prefix of the text, in whole lines")
        #expect(run.stdout.last == 0x0A)
        let lines = run.stdout.filter { $0 == 0x0A }.count
        let message =
            "loupe: stopped reading \(file.path) at line \(lines + 1): truncated gzip data: the input ends at compressed byte \(cutAt), before the end of the compressed stream (\(lines) lines read before it)\n"
        #expect(run.stderr == message)
        let strict = try CLIHarness.run(["--strict", "*", file.path])
        #expect(strict.status == 2)
        #expect(strict.stdout == run.stdout)
        #expect(strict.stderr == message)
    }

    @Test func corruptZstdNamesTheOffsetAndExits2() throws {
        let directory = CLIHarness.temporaryDirectory()
        let text = Array(Self.sample)
        var zst = Self.zstd(text)
        zst[zst.count - 2] ^= 0xFF  // the frame's checksum
        let file = directory.appendingPathComponent("bad.zst")
        try CLIHarness.write(zst, to: file)
        let run = try CLIHarness.run(["-c", "*", file.path])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("loupe: \(file.path): corrupt zstd data at compressed byte "))
        #expect(run.stderr.hasSuffix(": Restored data doesn't match checksum\n"))
    }

    @Test func aPlainFileNamedGzIsReadAsText() throws {
        let directory = CLIHarness.temporaryDirectory()
        let file = directory.appendingPathComponent("not-really.gz")
        try CLIHarness.write(Array(#"{"a":1}"#.utf8) + [0x0A], to: file)
        let run = try CLIHarness.run(["a == 1", file.path])
        #expect(run.status == 0)
        #expect(run.stdoutText == "{\"a\":1}\n")
    }
}
