import Testing

@testable import LoupeOutput

@Suite("Display width")
struct DisplayWidthTests {
    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var width: Int
        var description: String { text }
    }

    static let widths: [Case] = [
        Case(text: "abc", width: 3),
        Case(text: "注文", width: 4),  // wide
        Case(text: "ＡＰＩ", width: 6),  // fullwidth
        Case(text: "결제", width: 4),  // Hangul
        Case(text: "cafe\u{301}", width: 4),  // a combining accent takes no column
        Case(text: "\u{301}", width: 0),  // a combining mark alone
        Case(text: "a\u{200B}b", width: 2),  // zero width space
        Case(text: "\u{1B}[36mname\u{1B}[0m", width: 4),  // escapes take no room
        Case(text: "├─ └─ │", width: 7),  // box drawing is narrow
        Case(text: "🚀", width: 2),
    ]

    @Test(arguments: widths)
    func width(_ c: Case) {
        #expect(DisplayWidth.of(c.text) == c.width)
    }

    @Test func truncatedCountsColumnsNotCharacters() {
        #expect(DisplayWidth.truncated("注文サービス", to: 7) == "注文サ…")
        #expect(DisplayWidth.truncated("注文サービス", to: 6) == "注文…")
        #expect(DisplayWidth.truncated("abcdef", to: 6) == "abcdef")
        #expect(DisplayWidth.truncated("abcdef", to: 4) == "abc…")
        // A cut inside a styled run closes it.
        #expect(DisplayWidth.truncated("\u{1B}[36mabcdef\u{1B}[0m", to: 4) == "\u{1B}[36mabc…\u{1B}[0m")
    }

    @Test func wrappedBreaksAtSpacesThenBetweenCharacters() {
        #expect(DisplayWidth.wrapped("one two three four", to: 9) == ["one two", "three", "four"])
        #expect(DisplayWidth.wrapped("注文を作成しました", to: 8) == ["注文を作", "成しまし", "た"])
        #expect(DisplayWidth.wrapped("a b", to: 9, first: 1) == ["a", "b"])
    }

    @Test func keptTogetherStaysOnOneLineWhenItFits() {
        let text = "under " + DisplayWidth.keptTogether("svc GET /a") + ", " + DisplayWidth.keptTogether("svc GET /b")
        #expect(DisplayWidth.wrapped(text, to: 16) == ["under", "svc GET /a,", "svc GET /b"])
        // Wider than a line even alone: broken at its own spaces.
        #expect(DisplayWidth.wrapped(DisplayWidth.keptTogether("a-long-service GET /x"), to: 15) == ["a-long-service", "GET /x"])
    }
}
