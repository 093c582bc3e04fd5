import Foundation
import LoupeTestSupport
import Testing

/// The same random records written in every input shape loupe reads (JSON lines, an array on
/// one line, a pretty array, pretty values one after another, an RFC 7464 sequence, prefixed
/// lines, a gzipped pretty array, a kubectl `List`, an Elasticsearch response), with one of them damaged: every shape gives the same answer
/// to the same queries (`-c`, `count by`, a filter's matched records, `loupe fields`), the
/// damaged record is skipped and counted once, and the others are all read. Detection is
/// tested too: no shape is named on the command line.
@Suite("Input shapes (differential)", .enabled(if: LoupeProcess.binaryExists, "the loupe binary was not found next to the test bundle"))
struct InputShapesDifferentialTests {
    /// How the one damaged record is broken.
    enum Damage: CaseIterable {
        /// Two commas in a row: the value's brackets still match.
        case doubledComma
        /// The closing brace is missing: the framing must find the next record by itself.
        case missingBrace
    }

    struct Records {
        /// Each record's members, in order (a member is `"key":value`).
        var members: [[String]] = []
        var damaged = 0
    }

    static func make(seed: UInt64) -> Records {
        var rng = SplitMix64(seed: seed)
        let texts = ["plain", "caf\u{e9} \u{1F600}", "quote \\\" back \\\\ slash", "brackets ]}{[ inside", "esc \\u0041\\n\\t", ""]
        var records = Records()
        for i in 0..<Int.random(in: 20...120, using: &rng) {
            var members = [#""i":\#(i)"#, #""s":"\#(texts.randomElement(using: &rng)!)""#, #""n":{"x":[1,-2.5e3,{"y":null}],"t":true}"#]
            if Int.random(in: 0..<5, using: &rng) != 0 { members.append(#""k":"\#(["a", "b", "c"].randomElement(using: &rng)!)""#) }
            members.shuffle(using: &rng)
            records.members.append(members)
        }
        records.damaged = Int.random(in: 0..<records.members.count, using: &rng)
        return records
    }

    /// The record `index` on one line, or pretty-printed with `indent` spaces before its lines
    /// after the first; the damaged one broken by `damage`.
    static func text(_ records: Records, _ index: Int, pretty: Bool, indent: Int = 0, damage: Damage) -> String {
        var members = records.members[index]
        let isDamaged = index == records.damaged
        if isDamaged && damage == .doubledComma { members[0] += "," }
        let pad = String(repeating: " ", count: indent)
        let close = isDamaged && damage == .missingBrace ? "" : "}"
        if !pretty { return "{" + members.joined(separator: ",") + close }
        return "{\n" + members.map { pad + "  " + $0 }.joined(separator: ",\n") + "\n" + (close.isEmpty ? "" : pad + close)
    }

    /// Every shape of the records, by file name.
    static func shapes(_ records: Records, damage: Damage) -> [(name: String, bytes: [UInt8])] {
        let indices = records.members.indices
        func lines(_ prefix: (Int) -> String) -> String {
            indices.map { prefix($0) + text(records, $0, pretty: false, damage: damage) + "\n" }.joined()
        }
        var shapes: [(String, String)] = [
            ("lines.jsonl", lines { _ in "" }),
            (
                "pretty-array.json",
                "[\n" + indices.map { "  " + text(records, $0, pretty: true, indent: 2, damage: damage) }.joined(separator: ",\n") + "\n]\n"
            ),
            ("pretty-values.json", indices.map { text(records, $0, pretty: true, damage: damage) + "\n" }.joined()),
            ("sequence.json", lines { _ in "\u{1E}" }),
            ("prefixed.log", lines { "svc-\($0 % 3)  | " }),
            (
                "kubectl-list.json",
                "{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n"
                    + indices.map { "        " + text(records, $0, pretty: true, indent: 8, damage: damage) }.joined(separator: ",\n")
                    + "\n    ],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n"
            ),
        ]
        // On one line, a missing brace takes the rest of the line with it: nothing to resume at.
        if damage == .doubledComma {
            shapes.append(
                ("array.json", "[" + indices.map { text(records, $0, pretty: false, damage: damage) }.joined(separator: ",") + "]"))
            let hits = indices.map { text(records, $0, pretty: false, damage: damage) }.joined(separator: ",")
            shapes.append(("search.json", #"{"took":3,"timed_out":false,"hits":{"total":{"value":9},"hits":["# + hits + "]}}\n"))
        }
        return shapes.map { ($0.0, Array($0.1.utf8)) }
    }

    @Test(arguments: 0..<4 as Range<UInt64>, Damage.allCases)
    func everyShapeGivesTheSameAnswers(_ seed: UInt64, _ damage: Damage) throws {
        let records = Self.make(seed: seed)
        let directory = try TemporaryDirectory(prefix: "loupe-shapes")
        var files = Self.shapes(records, damage: damage)
        let pretty = files.first { $0.name == "pretty-array.json" }!.bytes
        files.append(("pretty-array.json.gz", try CompressedInputTests.gzip(pretty, in: URL(fileURLWithPath: directory.path))))
        for file in files { directory.write(file.name, file.bytes) }
        let valid = records.members.count - 1
        let block = ["7", "100", "65537", "2097152"][Int(seed) % 4]
        let queries: [[String]] = [
            ["-c", "*"],
            ["-o", "jsonl", "* | count by k"],
            ["-o", "jsonl", "k == \"a\" or s ~ /caf/ | fields i, k"],
            ["-o", "jsonl", "* | stats count(), sum(i), distinct(s)"],
            ["fields"],
        ]
        for query in queries {
            var answers: [String: String] = [:]
            for file in files {
                // `fields` is a subcommand: it comes first.
                let arguments =
                    query == ["fields"] ? ["fields", "--block-size", block, file.name] : ["--block-size", block] + query + [file.name]
                let run = try LoupeProcess.run(arguments, in: directory.path)
                let what = "\(file.name), \(query), seed \(seed), \(damage)"
                #expect(run.status == 0, "\(what): \(run.stderrText)")
                #expect(LogReaderNoLossTests.skips(run.stderrText) == ["malformed JSON": 1], "\(what): \(run.stderrText)")
                // The prefix is a field of its own, which only prefixed lines have.
                answers[file.name] = run.stdoutText.split(separator: "\n").filter { !$0.hasPrefix("_prefix") }.joined(separator: "\n")
            }
            let expected = answers["lines.jsonl"]!
            if query == ["-c", "*"] { #expect(expected == "\(valid)") }
            for (name, answer) in answers.sorted(by: { $0.key < $1.key }) {
                #expect(answer == expected, "\(name) differs from JSON lines for \(query), seed \(seed), \(damage)")
            }
        }
        // Standard input is detected as files are.
        let piped = try LoupeProcess.run(
            ["--block-size", "3", "-c", "*"], in: directory.path, stdin: .file(directory.path + "/pretty-values.json"))
        #expect(piped.stdoutText == "\(valid)\n")
    }
}
