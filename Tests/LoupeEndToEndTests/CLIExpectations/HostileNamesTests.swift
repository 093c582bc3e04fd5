import Foundation
import Testing

/// Names from the data (services, operations, keys) in everything loupe formats itself: text
/// and Markdown reports, tables, CSV, annotations, messages. None may carry a control character
/// to the reader's terminal or CI log, on a pipe or not; on a terminal JSON may not either
/// (GUIDE, "Colors and terminals"). The outside probe found raw ESC in `gate --github`, in CSV
/// headers, and raw U+009B in `trace -o json` on a terminal.
@Suite("Hostile names in reports")
struct HostileNamesTests {
    /// One of each kind: C0 (ESC, BEL, NUL, CR LF), DEL, and C1 (CSI, NEL).
    static let names = [
        "esc\u{1B}[2Jx", "bel\u{07}x", "nul\u{00}x", "crlf\r\nx", "del\u{7F}x", "csi\u{9B}31mx", "nel\u{85}x",
        #"<img src="https://evil.example/x.png">"#, "[click](https://evil.example/)", "tick`x", "*bold*",
    ]

    /// An OTLP export: one trace per name, the name as service and operation, a failing child
    /// under a slow root, and `slower` stretching every span.
    static func traces(slower: Int64) throws -> Data {
        var resourceSpans: [[String: Any]] = []
        for (i, name) in names.enumerated() {
            let trace = String(format: "%032x", i + 1)
            let start: Int64 = 1_700_000_000_000_000_000 + Int64(i) * 1_000_000_000
            let span: (String, String?, Int64, Int64, Bool) -> [String: Any] = { id, parent, from, to, failed in
                var s: [String: Any] = [
                    "traceId": trace, "spanId": id, "name": name, "startTimeUnixNano": String(start + from),
                    "endTimeUnixNano": String(start + to * slower),
                ]
                if let parent { s["parentSpanId"] = parent }
                if failed { s["status"] = ["code": 2, "message": name] }
                return s
            }
            let spans = [
                span(String(format: "%016x", 1), nil, 0, 50_000_000, false),
                span(String(format: "%016x", 2), String(format: "%016x", 1), 1_000_000, 10_000_000, true),
                span(String(format: "%016x", 3), String(format: "%016x", 1), 11_000_000, 20_000_000, false),
            ]
            resourceSpans.append([
                "resource": ["attributes": [["key": "service.name", "value": ["stringValue": name]]]],
                "scopeSpans": [["spans": spans]],
            ])
        }
        return try JSONSerialization.data(withJSONObject: ["resourceSpans": resourceSpans])
    }

    /// JSON lines whose service (and one key) is each name; `shift` slows the current run.
    static func logs(shift: Int) throws -> Data {
        var out = Data()
        for name in names {
            for i in 0..<30 {
                let record: [String: Any] = ["service": name, "duration_ms": 10 + shift + i % 7, name: i]
                out += try JSONSerialization.data(withJSONObject: record) + Data([0x0A])
            }
        }
        return out
    }

    /// A directory with base and current traces and logs.
    static func inputs() throws -> URL {
        let directory = CLIHarness.temporaryDirectory()
        try traces(slower: 1).write(to: directory.appendingPathComponent("base.json"))
        try traces(slower: 3).write(to: directory.appendingPathComponent("cur.json"))
        try logs(shift: 0).write(to: directory.appendingPathComponent("base.log"))
        try logs(shift: 40).write(to: directory.appendingPathComponent("cur.log"))
        return directory
    }

