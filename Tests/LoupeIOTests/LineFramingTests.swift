import LoupeTestSupport
import Testing

@testable import LoupeIO

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
            #expect(
                LineFraming.countNewlines(from: b.baseAddress! + 1, to: b.baseAddress! + b.count - 1)
                    == text[1..<(text.count - 1)].filter { $0 == 0x0A }.count)
        }
        // Nothing but newlines: every byte lane counts to its limit before it is summed.
        let newlines = [UInt8](repeating: 0x0A, count: 100_003)
        newlines.withUnsafeBufferPointer { b in
            #expect(LineFraming.countNewlines(from: b.baseAddress!, to: b.baseAddress! + b.count) == 100_003)
        }
    }
}
