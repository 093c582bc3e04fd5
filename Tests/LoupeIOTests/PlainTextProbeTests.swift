import Testing

@testable import LoupeIO

/// Telling a plain-text log from JSON lines by the first block of an input.
@Suite("PlainTextProbe")
struct PlainTextProbeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var input: String
        /// The first line as shown, or nil when the block may hold JSON records.
        var shown: String?
        /// Lines that start inside the block.
        var lines = 0
        var testDescription: String { input.debugDescription }
    }

    static let cases: [Case] = [
        Case(
            input: "2024-03-11 08:00:02 ERROR db timeout\n2024-03-11 08:00:03 INFO ok\n", shown: "2024-03-11 08:00:02 ERROR db timeout",
            lines: 2),
        // The first line that is not blank is shown; CR and trailing blanks are not.
        Case(input: "\n  \r\nNov  3 09:23:38 veridian sudo: x \r\nmore\n", shown: "Nov  3 09:23:38 veridian sudo: x", lines: 4),
        Case(input: "no newline at the end", shown: "no newline at the end", lines: 1),
        // One line that may be a record is enough: nothing to say.
        Case(input: "text\n{\"level\":\"error\"}\n", shown: nil),
        Case(input: "text\n \t{\"level\":\"error\"}\n", shown: nil),
        Case(input: "text\n[1,2]\n", shown: nil),
        Case(input: "\u{FEFF}{\"a\":1}\n", shown: nil),
        Case(input: "{\"level\":", shown: nil),
        // Nothing but blank lines, or nothing: not a text log either.
        Case(input: "", shown: nil),
        Case(input: "\n\r\n  \n", shown: nil),
        // Long lines are cut at 80 characters, never inside a character.
        Case(input: String(repeating: "é", count: 100) + "\n", shown: String(repeating: "é", count: 80) + "...", lines: 1),
        Case(input: String(repeating: "x", count: 80) + "\n", shown: String(repeating: "x", count: 80), lines: 1),
    ]

    static func probe(_ text: String, limit: Int = PlainTextProbe.blockLength) -> PlainTextProbe.Finding? {
        Array(text.utf8).withUnsafeBufferPointer { PlainTextProbe.probe($0, limit: limit) }
    }

    @Test(arguments: cases)
    func probes(_ c: Case) {
        let finding = Self.probe(c.input)
        #expect(finding?.firstLine == c.shown)
        if c.shown != nil {
            #expect(finding?.lines == c.lines)
            #expect(finding?.examinedAll == true)
        }
    }

    /// Only the lines that start in the first `limit` bytes are looked at (a JSON line after
    /// them is not looked for); the line shown is whole all the same.
    @Test(arguments: [1, 3, 15, 40, 41, 100, 65535, 65536, 65537])
    func looksAtTheFirstBlockOnly(_ limit: Int) {
        let line = "2024-03-11 08:00:02 INFO request served\n"  // 40 bytes
        let text = String(repeating: line, count: 2000) + "{\"level\":\"error\"}\n"
        let finding = Self.probe(text, limit: limit)
        #expect(finding?.lines == (limit + line.utf8.count - 1) / line.utf8.count)
        #expect(finding?.examinedAll == false)
        #expect(finding?.firstLine == "2024-03-11 08:00:02 INFO request served")
        // A block that reaches the JSON line finds it.
        #expect(Self.probe(text, limit: text.utf8.count) == nil)
        #expect(Self.probe(text, limit: text.utf8.count - 17) == nil)
        #expect(Self.probe(text, limit: text.utf8.count - 18)?.lines == 2000)
    }
}