    /// Formats loupe writes for people or CI logs: no control character but newline and tab,
    /// on a pipe too.
    static let textCommands: [[String]] = [
        ["trace", "cur.json"], ["trace", "-o", "markdown", "cur.json"], ["trace", "--waterfall", "cur.json"],
        ["hotspots", "cur.json"], ["hotspots", "-o", "markdown", "cur.json"],
        ["diff", "base.json", "cur.json"], ["diff", "-o", "markdown", "base.json", "cur.json"],
        ["gate", "--baseline", "base.json", "cur.json"], ["gate", "--baseline", "base.json", "cur.json", "--github"],
        ["gate", "--baseline", "base.log", "cur.log", "--value", "duration_ms", "--by", "service", "--github"],
        ["gate", "--baseline", "base.log", "cur.log", "--value", "duration_ms", "--by", "service", "--report", "gate.md"],
        ["* | count by service", "cur.log"], ["-o", "markdown", "* | count by service", "cur.log"],
        ["-o", "csv", "* | count by service", "cur.log"], ["-o", "tsv", "* | count by service", "cur.log"],
        ["-o", "csv", "*", "cur.log"], ["-o", "table", "*", "cur.log"], ["fields", "cur.log"],
    ]

    /// Control bytes other than newline and tab: C0, DEL, and C1 as UTF-8 (C2 80...C2 9F).
    static func controls(_ bytes: [UInt8]) -> [String] {
        var found: [String] = []
        for (i, b) in bytes.enumerated() {
            if (b < 0x20 && b != 0x0A && b != 0x09) || b == 0x7F {
                found.append(String(format: "0x%02X at %d", b, i))
            } else if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) {
                found.append(String(format: "U+%04X at %d", bytes[i + 1], i))
            }
        }
        return found
    }

    @Test(arguments: textCommands)
    func textOutputsCarryNoControlCharacter(_ arguments: [String]) throws {
        let directory = try Self.inputs()
        let files: Set = ["base.json", "cur.json", "base.log", "cur.log", "gate.md"]
        let run = try CLIHarness.run(arguments.map { files.contains($0) ? directory.appendingPathComponent($0).path : $0 })
        #expect(run.status <= 1, "\(arguments): \(run.stderr)")
        #expect(!run.stdout.isEmpty || arguments.contains("--report"), "\(arguments)")
        #expect(Self.controls(run.stdout).isEmpty, "\(arguments) stdout: \(Self.controls(run.stdout).prefix(5)) in \(run.stdoutText)")
        #expect(Self.controls(Array(run.stderr.utf8)).isEmpty, "\(arguments) stderr: \(run.stderr)")
        if arguments.contains("--report") {
            let report = try [UInt8](Data(contentsOf: directory.appendingPathComponent("gate.md")))
            #expect(!report.isEmpty && Self.controls(report).isEmpty, "gate.md: \(Self.controls(report).prefix(5))")
        }
    }

    /// Markdown shows names as written: no image, link, emphasis or HTML made of them, and a
    /// backtick kept (it was changed to `'`).
    @Test(arguments: [
        ["trace", "-o", "markdown", "cur.json"], ["hotspots", "-o", "markdown", "cur.json"],
        ["diff", "-o", "markdown", "base.json", "cur.json"], ["-o", "markdown", "* | count by service", "cur.log"],
        ["gate", "--baseline", "base.log", "cur.log", "--value", "duration_ms", "--by", "service", "--report", "gate.md"],
    ])
    func markdownShowsNamesAsWritten(_ arguments: [String]) throws {
        let directory = try Self.inputs()
        let files: Set = ["base.json", "cur.json", "base.log", "cur.log", "gate.md"]
        let run = try CLIHarness.run(arguments.map { files.contains($0) ? directory.appendingPathComponent($0).path : $0 })
        #expect(run.status <= 1, "\(run.stderr)")
        let text =
            arguments.contains("--report")
            ? try String(contentsOf: directory.appendingPathComponent("gate.md"), encoding: .utf8) : run.stdoutText
        for markup in ["<img", "[click]", "*bold*"] {
            let unescaped = text.components(separatedBy: markup).dropLast().contains { !$0.hasSuffix("\\") && !$0.hasSuffix("`") }
            #expect(!unescaped, "\(arguments): \(markup) left as markup in\n\(text)")
        }
        #expect(!text.contains("tick'x"), "\(arguments): a backtick changed")
    }

    /// A huge name is cut with `…` in every section of the text report, which keeps its width
    /// (a 100 KB name made 6,651 wrapped lines: outside probe).
    @Test func hugeNamesAreCut() throws {
        let huge = String(repeating: "n", count: 100_000)
        let start: Int64 = 1_700_000_000_000_000_000
        let span: (Int, Int?, Int64, Int64, Bool) -> [String: Any] = { id, parent, from, to, failed in
            var s: [String: Any] = [
                "traceId": String(repeating: "0", count: 31) + "1", "spanId": String(format: "%016x", id), "name": huge,
                "startTimeUnixNano": String(start + from), "endTimeUnixNano": String(start + to),
            ]
            if let parent { s["parentSpanId"] = String(format: "%016x", parent) }
            if failed { s["status"] = ["code": 2, "message": huge] }
            return s
        }
        let spans = [
            span(1, nil, 0, 100_000_000, false), span(2, 1, 1_000_000, 10_000_000, true), span(3, 1, 11_000_000, 20_000_000, false),
            span(4, 1, 21_000_000, 30_000_000, false),
        ]
        let export: [String: Any] = [
            "resourceSpans": [
                ["resource": ["attributes": [["key": "service.name", "value": ["stringValue": huge]]]], "scopeSpans": [["spans": spans]]]
            ]
        ]
        let directory = CLIHarness.temporaryDirectory()
        let file = directory.appendingPathComponent("huge.json")
        try JSONSerialization.data(withJSONObject: export).write(to: file)
        let run = try CLIHarness.run(["trace", "--width", "100", file.path])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdoutText.split(separator: "\n")
        #expect(lines.count < 40, "\(lines.count) lines")
        #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.map(\.count).max() ?? 0) columns")
    }

    /// JSON keeps a string's controls on a pipe (as escapes for C0, raw for DEL and C1, both
    /// valid); on a terminal every one is an escape.
    @Test(arguments: [
        "trace -o json cur.json", "hotspots -o json cur.json", "diff -o json base.json cur.json",
        "gate --baseline base.json cur.json -o json", "-o json '* | count by service' cur.log", "-o jsonl '*' cur.log",
    ])
    func jsonOnATerminalCarriesNoControlCharacter(_ command: String) throws {
        let directory = try Self.inputs()
        let raw = try CLIHarness.runInTerminal("$LOUPE " + command + "; true", in: directory)
        // The terminal turns each \n into \r\n; undo that to see loupe's own bytes.
        var out: [UInt8] = []
        for (i, byte) in raw.enumerated() where !(byte == 0x0D && i + 1 < raw.count && raw[i + 1] == 0x0A) { out.append(byte) }
        #expect(out.count > 100, "\(command): \(String(decoding: out, as: UTF8.self))")
        #expect(Self.controls(out).isEmpty, "\(command): \(Self.controls(out).prefix(5))")
        #expect(String(decoding: out, as: UTF8.self).contains(#"\u009b"#), "\(command) shows CSI escaped")
    }

    /// A file name is data too: the messages that name it (a skipped line, a file that cannot
    /// be read) show its controls escaped.
    @Test func fileNamesInMessages() throws {
        let directory = CLIHarness.temporaryDirectory()
        let name = directory.appendingPathComponent("esc\u{1B}]0;title\u{07}\u{9B}2J.log")
        try CLIHarness.write(Array("{\"a\":1}\nnot json\n".utf8), to: name)
        let skipped = try CLIHarness.run(["-c", "*", name.path])
        #expect(skipped.status == 0)
        #expect(skipped.stderr.contains("skipped 1 line"), "\(skipped.stderr)")
        #expect(Self.controls(Array(skipped.stderr.utf8)).isEmpty, "\(skipped.stderr.debugDescription)")
        #expect(skipped.stderr.contains(#"esc\u001b]0;title\u0007\u009b2J.log"#), "\(skipped.stderr.debugDescription)")
        let missing = try CLIHarness.run(["-c", "*", name.path + "\u{1B}[2J"])
        #expect(missing.status == 2)
        #expect(Self.controls(Array(missing.stderr.utf8)).isEmpty, "\(missing.stderr.debugDescription)")
    }
}
