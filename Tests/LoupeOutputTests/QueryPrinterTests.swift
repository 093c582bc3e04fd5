import Glibc
import LoupeEngine
import LoupeIO
import Testing

@testable import LoupeOutput

/// What the query printer writes for each item, through a pipe (so never a terminal: no
/// colors, no escapes, bytes as they are).
@Suite("Query printer")
struct QueryPrinterTests {
    /// Runs `items` through a printer writing to a pipe; returns what came out.
    static func printed(_ items: [QueryItem], options: QueryPrinter.Options = QueryPrinter.Options()) throws -> String {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        var printer = QueryPrinter(writer: OutputWriter(fd: fds[1]), options: options)
        try printer.begin()
        for item in items { #expect(try printer.consume(item) == .continue) }
        try printer.finish()
        close(fds[1])
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fds[0], &buffer, buffer.count)
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        close(fds[0])
        return String(decoding: out, as: UTF8.self)
    }

    /// A chunk of `lines` in which every line matched, with the newlines before each.
    static func batch(_ lines: [String], input: String, count: Int, firstLine: Int) -> LineBatch {
        let text = Array(lines.map { $0 + "\n" }.joined().utf8)
        let buffer = OwnedBuffer(capacity: text.count)
        buffer.pointer.update(from: text, count: text.count)
        var result = ChunkResult(chunk: ByteChunk(base: UnsafePointer(buffer.pointer), count: text.count, inputOffset: 0, owner: buffer))
        var offset = 0
        for (i, line) in lines.enumerated() {
            result.matches.append(offset..<(offset + line.utf8.count))
            result.matchNewlines.append(i)
            offset += line.utf8.count + 1
        }
        result.matchCount = lines.count
        return LineBatch(input: input, result: result, count: count, firstLine: firstLine)
    }

    /// A batch prints its first `count` lines, byte for byte, with the prefixes asked for.
    @Test func linesGoOutAsTheyWereWithTheirPrefixes() throws {
        let lines = [#"{"a":1}"#, "{\"a\":2}\r", #"{"a":3}"#]
        var options = QueryPrinter.Options()
        #expect(try Self.printed([.lines(Self.batch(lines, input: "x.log", count: 2, firstLine: 10))]) == lines[0] + "\n" + lines[1] + "\n")
        options.fileNames = true
        options.lineNumbers = true
        #expect(
            try Self.printed([.lines(Self.batch(lines, input: "x.log", count: 3, firstLine: 10))], options: options)
                == lines.enumerated().map { "x.log:\(10 + $0.offset):\($0.element)\n" }.joined())
    }

    /// With a record format, matching records come as JSON (compact, as written) or as a table
    /// of their top-level fields; selected records (after a sort) too.
    @Test(arguments: [
        (TableFormat.json, "[\n{\"a\":1,\"b\":[1,2]},\n{\"c\":\"x y\"},\n{\"a\":\"1\"}\n]\n"),
        (.jsonl, "{\"a\":1,\"b\":[1,2]}\n{\"c\":\"x y\"}\n{\"a\":\"1\"}\n"),
        (.tsv, "a\tb\tc\n1\t[1,2]\tnull\nnull\tnull\tx y\n\"1\"\tnull\tnull\n"),
        (.csv, "a,b,c\n1,\"[1,2]\",null\nnull,null,x y\n\"\"\"1\"\"\",null,null\n"),
    ])
    func recordsInAFormat(_ format: TableFormat, _ expected: String) throws {
        var options = QueryPrinter.Options()
        options.format = format
        options.recordFormat = format
        let lines = [#"{ "a" : 1, "b" : [1, 2] }"#, #"{"c":"x y"}"#]
        let items: [QueryItem] = [
            .lines(Self.batch(lines, input: "x.log", count: 2, firstLine: 1)),
            .selected(SelectedLine(input: "x.log", lineNumber: nil, bytes: Array(#"{"a":"1"}"#.utf8))),
        ]
        #expect(try Self.printed(items, options: options) == expected)
    }

    @Test func noRecordsInAFormat() throws {
        var options = QueryPrinter.Options()
        for (format, expected) in [(TableFormat.json, "[]\n"), (.jsonl, ""), (.csv, ""), (.tsv, "")] {
            options.format = format
            options.recordFormat = format
            #expect(try Self.printed([], options: options) == expected, "\(format)")
        }
    }

    /// On a terminal, DEL and C1 controls in a JSON record are written as escapes (the same
    /// string), so the record stays valid JSON and cannot act on the screen.
    @Test func terminalControlsInJSONRecordsAreEscaped() {
        let bytes = Array("{\"m\":\"a\u{7F}b\u{85}c\u{E9}\"}".utf8)
        let escaped = bytes.withUnsafeBytes(TerminalText.escapingWideControls)
        #expect(escaped.map { String(decoding: $0, as: UTF8.self) } == #"{"m":"a\u007fb\u0085cé"}"#)
        #expect(Array("plain é".utf8).withUnsafeBytes(TerminalText.escapingWideControls) == nil)
    }

    @Test func selectedRecordsCarryTheirOwnInputAndLine() throws {
        var options = QueryPrinter.Options()
        options.fileNames = true
        options.lineNumbers = true
        let items: [QueryItem] = [
            .selected(SelectedLine(input: "b.log", lineNumber: 7, bytes: Array(#"{"v":2}"#.utf8))),
            .selected(SelectedLine(input: "a.log", lineNumber: 1, bytes: Array(#"{"v":1}"#.utf8))),
        ]
        #expect(try Self.printed(items, options: options) == "b.log:7:{\"v\":2}\na.log:1:{\"v\":1}\n")
    }

    @Test func countsAreOnePerInput() throws {
        #expect(try Self.printed([.count(input: "a.log", 3)]) == "3\n")
        var options = QueryPrinter.Options()
        options.fileNames = true
        #expect(try Self.printed([.count(input: "a.log", 3), .count(input: "b.log", 0)], options: options) == "a.log:3\nb.log:0\n")
    }

    /// In a pipe a table is tsv unless a format is asked for; following an input, each new
    /// table comes after a blank line, and each new count on a line of its own.
    @Test func tablesAndTheirRedrawsInAPipe() throws {
        let first = RowSet(columns: ["level", "count"], rows: [[.string("info"), .number(3)]])
        let second = RowSet(columns: ["level", "count"], rows: [[.string("info"), .number(4)]])
        #expect(try Self.printed([.rows(first)]) == "level\tcount\ninfo\t3\n")
        var live = QueryPrinter.Options()
        live.live = true
        live.format = .jsonl
        #expect(
            try Self.printed([.rows(first), .rows(second)], options: live) == #"{"level":"info","count":3}"# + "\n\n"
                + #"{"level":"info","count":4}"# + "\n")
        #expect(try Self.printed([.count(input: "a.log", 1), .count(input: "a.log", 2)], options: live) == "1\n2\n")
    }
}
