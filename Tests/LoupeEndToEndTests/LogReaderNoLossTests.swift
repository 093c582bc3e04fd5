import Foundation
import LoupeTestSupport
import Testing

/// The no-loss property of the log reader, end to end: random valid records with random
/// damage between them, read from a file (one thread and all, at awkward block sizes), from
/// standard input and from a gzip copy. Every valid record is printed, counted and grouped
/// exactly once, and the skip counts equal the damage. The expectation is computed here from
/// what was generated.
@Suite("Log reader no-loss", .enabled(if: LoupeProcess.binaryExists, "the loupe binary was not found next to the test bundle"))
struct LogReaderNoLossTests {
    struct Input {
        var bytes: [UInt8] = []
        /// `-n '*'` output: every valid record with its line number.
        var numbered: [UInt8] = []
        var valid = 0
        /// `count by k` in order of first appearance ("null" for a record without `k`).
        var groups: [(key: String, count: Int)] = []
        var skipped: [String: Int] = [:]
    }

    static func make(seed: UInt64) -> Input {
        var rng = SplitMix64(seed: seed)
        var input = Input()
        var line = 0
        let texts = ["plain", "caf\u{e9} \u{1F600}", "quote \\\" back \\\\ slash", "esc \\u0041\\n\\t", ""]
        func add(_ record: [UInt8], eol: [UInt8], valid key: String??) {
            line += 1
            input.bytes += record + eol
            guard let key else { return }
            input.valid += 1
            input.numbered += Array("\(line):".utf8) + record + (eol == [0x0D, 0x0A] ? [0x0D] : []) + [0x0A]
            let name = key ?? "null"
            if let i = input.groups.firstIndex(where: { $0.key == name }) {
                input.groups[i].count += 1
            } else {
                input.groups.append((name, 1))
            }
        }
        for i in 0..<Int.random(in: 200...1500, using: &rng) {
            let key: String? = Int.random(in: 0..<6, using: &rng) == 0 ? nil : ["a", "b", "c"].randomElement(using: &rng)!
            var members = [
                #""i":\#(i)"#, #""s":"\#(texts.randomElement(using: &rng)!)""#,
                #""n":{"x":[1,-2.5e3,{"y":null}],"t":true}"#,
                #""pad":"\#(String(repeating: "p", count: Int.random(in: 0...300, using: &rng)))""#,
            ]
            if let key { members.append(#""k":"\#(key)""#) }
            members.shuffle(using: &rng)
            let space = [" ", "", "\t"].randomElement(using: &rng)!
            let record = Array(("{" + space + members.joined(separator: "," + space) + space + "}").utf8)
            let eol: [UInt8] = Int.random(in: 0..<5, using: &rng) == 0 ? [0x0D, 0x0A] : [0x0A]
            switch Int.random(in: 0..<20, using: &rng) {
            case 0:
                let cut = Array(record[..<Int.random(in: 1..<record.count, using: &rng)])
                add(cut, eol: eol, valid: nil)
                input.skipped[String(validating: cut, as: UTF8.self) == nil ? "invalid UTF-8" : "malformed JSON", default: 0] += 1
            case 1:
                add(Array("level=error msg=\"not json\" i=\(i)".utf8), eol: eol, valid: nil)
                input.skipped["malformed JSON", default: 0] += 1
            case 2:
                add(Array(#"{"k":"a","s":"x"#.utf8) + [0x00] + Array(#""}"#.utf8), eol: eol, valid: nil)
                input.skipped["binary data", default: 0] += 1
            case 3:
                add(Array(#"{"k":"a","s":"x"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8), eol: eol, valid: nil)
                input.skipped["invalid UTF-8", default: 0] += 1
            case 4:
                add(Array([" ", "", "\t \t"].randomElement(using: &rng)!.utf8), eol: eol, valid: nil)
            default:
                add(record, eol: eol, valid: .some(key))
            }
        }
        return input
    }

    /// `loupe: skipped N lines with REASON in NAME (...)` lines, as counts by reason.
    static func skips(_ stderr: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in stderr.split(separator: "\n") where line.hasPrefix("loupe: skipped ") {
            let words = line.dropFirst("loupe: skipped ".count)
            guard let n = Int(words.prefix { $0 != " " }), let with = words.range(of: " with "), let inside = words.range(of: " in ")
            else { continue }
            counts[String(words[with.upperBound..<inside.lowerBound]), default: 0] += n
        }
        return counts
    }

    @Test(arguments: 0..<6 as Range<UInt64>)
    func everyValidRecordOnceAndEveryDamageCounted(_ seed: UInt64) throws {
        let input = Self.make(seed: seed)
        let directory = try TemporaryDirectory(prefix: "loupe-noloss")
        directory.write("app.log", input.bytes)
        directory.write("app.log.gz", try CompressedInputTests.gzip(input.bytes, in: URL(fileURLWithPath: directory.path)))
        let block = ["1", "3", "15", "100", "65535", "65537"][Int(seed) % 6]
        let variants: [(String, [String], LoupeProcess.Input?)] = [
            ("one thread", ["--threads", "1", "app.log"], nil),
            ("block \(block)", ["--block-size", block, "app.log"], nil),
            ("stdin", ["--block-size", block], .file(directory.path + "/app.log")),
            ("gzip", ["app.log.gz"], nil),
        ]
        let expectedGroups = input.groups.map { #"{"k":\#($0.key == "null" ? "null" : "\"\($0.key)\""),"count":\#($0.count)}"# }
        for (what, arguments, stdin) in variants {
            let lines = try LoupeProcess.run(["-n", "*"] + arguments, in: directory.path, stdin: stdin ?? .empty)
            expectBytes(lines.stdout, input.numbered, "\(what), seed \(seed)")
            #expect(Self.skips(lines.stderrText) == input.skipped, "\(what), seed \(seed): \(lines.stderrText)")
            let count = try LoupeProcess.run(["-c", "*"] + arguments, in: directory.path, stdin: stdin ?? .empty)
            #expect(count.stdoutText == "\(input.valid)\n", "\(what), seed \(seed)")
            let groups = try LoupeProcess.run(["-o", "jsonl", "* | count by k"] + arguments, in: directory.path, stdin: stdin ?? .empty)
            #expect(groups.stdoutText.split(separator: "\n").map(String.init) == expectedGroups, "\(what), seed \(seed)")
            #expect(Self.skips(groups.stderrText) == input.skipped, "\(what), seed \(seed)")
        }
    }

    /// Following a pipe reads what a plain read does: every valid record once, with its line
    /// number, and every damaged one counted, at read sizes small enough that a binary line
    /// outgrows a read (the follow reader keeps it to its NUL and drops the rest as it comes).
    @Test(arguments: 0..<4 as Range<UInt64>)
    func followingAPipeReadsTheSame(_ seed: UInt64) throws {
        let input = Self.make(seed: 100 + seed)
        let directory = try TemporaryDirectory(prefix: "loupe-noloss-follow")
        directory.write("app.log", input.bytes)
        let size = ["3", "15", "100", "65536"][Int(seed)]
        let run = try FollowTests.shell("cat '\(directory.path)/app.log' | \"$LOUPE\" -f -n --block-size \(size) '*'")
        #expect(run.status == 0, "\(run.stderr)")
        expectBytes(Array(run.stdout.utf8), input.numbered, "follow, read size \(size)")
        #expect(Self.skips(run.stderr) == input.skipped, "follow, read size \(size): \(run.stderr)")
    }
}
