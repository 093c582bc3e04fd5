import Foundation
import LoupeTestSupport
import Testing

/// End-to-end runs on inputs generated at run time (too big or too binary to commit): awkward
/// block sizes, threads, stdin against files, a 100 MB line, 200,000-deep nesting, NUL bytes,
/// random binary data, and a reader that closes the pipe early.
@Suite("Generated inputs", .enabled(if: LoupeProcess.binaryExists, "the loupe binary was not found next to the test bundle"))
struct GeneratedInputTests {
    /// A log with every awkward thing, and what `loupe -n 'keep == true'` must print for it.
    struct MixedLog {
        var bytes: [UInt8] = []
        var expectedStdout: [UInt8] = []
        /// What `-v -n 'keep == true'` prints: the valid records where keep is false.
        var expectedInverted: [UInt8] = []
        var expectedStderr = ""

        init(seed: UInt64) {
            var rng = SplitMix64(seed: seed)
            var line = 0
            // Reason, count, first line and message, in order of first appearance.
            var skips: [(reason: String, count: Int, line: Int, message: String)] = []
            func skip(_ reason: String, _ message: String) {
                if let i = skips.firstIndex(where: { $0.reason == reason }) {
                    skips[i].count += 1
                } else {
                    skips.append((reason, 1, line, message))
                }
            }
            func add(_ record: [UInt8], eol: [UInt8] = [0x0A], printed: Bool, inverted: Bool = false) {
                line += 1
                bytes += record + eol
                let output = Array("\(line):".utf8) + record + (eol.first == 0x0D ? [0x0D] : []) + [0x0A]
                if printed { expectedStdout += output }
                if inverted { expectedInverted += output }
            }
            // A byte order mark opens the input; the first line still prints byte for byte.
            add([0xEF, 0xBB, 0xBF] + Array(#"{"keep":true,"i":0}"#.utf8), printed: true)
            for i in 1..<3_000 {
                let keep = rng.next() % 3 == 0
                let roll = rng.next() % 100
                let padding = roll < 2 ? 70_000 + Int(rng.next() % 3_000) : Int(rng.next() % 200)
                let pad = String(repeating: "x", count: padding)
                switch roll {
                case 2...4:
                    add([], printed: false)
                case 5...6:
                    add(Array("  \t".utf8), eol: [0x0D, 0x0A], printed: false)
                case 7:
                    add(Array(#"{"keep":true,"x":"#.utf8), printed: false)
                    skip("malformed JSON", "unexpected end of input")
                case 8:
                    add(Array(#"{"keep":true,"s":""#.utf8) + [0xFF] + Array(#""}"#.utf8), printed: false)
                    skip("invalid UTF-8", "invalid UTF-8 at byte 19")
                case 9:
                    add(Array(#"{"keep":true,"s":""#.utf8) + [0x00] + Array(#""}"#.utf8), printed: false)
                    skip("binary data", "NUL byte at byte 19")
                case 10...14:
                    // CRLF: the CR is part of the record's line.
                    add(Array(#"{"keep":\#(keep),"i":\#(i),"pad":"\#(pad)"}"#.utf8), eol: [0x0D, 0x0A], printed: keep, inverted: !keep)
                case 15...17:
                    // The value hides behind escapes; the key needle still finds the line.
                    add(Array(#"{"k\u0065ep":\#(keep),"i":\#(i),"s":"\u00e9\n"}"#.utf8), printed: keep, inverted: !keep)
                default:
                    add(Array(#"{"i":\#(i),"keep":\#(keep),"pad":"\#(pad)","n":[1,{"a":null}]}"#.utf8), printed: keep, inverted: !keep)
                }
            }
            // The last line has no newline.
            line += 1
            bytes += Array(#"{"keep":true,"last":1}"#.utf8)
            expectedStdout += Array("\(line):{\"keep\":true,\"last\":1}\n".utf8)
            expectedStderr = skips.map {
                "loupe: skipped \($0.count) line\($0.count == 1 ? "" : "s") with \($0.reason) in INPUT (first at line \($0.line): \($0.message))\n"
            }.joined()
        }
    }

    static let blockSizes = [1, 3, 15, 100, 65535, 65536, 65537]

    /// Every block size, files and stdin, 1 and 4 threads: the same, expected output.
    @Test(arguments: blockSizes)
    func blockSizesGiveIdenticalOutput(_ blockSize: Int) throws {
        let log = MixedLog(seed: 11)
        let directory = try TemporaryDirectory(prefix: "loupe-blocks")
        directory.write("app.log", log.bytes)
        let fromFile = try LoupeProcess.run(["--block-size", "\(blockSize)", "-n", "keep == true", "app.log"], in: directory.path)
        expectBytes(fromFile.stdout, log.expectedStdout)
        #expect(fromFile.stderrText == log.expectedStderr.replacingOccurrences(of: "INPUT", with: "app.log"))
        #expect(fromFile.status == 0)
        let fromStdin = try LoupeProcess.run(
            ["--block-size", "\(blockSize)", "-n", "keep == true"], in: directory.path, stdin: .file(directory.path + "/app.log"))
        expectBytes(fromStdin.stdout, log.expectedStdout)
        #expect(fromStdin.stderrText == log.expectedStderr.replacingOccurrences(of: "INPUT", with: "(standard input)"))
        for threads in ["1", "4"] where [1, 100, 65536].contains(blockSize) {
            let run = try LoupeProcess.run(
                ["--threads", threads, "--block-size", "\(blockSize)", "-n", "keep == true", "app.log"], in: directory.path)
            expectBytes(run.stdout, log.expectedStdout, "--threads \(threads)")
            expectBytes(run.stderr, fromFile.stderr, "--threads \(threads)")
        }
        // Inverting (no prefilter), from a file and from stdin.
        let inverted = try LoupeProcess.run(["--block-size", "\(blockSize)", "-v", "-n", "keep == true", "app.log"], in: directory.path)
        expectBytes(inverted.stdout, log.expectedInverted)
        let invertedStdin = try LoupeProcess.run(
            ["--block-size", "\(blockSize)", "-v", "-n", "keep == true"], in: directory.path, stdin: .file(directory.path + "/app.log"))
        expectBytes(invertedStdin.stdout, log.expectedInverted)
        // -m stops after the first N matches in input order, whatever the chunks.
        let firstSeven = try LoupeProcess.run(
            ["--block-size", "\(blockSize)", "-m", "7", "-n", "keep == true", "app.log"], in: directory.path)
        expectBytes(
            firstSeven.stdout,
            Array(log.expectedStdout.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(7).joined(separator: [0x0A])) + [0x0A])
        // Counting, -q and colors agree with the default block size.
        for flags in [["-c"], ["-c", "-v"], ["-c", "-m", "100"], ["-q"], ["--color", "always", "-n"]]
        where [1, 15, 65536, 65537].contains(blockSize) {
            let run = try LoupeProcess.run(["--block-size", "\(blockSize)"] + flags + ["keep == true", "app.log"], in: directory.path)
            let reference = try LoupeProcess.run(flags + ["keep == true", "app.log"], in: directory.path)
            #expect(run == reference, "\(flags)")
        }
    }

    /// A 100 MB line is neither truncated nor dropped, from a file or a pipe; a 100 MB bad
    /// line is skipped without harming its neighbours.
    @Test func hundredMegabyteLine() throws {
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: 100_000_000)
        let first = Array(#"{"level":"info","n":1}"#.utf8) + [0x0A]
        let hugeStart = Array(#"{"level":"error","big":""#.utf8)
        let hugeEnd = Array(#""}"#.utf8) + [0x0A]
        let last = Array(#"{"level":"error","n":2}"#.utf8) + [0x0A]
        let directory = try TemporaryDirectory(prefix: "loupe-huge")
        try directory.write("app.log", parts: [first, hugeStart, big, hugeEnd, last])
        let fromFile = try LoupeProcess.run(["level == \"error\"", "app.log"], in: directory.path)
        #expect(fromFile.stdout.count == hugeStart.count + big.count + hugeEnd.count + last.count)
        #expect(fromFile.stdout.isConcatenation(of: [hugeStart, big, hugeEnd, last]))
        #expect(fromFile.stderrText == "")
        #expect(fromFile.status == 0)
        let fromStdin = try LoupeProcess.run(["-n", "level == \"error\""], in: directory.path, stdin: .file(directory.path + "/app.log"))
        #expect(fromStdin.stdout.isConcatenation(of: [Array("2:".utf8), hugeStart, big, hugeEnd, Array("3:".utf8), last]))
        #expect(fromStdin.status == 0)
        try directory.write("broken.log", parts: [first, hugeStart, big, [0x0A], last])
        let broken = try LoupeProcess.run(["*", "broken.log"], in: directory.path)
        expectBytes(broken.stdout, first + last)
        #expect(broken.stderrText == "loupe: skipped 1 line with malformed JSON in broken.log (first at line 2: unexpected end of input)\n")
    }

    /// 200,000 levels of nesting are just a long record: accepted, extracted, or reported.
    @Test func deepNesting() throws {
        let depth = 200_000
        let deepArray = [UInt8](repeating: UInt8(ascii: "["), count: depth) + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
        let unclosed = [UInt8](repeating: UInt8(ascii: "["), count: depth)
        let deepObject =
            Array(String(repeating: #"{"a":"#, count: depth).utf8) + Array("1".utf8) + [UInt8](repeating: UInt8(ascii: "}"), count: depth)
        let directory = try TemporaryDirectory(prefix: "loupe-deep")
        let lines = [deepArray, Array(#"{"a":1}"#.utf8), unclosed, Array(#"{"a":2}"#.utf8), deepObject]
        directory.write("deep.log", lines.flatMap { $0 + [0x0A] })
        let all = try LoupeProcess.run(["*", "deep.log"], in: directory.path)
        expectBytes(all.stdout, [deepArray, Array(#"{"a":1}"#.utf8), Array(#"{"a":2}"#.utf8), deepObject].flatMap { $0 + [0x0A] })
        #expect(all.stderrText == "loupe: skipped 1 line with malformed JSON in deep.log (first at line 3: unexpected end of input)\n")
        #expect(all.status == 0)
        let path = try LoupeProcess.run(["-n", "exists(a.a.a) or a == 1", "deep.log"], in: directory.path)
        expectBytes(path.stdout, Array("2:{\"a\":1}\n5:".utf8) + deepObject + [0x0A])
        let strict = try LoupeProcess.run(["--strict", "-c", "*", "deep.log"], in: directory.path)
        #expect(strict.stderrText == "loupe: deep.log:3: unexpected end of input (--strict stops at the first bad record)\n")
        #expect(strict.status == 2)
    }

    /// NUL bytes anywhere: the line is binary data, counted; valid lines around it are intact.
    @Test func nulBytes() throws {
        let lines: [([UInt8], Bool)] = [
            (Array(#"{"a":1}"#.utf8), true),
            ([0x00], false),
            (Array(#"{"a":""#.utf8) + [0x00] + Array(#""}"#.utf8), false),
            (Array(#"{"a":2}"#.utf8) + [0x00], false),
            ([0x00, 0x00, 0x0D], false),
            (Array(#"{"a":"\u0000"}"#.utf8), true),
            ([UInt8](repeating: 0, count: 10_000), false),
            (Array(#"{"a":3}"#.utf8), true),
        ]
        let directory = try TemporaryDirectory(prefix: "loupe-nul")
        directory.write("nul.log", lines.flatMap { $0.0 + [0x0A] })
        let run = try LoupeProcess.run(["*", "nul.log"], in: directory.path)
        expectBytes(run.stdout, lines.filter(\.1).flatMap { $0.0 + [0x0A] })
        #expect(run.stderrText == "loupe: skipped 5 lines with binary data in nul.log (first at line 2: NUL byte at byte 1)\n")
        #expect(run.status == 0)
    }

    /// Random binary data with valid records between: every valid record prints unchanged,
    /// every non-blank binary line is counted under the reason its first byte gives.
    @Test(arguments: [UInt64(1), 2, 3])
    func binaryFile(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        // Bytes that can never form a JSON text: NUL, non-ASCII, whitespace, newlines.
        let alphabet: [UInt8] = [0x00, 0x00, 0x20, 0x0D, 0x09] + (0x80...0xFF).map { UInt8($0) }
        var bytes: [UInt8] = []
        var expected: [UInt8] = []
        var line = 0
        var malformed: (count: Int, line: Int, message: String) = (0, 0, "")
        var binary: (count: Int, line: Int, message: String) = (0, 0, "")
        while bytes.count < 1_000_000 {
            line += 1
            if rng.next() % 10 == 0 {
                let record = Array(#"{"valid":\#(line),"s":"é\u0000"}"#.utf8)
                bytes += record + [0x0A]
                expected += record + [0x0A]
                continue
            }
            let length = Int(rng.next() % 300)
            let garbage = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            bytes += garbage + [0x0A]
            guard let at = garbage.firstIndex(where: { ![0x20, 0x0D, 0x09].contains($0) }) else { continue }
            if garbage[at] == 0x00 {
                if binary.count == 0 { binary = (0, line, "NUL byte at byte \(at + 1)") }
                binary.count += 1
            } else {
                if malformed.count == 0 {
                    malformed = (0, line, "unexpected byte 0x\(String(garbage[at], radix: 16, uppercase: true)) at byte \(at + 1)")
                }
                malformed.count += 1
            }
        }
        let directory = try TemporaryDirectory(prefix: "loupe-binary")
        directory.write("data.bin", bytes)
        let run = try LoupeProcess.run(["*", "data.bin"], in: directory.path)
        expectBytes(run.stdout, expected)
        let reports = [(malformed, "malformed JSON"), (binary, "binary data")].sorted { $0.0.line < $1.0.line }.map { entry, reason in
            "loupe: skipped \(entry.count) lines with \(reason) in data.bin (first at line \(entry.line): \(entry.message))\n"
        }
        #expect(run.stderrText == reports.joined())
        #expect(run.status == 0)
        #expect(!run.signaled)
        let strict = try LoupeProcess.run(["--strict", "-q", "*", "data.bin"], in: directory.path)
        #expect(!strict.signaled)
    }

    /// `loupe ... | head`: the reader goes away early; loupe ends quietly with exit 0.
    @Test(arguments: [["*", "big.log"], ["-n", "i >= 0", "big.log"], ["--threads", "1", "*", "big.log"], ["-H", "*"]])
    func closedPipe(_ arguments: [String]) throws {
        let directory = try TemporaryDirectory(prefix: "loupe-pipe")
        let log = Array((0..<300_000).map { #"{"i":\#($0),"msg":"hello world"}"# + "\n" }.joined().utf8)
        directory.write("big.log", log)
        let stdin: LoupeProcess.Input = arguments.contains("big.log") ? .empty : .file(directory.path + "/big.log")
        let (first, outcome) = try LoupeProcess.runClosingPipe(arguments, in: directory.path, stdin: stdin, readBytes: 10)
        #expect(first.count == 10)
        #expect(outcome.stderrText == "")
        #expect(outcome.status == 0)
        #expect(!outcome.signaled)
    }
}

extension Array where Element == UInt8 {
    /// Whether the array equals the parts joined, without building the joined array.
    func isConcatenation(of parts: [[UInt8]]) -> Bool {
        guard count == parts.reduce(0, { $0 + $1.count }) else { return false }
        // memcmp: a byte-by-byte loop over 100 MB is slow in a debug build.
        return withUnsafeBufferPointer { whole in
            var offset = 0
            for part in parts {
                let same = part.withUnsafeBufferPointer { p in
                    p.isEmpty || memcmp(whole.baseAddress! + offset, p.baseAddress!, p.count) == 0
                }
                guard same else { return false }
                offset += part.count
            }
            return true
        }
    }
}
