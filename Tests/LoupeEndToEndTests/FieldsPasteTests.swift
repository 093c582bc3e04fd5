import Foundation
import Testing

/// Every path `loupe fields` prints can be pasted into a query: `exists(PATH)` parses and
/// finds the records the path was seen in (arrays as `[*]`, awkward keys quoted).
@Suite(
    "Paths from loupe fields paste into queries",
    .enabled(if: LoupeProcess.binaryExists, "the loupe binary was not found next to the test bundle"))
struct FieldsPasteTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Fixtures/logs")
        .standardized.path

    /// Keys that need quotes or are easy to misprint: a dash, a space, dots in odd places, a
    /// keyword, a digit first, a quote, an empty key, non-ASCII, nested arrays.
    static let awkward =
        [
            #"{"user-agent":"x","a b":1,"1st":2,"not":3,"é":4,"q\"uote":5,"":6,"http.status":7,".a":8,"a..b":9,"x.in":10}"#,
            #"{"m":[[1,2],[{"k.v":true}]],"tags":["a"],"t\\b":{"u":null}}"#,
        ].joined(separator: "\n") + "\n"

    @Test(arguments: ["humanlog_java-log4j2_first20.jsonl", "lnav_nested-json.jsonl", "awkward"])
    func everyPrintedPathFindsItsRecords(_ name: String) throws {
        let scratch = try TemporaryDirectory(prefix: "loupe-fields-paste")
        var file = Self.fixtures + "/" + name
        if name == "awkward" {
            scratch.write("awkward.jsonl", Array(Self.awkward.utf8))
            file = scratch.path + "/awkward.jsonl"
        }
        let fields = try LoupeProcess.run(["fields", "-o", "tsv", file], in: scratch.path)
        #expect(fields.status == 0, "\(fields)")
        let rows = fields.stdoutText.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.count > 3)
        for row in rows {
            let path = Self.tsvUnescaped(row[0])
            let outcome = try LoupeProcess.run(["-c", "exists(\(path))", file], in: scratch.path)
            #expect(outcome.stderrText == "", "exists(\(path)): \(outcome.stderrText)")
            // The rows of level(), time() and message() may have found nothing (count 0).
            guard row[1] != "0" else { continue }
            #expect(outcome.status == 0, "exists(\(path)) matched nothing")
            #expect((Int(outcome.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0, "exists(\(path))")
        }
    }

    /// A TSV cell's text: `\\`, `\t`, `\n` and `\r` read back.
    static func tsvUnescaped(_ cell: Substring) -> String {
        var out = ""
        var escaping = false
        for ch in cell {
            if escaping {
                out += ["t": "\t", "n": "\n", "r": "\r"][ch] ?? String(ch)
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
