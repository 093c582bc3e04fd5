import Foundation
import Testing

@testable import LoupeJSON

/// The JSONTestSuite corpus (nst/JSONTestSuite, `test_parsing/`), read from the shared folder
/// beside the repository; it is never copied into the repository (its PROVENANCE.md forbids it).
enum JSONTestSuite {
    /// `<repo>/../shared/corpus/jsontestsuite/test_parsing`, located from this file's path.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpus/jsontestsuite/test_parsing").standardized

    static var isPresent: Bool { FileManager.default.fileExists(atPath: directory.path) }

    static func files(prefix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted()
    }

    static func contents(_ name: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) ?? Data())
    }

    /// The implementation-defined files that strict RFC 8259 with strict UTF-8 must reject: bad
    /// UTF-8, UTF-16, and a byte order mark (the scanner never sees a BOM; the framer strips it
    /// at the start of an input).
    static let rejectedImplementationDefined: Set<String> = [
        "i_string_UTF-16LE_with_BOM.json", "i_string_UTF-8_invalid_sequence.json", "i_string_UTF8_surrogate_U+D800.json",
        "i_string_invalid_utf-8.json", "i_string_iso_latin_1.json", "i_string_lone_utf8_continuation_byte.json",
        "i_string_not_in_unicode_range.json", "i_string_overlong_sequence_2_bytes.json",
        "i_string_overlong_sequence_6_bytes.json", "i_string_overlong_sequence_6_bytes_null.json",
        "i_string_truncated-utf-8.json", "i_string_utf16BE_no_BOM.json", "i_string_utf16LE_no_BOM.json",
        "i_structure_UTF-8_BOM_empty_object.json",
    ]
}

/// Scanner-level conformance over the whole corpus: a whole file is one JSON text (line breaks
/// are whitespace to the scanner, so all 318 files apply here).
@Suite("JSONTestSuite (scanner)", .enabled(if: JSONTestSuite.isPresent, "../shared/corpus/jsontestsuite is not beside the repository"))
struct JSONTestSuiteScannerTests {
    @Test func corpusIsComplete() {
        #expect(JSONTestSuite.files(prefix: "y_").count == 95)
        #expect(JSONTestSuite.files(prefix: "n_").count == 188)
        #expect(JSONTestSuite.files(prefix: "i_").count == 35)
    }

    @Test(arguments: JSONTestSuite.files(prefix: "y_"))
    func accepts(_ name: String) {
        let error = scan(JSONTestSuite.contents(name)).error
        #expect(error == nil, "\(error.map(\.description) ?? "")")
    }

    @Test(arguments: JSONTestSuite.files(prefix: "n_"))
    func rejects(_ name: String) {
        #expect(scan(JSONTestSuite.contents(name)).error != nil)
    }

    /// Implementation-defined files: never a crash; numbers and escaped lone surrogates are
    /// grammatical and accepted, malformed UTF-8 and UTF-16 are rejected.
    @Test(arguments: JSONTestSuite.files(prefix: "i_"))
    func decidesImplementationDefined(_ name: String) {
        let error = scan(JSONTestSuite.contents(name)).error
        #expect((error != nil) == JSONTestSuite.rejectedImplementationDefined.contains(name), "\(error.map(\.description) ?? "accepted")")
    }
}
