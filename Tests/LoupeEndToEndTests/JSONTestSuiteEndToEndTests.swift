import Foundation
import LoupeTestSupport
import Testing

/// nst/JSONTestSuite through the binary: `loupe '*' FILE` prints every `y_` file unchanged,
/// prints no `n_` file and counts it once, and survives every `i_` file. The corpus is read
/// from `<repo>/../shared/corpus/jsontestsuite/test_parsing` and never copied into the
/// repository. Files with a line break inside the document (2 `y_`, 3 `n_`) are not one-line
/// records and are left out (N/A, as the corpus's PROVENANCE.md says).
enum TestSuiteCorpus {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpus/jsontestsuite/test_parsing").standardized

    static var isPresent: Bool { FileManager.default.fileExists(atPath: directory.path) }

    static func contents(_ name: String) -> [UInt8] { LoupeProcess.contents(of: directory.appendingPathComponent(name).path) }

    /// A line break before the last byte: the document spans lines.
    static func isMultiLine(_ name: String) -> Bool { contents(name).dropLast().contains(0x0A) }

    static func files(_ prefix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted()
    }

    static func lineFiles(_ prefix: String) -> [String] { files(prefix).filter { !isMultiLine($0) } }

    /// What `loupe '*'` prints for an accepted one-line file: the line, newline-terminated.
    static func printed(_ name: String) -> [UInt8] {
        let bytes = contents(name)
        return bytes.last == 0x0A ? bytes : bytes + [0x0A]
    }

    /// Blank to loupe: only whitespace once a leading byte order mark is set aside.
    /// A one-line file whose line does not start with `{` or `[` (after a byte order mark and
    /// blanks): when loupe reads no record from it, it says the file holds no JSON records.
    static func looksLikeText(_ name: String) -> Bool {
        var bytes = contents(name)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let first = bytes.first(where: { ![0x20, 0x09, 0x0D, 0x0A].contains($0) }) else { return false }
        return first != UInt8(ascii: "{") && first != UInt8(ascii: "[")
    }

    static func isBlank(_ name: String) -> Bool {
        var bytes = contents(name)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return bytes.allSatisfy { [0x20, 0x09, 0x0D, 0x0A].contains($0) }
    }

    /// `i_` files loupe rejects: malformed UTF-8 (strict UTF-8 is the rule; UTF-16 is decoded,
    /// see `decodedImplementationDefined`).
    static let rejectedImplementationDefined: Set<String> = [
        "i_string_UTF-8_invalid_sequence.json", "i_string_UTF8_surrogate_U+D800.json",
        "i_string_invalid_utf-8.json", "i_string_iso_latin_1.json", "i_string_lone_utf8_continuation_byte.json",
        "i_string_not_in_unicode_range.json", "i_string_overlong_sequence_2_bytes.json",
        "i_string_overlong_sequence_6_bytes.json", "i_string_overlong_sequence_6_bytes_null.json",
        "i_string_truncated-utf-8.json",
    ]

    /// `i_` files in UTF-16 (with a byte order mark, as PowerShell writes, or without one):
    /// read as their UTF-8 decoding, which is what is printed.
    static let decodedImplementationDefined: [String: [UInt8]] = [
        "i_string_UTF-16LE_with_BOM.json": Array("[\"\u{E9}\"]\n".utf8),
        "i_string_utf16LE_no_BOM.json": Array("[\"\u{E9}\"]\n".utf8),
        "i_string_utf16BE_no_BOM.json": Array("[\"\u{E9}\"]\n".utf8),
    ]
}

@Suite(
    "JSONTestSuite (binary)",
    .enabled(if: LoupeProcess.binaryExists, "the loupe binary was not found next to the test bundle"),
    .enabled(if: TestSuiteCorpus.isPresent, "../shared/corpus/jsontestsuite is not beside the repository"))
