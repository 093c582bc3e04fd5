import LoupeIO
import Testing

@testable import LoupeEngine

private func bytes(_ parts: Any...) -> [UInt8] {
    var out: [UInt8] = []
    for part in parts {
        if let s = part as? String { out += Array(s.utf8) } else if let b = part as? Int { out.append(UInt8(b)) }
    }
    return out
}

/// The text of each match of a result.
private func matchedText(_ result: ChunkResult) -> [String] {
    result.matches.map { range in
        String(decoding: UnsafeBufferPointer(start: result.chunk.base + range.lowerBound, count: range.count), as: UTF8.self)
    }
}

private func skips(_ result: ChunkResult) -> [String] {
    result.skipped.entries.map { "\($0.reason): \($0.entry.count) first at \($0.entry.firstOffset): \($0.entry.firstMessage)" }
}

@Suite("ChunkProcessor")
struct ChunkProcessorTests {
    /// Bad input of every kind next to valid records: the valid ones come out byte for byte
    /// (CR kept), blank lines are ignored, every bad one is counted under its reason.
    static let mixed = bytes(
        "{\"a\":1}\n",  // 0: valid
        "\n",  // 8: empty
        "  \t\n",  // 9: blank
        "\r\n",  // 13: blank (CR only)
        "not json\n",  // 15: malformed
        "{\"a\":2}\r\n",  // 24: valid, CRLF
        "{\"a\":\"", 0xFF, "\"}\n",  // 33: invalid UTF-8
        "{\"a\":\"x", 0x00, "\"}\n",  // 43: NUL
        "[1,2]\n",  // 54: valid, not an object
        "{\"a\":3")  // 60: truncated last line

    @Test func validRecordsPassAndBadOnesAreCounted() throws {
        let result = EngineHarness.process(try EngineHarness.program("*"), Self.mixed)
        #expect(matchedText(result) == ["{\"a\":1}", "{\"a\":2}\r", "[1,2]"])
        #expect(result.matchCount == 3)
        #expect(
            skips(result) == [
                "malformed JSON: 2 first at 15: unexpected 'o' at byte 2",
                "invalid UTF-8: 1 first at 33: invalid UTF-8 at byte 7",
                "binary data: 1 first at 43: NUL byte at byte 8",
            ])
        #expect(result.skipped.total == 4)
        #expect(result.strictFailure == nil)
    }

    @Test func invertSelectsValidRecordsOnly() throws {
        var options = ScanOptions()
        options.invert = true
        let result = EngineHarness.process(try EngineHarness.program("a == 1"), Self.mixed, options: options)
        #expect(matchedText(result) == ["{\"a\":2}\r", "[1,2]"])
        #expect(result.skipped.total == 4)
    }

    @Test func strictStopsAtTheFirstBadRecord() throws {
        var options = ScanOptions()
        options.strict = true
        let result = EngineHarness.process(try EngineHarness.program("*"), Self.mixed, options: options)
        #expect(matchedText(result) == ["{\"a\":1}"])
        #expect(result.strictFailure?.offset == 15)
        #expect(result.strictFailure?.message == "unexpected 'o' at byte 2")
        #expect(result.skipped.isEmpty)
    }

    @Test func stopAfterLimitsMatches() throws {
        var options = ScanOptions()
        options.stopAfter = 2
        let result = EngineHarness.process(try EngineHarness.program("*"), Self.mixed, options: options)
        #expect(matchedText(result) == ["{\"a\":1}", "{\"a\":2}\r"])
        #expect(result.skipped.total == 1)
    }

    @Test func lineNumbersCountEveryNewlineBeforeAMatch() throws {
        var options = ScanOptions()
        options.lineNumbers = true
        let result = EngineHarness.process(try EngineHarness.program("a >= 2"), Self.mixed, options: options)
        #expect(matchedText(result) == ["{\"a\":2}\r"])
        #expect(result.matchNewlines == [5])
        #expect(result.newlineCount == 9)
    }

    @Test func highlightsAreTheTestedValues() throws {
        var options = ScanOptions()
        options.highlight = true
        let input = bytes(#"{"x":0}"#, "\n", #"{"level":"error","http":{"status":503},"o":{}}"#, "\n")
        let result = EngineHarness.process(
            try EngineHarness.program(#"level == "error" and http.status >= 500 or exists(o)"#), input, options: options)
        let line = 8
        // "error" without its quotes, 503; the object `o` is not highlighted.
        #expect(result.highlights == [[(line + 10)..<(line + 15), (line + 34)..<(line + 37)]])
    }

    /// A byte order mark is skipped at the start of any line (files concatenated with `cat`
    /// keep the line after each file's mark), in any chunk; inside a line it is no JSON.
    @Test func byteOrderMarkAtAnyLineStart() throws {
        let input = bytes(
            0xEF, 0xBB, 0xBF, "{\"a\":1}\n", 0xEF, 0xBB, 0xBF, "{\"a\":2}\n", 0xEF, 0xBB, 0xBF, "\n{\"a\":", 0xEF, 0xBB, 0xBF, "3}\n")
        let result = EngineHarness.process(try EngineHarness.program("*"), input)
        #expect(result.matches == [0..<10, 11..<21])
        #expect(skips(result) == ["malformed JSON: 1 first at 26: unexpected byte 0xEF at byte 6"])
        let buffer = OwnedBuffer(capacity: 11)
        Array(input[0..<11]).withUnsafeBufferPointer { buffer.pointer.update(from: $0.baseAddress!, count: 11) }
        let later = ByteChunk(base: UnsafePointer(buffer.pointer), count: 11, inputOffset: 4096, owner: buffer)
        let laterResult = ChunkProcessor(program: try EngineHarness.program("*"), options: ScanOptions()).process(later)
        #expect(laterResult.matches == [0..<10])
        #expect(laterResult.skipped.total == 0)
    }

    @Test func blankOnlyBOMLineAtTheStartIsIgnored() throws {
        let result = EngineHarness.process(try EngineHarness.program("*"), bytes(0xEF, 0xBB, 0xBF, "\r\n{}\n"))
        #expect(matchedText(result) == ["{}"])
        #expect(result.skipped.isEmpty)
    }

    /// The prefilter skips lines without the needle but never one with an escape that could
    /// hide it, nor a bad line that contains the needle.
    @Test func prefilterKeepsEscapedAndCountsBadCandidates() throws {
        let input = bytes(
            #"{"level":"info"}"#, "\n", #"{"level":"\u0065rror"}"#, "\n", #"{"level":"error"}"#, "\n", #"{"level":"error""#, "\n",
            "garbage\n")
        let result = EngineHarness.process(try EngineHarness.program(#"level == "error""#), input)
        #expect(matchedText(result) == [#"{"level":"\u0065rror"}"#, #"{"level":"error"}"#])
        // The truncated line holds the needle and is checked; "garbage" is never parsed.
        #expect(skips(result) == [#"malformed JSON: 1 first at 58: unexpected end of input"#])
    }
}
