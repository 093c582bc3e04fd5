import Foundation
import Testing

/// A log line must not be able to act on the user's terminal: control characters and escape
/// sequences in values are shown escaped there, whatever the output format; piped output
/// stays byte for byte.
@Suite("Terminal safety")
struct TerminalSafetyTests {
    /// Hostile but valid JSON lines: escapes that decode to ESC, BEL and C1 controls, a raw CR
    /// between tokens, a raw UTF-8 U+009B (valid JSON), a key with ESC; and one invalid line
    /// with a raw ESC, which is skipped.
    static let fixture: [UInt8] =
        Array(#"{"level":"error","msg":"\u001b[2J\u001b[H screen cleared"}"#.utf8) + [0x0A]
        + Array(#"{"level":"error","msg":"title \u001b]0;owned\u0007 bell \u009b31m"}"#.utf8) + [0x0A]
        + Array(#"{"level":"error","#.utf8) + [0x0D] + Array(#""msg":"CR between tokens"}"#.utf8) + [0x0D, 0x0A]
        + Array(#"{"level":"error","msg":"raw C1 "#.utf8) + [0xC2, 0x9B] + Array(#"2J here"}"#.utf8) + [0x0A]
        + Array(#"{"level":"error","\u001b[31mkey":"v","msg":"key"}"#.utf8) + [0x0A]
        + Array(#"{"level":"info","msg":"raw ESC "#.utf8) + [0x1B] + Array(#"[31m is invalid JSON"}"#.utf8) + [0x0A]

    /// The lines a filter on `level == "error"` prints: the first five, as they are.
    static var errorLines: [UInt8] {
        var lines = fixture.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        lines = Array(lines.prefix(5))
        return lines.flatMap { $0 + [0x0A] }
    }

    static let commands: [String] = [
        #"$LOUPE --color never 'level == "error"' esc.log"#,
        #"$LOUPE --color never -n -H 'level == "error"' esc.log"#,
        #"$LOUPE --color never 'level == "error"' < esc.log"#,
        "$LOUPE --color never '* | count by msg' esc.log",
        "$LOUPE --color never '* | fields msg, level' esc.log",
        "$LOUPE --color never -o csv '* | count by msg' esc.log",
        "$LOUPE --color never -o tsv '* | count by msg' esc.log",
        "$LOUPE --color never -o json '* | count by msg' esc.log",
        "$LOUPE --color never -o jsonl '* | distinct msg' esc.log",
        "$LOUPE --color never -o markdown '* | count by msg' esc.log",
        "$LOUPE fields --color never esc.log",
    ]

    private func terminalOutput(_ command: String) throws -> [UInt8] {
        let directory = CLIHarness.temporaryDirectory()
        try CLIHarness.write(Self.fixture, to: directory.appendingPathComponent("esc.log"))
        // The terminal turns each \n into \r\n; undo that to see loupe's own bytes.
        let raw = try CLIHarness.runInTerminal(command + "; true", in: directory)
        var out: [UInt8] = []
        for (i, byte) in raw.enumerated() where !(byte == 0x0D && i + 1 < raw.count && raw[i + 1] == 0x0A) {
            out.append(byte)
        }
        return out
    }

    @Test(arguments: commands)
    func noControlCharacterReachesTheTerminal(_ command: String) throws {
        let out = try terminalOutput(command)
        let text = String(decoding: out, as: UTF8.self)
        #expect(!out.isEmpty)
        #expect(!out.contains(0x1B), "ESC reached the terminal: \(text.debugDescription)")
        #expect(!out.contains(0x07), "BEL reached the terminal")
        #expect(!out.contains(0x0D), "a bare CR reached the terminal")
        let c1 = zip(out, out.dropFirst()).contains { $0 == 0xC2 && (0x80...0x9F).contains($1) }
        #expect(!c1, "a C1 control reached the terminal: \(text.debugDescription)")
        #expect(text.contains(#"\u001b"#) || text.contains(#"\r"#) || text.contains(#"\u009b"#), "the controls are shown escaped")
    }

    /// With colors, the only escapes are loupe's own SGR sequences (ESC [ digits ; m).
    @Test(arguments: [#"$LOUPE --color always 'level == "error"' esc.log"#, "$LOUPE '* | count by level, msg' esc.log"])
    func onlyLoupesOwnColorSequencesReachTheTerminal(_ command: String) throws {
        let out = try terminalOutput(command)
        var i = 0
        var sequences = 0
        while i < out.count {
            if out[i] == 0x1B {
                var j = i + 1
                let valid = j < out.count && out[j] == UInt8(ascii: "[")
                j += 1
                while j < out.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(out[j]) || out[j] == UInt8(ascii: ";") { j += 1 }
                #expect(valid && j < out.count && out[j] == UInt8(ascii: "m"), "a non-SGR escape at byte \(i)")
                sequences += 1
                i = j
            }
            i += 1
        }
        #expect(sequences > 0, "colors are on")
    }

    @Test func pipedOutputIsByteForByte() throws {
        let directory = CLIHarness.temporaryDirectory()
        let file = directory.appendingPathComponent("esc.log")
        try CLIHarness.write(Self.fixture, to: file)
        let run = try CLIHarness.run([#"level == "error""#, file.path])
        #expect(run.status == 0)
        #expect(run.stdout == Self.errorLines)
        // --color always in a pipe still never alters the line bytes outside its own styles.
        let colored = try CLIHarness.run(["--color", "always", #"level == "error""#, file.path])
        #expect(colored.stdout.count > Self.errorLines.count)
        // The invalid line is reported without its raw bytes.
        let all = try CLIHarness.run(["*", file.path])
        #expect(all.stderr.contains("skipped 1 line with malformed JSON"))
        #expect(!all.stderr.utf8.contains(0x1B))
    }
}