struct JSONTestSuiteEndToEndTests {
    @Test func multiLineFilesAreTheKnownFive() {
        let multiLine = TestSuiteCorpus.files("").filter(TestSuiteCorpus.isMultiLine)
        #expect(
            multiLine == [
                "n_array_newlines_unclosed.json", "n_array_unclosed_with_new_lines.json", "n_string_unescaped_newline.json",
                "y_array_with_1_and_newline.json", "y_object_with_newlines.json",
            ])
    }

    /// Every `y_` file is accepted and printed unchanged (checked in one run, then file by file
    /// if that run differs, to name the file).
    @Test func acceptsAndPrintsEveryYFileUnchanged() throws {
        let names = TestSuiteCorpus.lineFiles("y_")
        #expect(names.count == 93)
        let run = try LoupeProcess.run(["--no-filename", "*"] + names, in: TestSuiteCorpus.directory.path)
        #expect(run.stderrText == "")
        #expect(run.status == 0)
        let expected = names.flatMap(TestSuiteCorpus.printed)
        guard run.stdout != expected else { return }
        for name in names {
            let single = try LoupeProcess.run(["*", name], in: TestSuiteCorpus.directory.path)
            expectBytes(single.stdout, TestSuiteCorpus.printed(name), "\(name): \(single.stderrText)")
        }
    }

    /// No `n_` file prints; each one that is not blank is counted exactly once, as one skipped
    /// line of its own file, and those whose line does not even start like a JSON record get
    /// the note that they hold none.
    @Test func rejectsAndCountsEveryNFile() throws {
        let names = TestSuiteCorpus.lineFiles("n_")
        #expect(names.count == 185)
        // Read as JSON lines, one record per file: read as JSON values, an unclosed array's
        // whole elements would be read (`[{}` gives `{}` and one bad record; ValueFramingTests).
        let run = try LoupeProcess.run(["--input-format", "jsonl", "*"] + names, in: TestSuiteCorpus.directory.path)
        #expect(run.stdoutText == "")
        #expect(run.status == 1)
        var reported: [String: Int] = [:]
        var noted: [String] = []
        for line in run.stderrText.split(separator: "\n") {
            if let end = line.range(of: " holds no JSON records (its lines look like: ") {
                noted.append(String(line[line.index(line.startIndex, offsetBy: "loupe: ".count)..<end.lowerBound]))
                continue
            }
            guard line.hasPrefix("loupe: skipped 1 line with "), let inRange = line.range(of: " in "),
                let endRange = line.range(of: " (first at line 1: ")
            else {
                Issue.record("unexpected report: \(line)")
                continue
            }
            reported[String(line[inRange.upperBound..<endRange.lowerBound]), default: 0] += 1
        }
        let blank = names.filter(TestSuiteCorpus.isBlank)
        #expect(blank == ["n_single_space.json", "n_structure_UTF8_BOM_no_data.json", "n_structure_no_data.json"])
        #expect(reported == Dictionary(uniqueKeysWithValues: names.filter { !blank.contains($0) }.map { ($0, 1) }))
        #expect(noted == names.filter(TestSuiteCorpus.looksLikeText))
        #expect(noted.count == 15 && noted.contains("n_structure_lone-invalid-utf-8.json"), "\(noted)")
    }

    /// `i_` files: never a crash or a hang; accepted ones print unchanged, and the decision
    /// follows strict UTF-8 (a byte order mark at the start is allowed).
    @Test(arguments: TestSuiteCorpus.files("i_"))
    func survivesImplementationDefined(_ name: String) throws {
        let run = try LoupeProcess.run(["*", name], in: TestSuiteCorpus.directory.path, timeout: 60)
        #expect(!run.signaled)
        if TestSuiteCorpus.rejectedImplementationDefined.contains(name) {
            expectBytes(run.stdout, [])
            #expect(run.status == 1)
            let report = run.stderrText.split(separator: "\n").last { !$0.contains(" holds no JSON records ") }
            #expect(report?.hasPrefix("loupe: skipped 1 line with ") == true, "\(run.stderrText)")
            #expect(run.stderrText.contains(" holds no JSON records ") == TestSuiteCorpus.looksLikeText(name), "\(run.stderrText)")
        } else if let decoded = TestSuiteCorpus.decodedImplementationDefined[name] {
            expectBytes(run.stdout, decoded)
            #expect(run.status == 0)
            #expect(run.stderrText == "")
        } else {
            expectBytes(run.stdout, TestSuiteCorpus.printed(name))
            #expect(run.status == 0)
            #expect(run.stderrText == "")
        }
    }
}
