import Testing

@testable import LoupeJSON

/// A validated string body (the bytes between the quotes) and its decoded UTF-8.
struct DecodeCase: CustomTestStringConvertible, Sendable {
    let body: String
    let decoded: [UInt8]
    var testDescription: String { body }
    init(_ body: String, _ decoded: String) {
        self.body = body
        self.decoded = Array(decoded.utf8)
    }
    init(_ body: String, bytes decoded: [UInt8]) {
        self.body = body
        self.decoded = decoded
    }
}

private func decode(_ body: String) -> [UInt8] {
    let input = Array(body.utf8)
    var output: [UInt8] = []
    input.withUnsafeBufferPointer { JSONString.decode($0.baseAddress!, $0.baseAddress! + $0.count, into: &output) }
    return output
}

private func sequenceLength(_ input: [UInt8]) -> Int {
    input.withUnsafeBufferPointer { JSONString.validUTF8SequenceLength($0.baseAddress!, $0.baseAddress! + $0.count) }
}

@Suite("JSONString")
struct JSONStringTests {
    static let decodeCases: [DecodeCase] = [
        DecodeCase("plain", "plain"),
        DecodeCase(#"a\"b"#, "a\"b"),
        DecodeCase(#"a\\b"#, "a\\b"),
        DecodeCase(#"a\/b"#, "a/b"),
        DecodeCase(#"\b\f\n\r\t"#, "\u{08}\u{0C}\n\r\t"),
        DecodeCase(#"err\u006fr"#, "error"),
        DecodeCase(#"\u00e9\u00C9"#, "éÉ"),
        DecodeCase(#"\u65e5\u672c"#, "日本"),
        DecodeCase(#"\ud83d\ude00"#, "😀"),
        DecodeCase(#"\uD83D\uDE00!"#, "😀!"),
        DecodeCase(#"\u0000"#, bytes: [0]),
        DecodeCase("é😀", "é😀"),
        // Lone surrogates are valid JSON but no character: each becomes U+FFFD.
        DecodeCase(#"\ud800"#, "\u{FFFD}"),
        DecodeCase(#"\udc00"#, "\u{FFFD}"),
        DecodeCase(#"\ud800x"#, "\u{FFFD}x"),
        DecodeCase(#"\ud800\u0041"#, "\u{FFFD}A"),
        DecodeCase(#"\ud800\ud800\udc00"#, "\u{FFFD}𐀀"),
        DecodeCase(#"\ude00\ud83d"#, "\u{FFFD}\u{FFFD}"),
    ]

    @Test(arguments: decodeCases)
    func decodes(_ c: DecodeCase) {
        #expect(decode(c.body) == c.decoded)
    }

    @Test func stringDecodesOnlyWhenEscaped() {
        let raw = Array(#"a\nb"#.utf8)
        raw.withUnsafeBufferPointer { b in
            #expect(JSONString.string(b.baseAddress!, b.baseAddress! + b.count, escaped: false) == #"a\nb"#)
            #expect(JSONString.string(b.baseAddress!, b.baseAddress! + b.count, escaped: true) == "a\nb")
        }
    }

    static let sequences: [([UInt8], Int)] = [
        ([0xC2, 0x80], 2), ([0xDF, 0xBF], 2), ([0xE0, 0xA0, 0x80], 3), ([0xEF, 0xBF, 0xBF], 3), ([0xED, 0x9F, 0xBF], 3),
        ([0xEE, 0x80, 0x80], 3), ([0xF0, 0x90, 0x80, 0x80], 4), ([0xF4, 0x8F, 0xBF, 0xBF], 4), ([0xF3, 0xBF, 0xBF, 0xBF], 4),
        ([0x80], 0), ([0xBF], 0), ([0xC0, 0x80], 0), ([0xC1, 0xBF], 0), ([0xC2], 0), ([0xC2, 0x41], 0), ([0xC2, 0xC0], 0),
        ([0xE0, 0x9F, 0xBF], 0), ([0xED, 0xA0, 0x80], 0), ([0xE1, 0x80], 0), ([0xF0, 0x8F, 0xBF, 0xBF], 0),
        ([0xF4, 0x90, 0x80, 0x80], 0), ([0xF5, 0x80, 0x80, 0x80], 0), ([0xF8, 0x88, 0x80, 0x80, 0x80], 0), ([0xFF], 0),
        ([0xF0, 0x90, 0x80], 0),
    ]

    @Test(arguments: sequences)
    func utf8SequenceLength(_ input: [UInt8], _ length: Int) {
        #expect(sequenceLength(input) == length)
    }

    /// Every scalar from U+0080 to U+10FFFF is accepted with its own length; the surrogate
    /// range U+D800...U+DFFF is rejected.
    @Test func everyScalarHasItsLength() {
        var failures: [UInt32] = []
        for value in UInt32(0x80)...0x10FFFF {
            let encoded: [UInt8]
            switch value {
            case ..<0x800: encoded = [UInt8(0xC0 | (value >> 6)), UInt8(0x80 | (value & 0x3F))]
            case ..<0x10000:
                encoded = [UInt8(0xE0 | (value >> 12)), UInt8(0x80 | ((value >> 6) & 0x3F)), UInt8(0x80 | (value & 0x3F))]
            default:
                encoded = [
                    UInt8(0xF0 | (value >> 18)), UInt8(0x80 | ((value >> 12) & 0x3F)), UInt8(0x80 | ((value >> 6) & 0x3F)),
                    UInt8(0x80 | (value & 0x3F)),
                ]
            }
            let expected = (0xD800...0xDFFF).contains(value) ? 0 : encoded.count
            if sequenceLength(encoded) != expected { failures.append(value) }
        }
        #expect(failures.isEmpty)
    }

    @Test func appendQuotedEscapesWhatJSONRequires() {
        var out: [UInt8] = []
        JSONString.appendQuoted(Array("a\"b\\c\nd\re\tf\u{01}g\u{1F}é/".utf8), to: &out)
        #expect(String(decoding: out, as: UTF8.self) == #""a\"b\\c\nd\re\tf\u0001g\u001fé/""#)
    }

    @Test func appendUTF8EncodesEveryLength() {
        for scalar: UInt32 in [0x41, 0xE9, 0x65E5, 0x1F600, 0x10FFFF] {
            var out: [UInt8] = []
            JSONString.appendUTF8(scalar, to: &out)
            #expect(out == Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
        }
    }
}
