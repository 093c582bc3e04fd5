import Testing

@testable import LoupeIO

/// The first index of `needle` in `haystack` by plain comparison: the reference.
private func naiveFind(_ haystack: [UInt8], _ needle: [UInt8], from: Int = 0) -> Int? {
    guard needle.count <= haystack.count else { return nil }
    var i = from
    while i + needle.count <= haystack.count {
        if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        i += 1
    }
    return nil
}

private func find(_ searcher: LiteralSearcher, _ haystack: [UInt8], from: Int = 0) -> Int? {
    haystack.withUnsafeBufferPointer { h in
        searcher.firstMatch(in: h.baseAddress! + from, end: h.baseAddress! + h.count).map { $0 - h.baseAddress! }
    }
}

@Suite("LiteralSearcher")
struct LiteralSearcherTests {
    static let cases: [(String, String, Int?)] = [
        (#"{"level":"error"}"#, #""error""#, 9),
        (#"{"level":"errors"}"#, #""error""#, nil),
        ("abc", "abc", 0),
        ("abc", "abcd", nil),
        ("xxabc", "abc", 2),
        ("ab", "b", 1),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "aab", 31),
        ("error error", "error", 0),
        ("é日本", "日本", 2),
        ("a", "ab", nil),
    ]

    @Test(arguments: cases)
    func findsTheFirstOccurrence(_ haystack: String, _ needle: String, _ expected: Int?) {
        #expect(find(LiteralSearcher(Array(needle.utf8)), Array(haystack.utf8)) == expected)
    }

    /// Needles at every offset around the 16-byte steps, near the end, overlapping themselves,
    /// with rare bytes and common ones: always the same answer as a plain search.
    @Test func agreesWithPlainSearch() {
        var rng = SplitMix64(seed: 7)
        let alphabets: [[UInt8]] = [Array("ab".utf8), Array("\"e:r{o}".utf8), (0...255).map { UInt8($0) }]
        for round in 0..<4_000 {
            let alphabet = alphabets[round % alphabets.count]
            let length = Int(rng.next() % 70)
            var haystack = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let needleLength = Int(rng.next() % 9) + 1
            var needle = (0..<needleLength).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            if rng.next() % 2 == 0, haystack.count >= needleLength {
                // Plant the needle (or a copy of part of the haystack) so hits are common.
                let at = Int(rng.next() % UInt64(haystack.count - needleLength + 1))
                if rng.next() % 2 == 0 { haystack.replaceSubrange(at..<(at + needleLength), with: needle) } else {
                    needle = Array(haystack[at..<(at + needleLength)])
                }
            }
            guard !haystack.isEmpty else { continue }
            let from = Int(rng.next() % UInt64(haystack.count))
            let searcher = LiteralSearcher(needle)
            #expect(find(searcher, haystack, from: from) == naiveFind(haystack, needle, from: from), "\(haystack) \(needle) from \(from)")
        }
    }

    /// The cursor yields the earliest hit of any needle at or after each position.
    @Test func anyLiteralCursorFindsEarliestHits() {
        let text = Array(#"{"a":"warn"} {"a":"error"} {"b":"warn","c":"error"} {"d":1}"#.utf8)
        let searcher = AnyLiteralSearcher([Array("error".utf8), Array("warn".utf8)])
        #expect(!searcher.isEmpty)
        var hits: [Int] = []
        text.withUnsafeBufferPointer { b in
            var cursor = searcher.cursor(end: b.baseAddress! + b.count)
            var position = b.baseAddress!
            while let hit = cursor.next(from: position) {
                hits.append(hit - b.baseAddress!)
                position = hit + 1
            }
        }
        #expect(hits == [6, 19, 33, 44])
        #expect(AnyLiteralSearcher([]).isEmpty)
    }
}

@Suite("LineFraming")
struct LineFramingTests {
    @Test func findsLineEndsAndStarts() {
        let text = Array("ab\ncd\r\n\nef".utf8)
        text.withUnsafeBufferPointer { b in
            let base = b.baseAddress!
            let end = base + b.count
            #expect(LineFraming.lineEnd(from: base, end: end) - base == 2)
            #expect(LineFraming.lineEnd(from: base + 3, end: end) - base == 6)
            #expect(LineFraming.lineEnd(from: base + 7, end: end) - base == 7)
            #expect(LineFraming.lineEnd(from: base + 8, end: end) - base == 10)
            #expect(LineFraming.lineEnd(from: end, end: end) == end)
            #expect(LineFraming.lineStart(before: base + 5, start: base) - base == 3)
            #expect(LineFraming.lineStart(before: base + 3, start: base) - base == 3)
            #expect(LineFraming.lineStart(before: base + 1, start: base) == base)
            #expect(LineFraming.lineStart(before: base + 9, start: base + 9) - base == 9)
            #expect(LineFraming.countNewlines(from: base, to: end) == 3)
            #expect(LineFraming.countNewlines(from: base + 3, to: base + 7) == 1)
            #expect(LineFraming.countNewlines(from: end, to: base) == 0)
        }
    }

    @Test func countsNewlinesInLongBuffers() {
        var rng = SplitMix64(seed: 3)
        let text = (0..<10_003).map { _ in rng.next() % 5 == 0 ? UInt8(0x0A) : UInt8(0x61) }
        let expected = text.filter { $0 == 0x0A }.count
        text.withUnsafeBufferPointer { b in
            #expect(LineFraming.countNewlines(from: b.baseAddress!, to: b.baseAddress! + b.count) == expected)
            #expect(LineFraming.countNewlines(from: b.baseAddress! + 1, to: b.baseAddress! + b.count - 1)
                == text[1..<(text.count - 1)].filter { $0 == 0x0A }.count)
        }
    }
}

@Suite("InputSource")
struct InputSourceTests {
    @Test func argumentsName() {
        #expect(InputSource(argument: "-") == .standardInput)
        #expect(InputSource(argument: "app.log") == .file("app.log"))
        #expect(InputSource.standardInput.displayName == "(standard input)")
        #expect(InputSource.file("a/b.log").displayName == "a/b.log")
    }

    @Test func openingFailuresNameTheInput() throws {
        #expect(throws: InputError.notFound("/nonexistent/x.log")) { try InputSource.file("/nonexistent/x.log").open() }
        #expect(throws: InputError.notFound("/etc/passwd/x")) { try InputSource.file("/etc/passwd/x").open() }
        #expect(throws: InputError.isDirectory("/tmp")) { try InputSource.file("/tmp").open() }
        #expect(InputError.notFound("a.log").description == "a.log: no such file or directory")
        #expect(InputError.isDirectory("d").description == "d: is a directory")
        #expect(InputError.permissionDenied("p").description == "p: permission denied")
        #expect(InputError.readFailed("r", errno: 5).description == "r: read failed: Input/output error")
    }

    @Test func regularFilesAreMappedAndFifosStreamed() throws {
        let path = temporaryFile(Array("{}\n".utf8))
        guard case .mapped(let file) = try InputSource.file(path).open().body else {
            Issue.record("a regular file was not mapped")
            return
        }
        #expect(file.count == 3)
        #expect(Array(UnsafeBufferPointer(start: file.base, count: file.count)) == Array("{}\n".utf8))
        if case .stream = try InputSource.file("/dev/null").open().body {} else { Issue.record("/dev/null was not streamed") }
        if case .stream = try InputSource.standardInput.open().body {} else { Issue.record("stdin was not streamed") }
    }
}
