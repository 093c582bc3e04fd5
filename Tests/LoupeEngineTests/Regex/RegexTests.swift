import LoupeTestSupport
import Testing

@testable import LoupeEngine

/// The text of each match of a result.
private func matchedText(_ result: ChunkResult) -> [String] {
    result.matches.map { range in
        String(decoding: UnsafeBufferPointer(start: result.chunk.base + range.lowerBound, count: range.count), as: UTF8.self)
    }
}

@Suite("Regex")
struct RegexTests {
    /// A pattern with catastrophic backtracking stops at PCRE2's match limit: the record counts
    /// as not matching and the hit is counted, quickly.
    @Test(.timeLimit(.minutes(1)))
    func catastrophicBacktrackingHitsTheLimit() throws {
        let evil = #"{"msg":""# + String(repeating: "a", count: 40) + #"!"}"#
        let input = Array((Array(repeating: evil, count: 3) + [#"{"msg":"aaa"}"#]).joined(separator: "\n").utf8) + [0x0A]
        for pattern in [#"msg ~ /^(a+)+$/"#, #"msg ~ /(a|aa)+$/"#, #"msg ~ /^(\w+\s?)*$/"#] {
            let result = EngineHarness.process(try EngineHarness.program(pattern), input)
            #expect(matchedText(result) == [#"{"msg":"aaa"}"#], "\(pattern)")
            #expect(result.regexLimitHits == 3, "\(pattern)")
        }
        var options = ScanOptions()
        options.invert = true
        let inverted = EngineHarness.process(try EngineHarness.program(#"msg ~ /^(a+)+$/"#), input, options: options)
        #expect(inverted.matches.count == 3)
        #expect(inverted.regexLimitHits == 3)
    }

    @Test func matchesDecodedBytesWithFlags() throws {
        let regex = try CompiledRegex("^é.x$", flags: "is")
        let matcher = RegexMatcher(regex)
        for (text, expected) in [("éaX", true), ("É\nx", true), ("éax!", false), ("ea x", false)] {
            let bytes = Array(text.utf8)
            let outcome = bytes.withUnsafeBufferPointer { matcher.matches($0.baseAddress!, $0.count) }
            if case .match = outcome { #expect(expected, "\(text)") } else { #expect(!expected, "\(text)") }
        }
    }

    /// Each escape class matches what its bracket form matches, over random text with
    /// non-ASCII characters. PCRE2 10.42's JIT with `PCRE2_MATCH_INVALID_UTF` made `\S`, `\D`
    /// and `\W` stop at the first non-ASCII character, so `parse` cut `user=Zoë` to `Zo`.
    @Test func escapeClassesMatchTheirBracketForms() throws {
        let pairs = [(#"\S+"#, #"[^\s]+"#), (#"\D+"#, #"[^0-9]+"#), (#"\W+"#, #"[^A-Za-z0-9_]+"#), (#"\s+"#, #"[\s]+"#),
                     (#"\w+"#, #"[A-Za-z0-9_]+"#), (#"\d+"#, #"[0-9]+"#), (#"."#, #"[^\n]"#)]
        let alphabet: [String] = ["a", "Z", "7", "_", " ", "\t", "-", "é", "ë", "日", "本", "ש", "😀", "\u{2028}", "\u{A0}"]
        var rng = SplitMix64(seed: 7)
        for (escape, bracket) in pairs {
            let (a, b) = (RegexMatcher(try CompiledRegex(escape, flags: "")), RegexMatcher(try CompiledRegex(bracket, flags: "")))
            for _ in 0..<300 {
                let text = (0..<Int(rng.next() % 12)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
                let bytes = Array(text.utf8)
                var spans: [[Int]] = []
                for matcher in [a, b] {
                    var groups = [Int](repeating: -1, count: 2)
                    _ = bytes.withUnsafeBufferPointer { buffer in
                        groups.withUnsafeMutableBufferPointer { matcher.match(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count, groups: $0) }
                    }
                    spans.append(groups)
                }
                #expect(spans[0] == spans[1], "\(escape) against \(bracket) on \(text.debugDescription)")
            }
        }
    }

    /// ASCII subjects skip PCRE2's UTF-8 check: a byte with its high bit anywhere, in the
    /// eight-byte steps or the tail, must be seen.
    @Test func asciiIsToldAtEveryPosition() {
        for count in 0..<20 {
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: count)
            #expect(bytes.withUnsafeBufferPointer { RegexMatcher.isASCII($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count) })
            for i in 0..<count {
                bytes[i] = 0xC3
                #expect(!bytes.withUnsafeBufferPointer { RegexMatcher.isASCII($0.baseAddress!, count) }, "count \(count), at \(i)")
                bytes[i] = UInt8(ascii: "a")
            }
        }
    }

    @Test func compileErrorsCarryPCRE2sMessageAndOffset() {
        #expect(throws: RegexError(message: "missing closing parenthesis", offset: 1)) { try CompiledRegex("(", flags: "") }
        #expect(throws: RegexError(message: "quantifier does not follow a repeatable item", offset: 0)) {
            try CompiledRegex("*", flags: "")
        }
    }
}
