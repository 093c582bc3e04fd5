import Foundation
import LoupeTrace
import Testing

@testable import LoupeOutput

/// The terminal waterfall at a fixed width, with and without colors, compared byte for byte
/// with Tests/Fixtures/golden/waterfall.*. After a deliberate change of output, re-record with
/// `LOUPE_RECORD_GOLDEN=1 swift test --filter WaterfallGoldenTests` and review the diff.
@Suite("Waterfall golden files")
struct WaterfallGoldenTests {
    static let cases: [(name: String, file: String, width: Int, color: Bool, expand: Bool)] = [
        ("checkout.100", "checkout.otlp.json", 100, false, false),
        ("checkout.100-color", "checkout.otlp.json", 100, true, false),
        ("hotrod.100", "Samples/hotrod-trace.json", 100, false, false),
        ("hotrod.80-color", "Samples/hotrod-trace.json", 80, true, false),
        ("wide.100", "wide.otlp.json", 100, false, false),
        ("wide.100-color", "wide.otlp.json", 100, true, false),
        ("deep30.100", "deep30.otlp.json", 100, false, false),
        ("cjk.100", "cjk.otlp.json", 100, false, false),
    ]

    @Test(arguments: cases)
    func golden(_ c: (name: String, file: String, width: Int, color: Bool, expand: Bool)) throws {
        let text = WaterfallText(width: c.width, color: c.color, expand: c.expand).render(PictureFixtures.analysis(c.file))
        if let problem = try PictureFixtures.compareGolden("waterfall.\(c.name)", text) { Issue.record(Comment(rawValue: problem)) }
    }

    /// Without colors the same characters are drawn: colors only add emphasis.
    @Test(arguments: ["checkout.otlp.json", "wide.otlp.json", "Samples/hotrod-trace.json"])
    func colorsAddNoCharacters(_ file: String) {
        let a = PictureFixtures.analysis(file)
        let plain = WaterfallText(width: 100, color: false).render(a)
        let colored = WaterfallText(width: 100, color: true).render(a)
        #expect(DisplayWidth.stripped(colored) == plain)
        #expect(!plain.contains("\u{1B}"))
    }

    @Test(arguments: [60, 73, 100, 151])
    func noLineIsWiderThanTheWidth(_ width: Int) {
        for file in [
            "checkout.otlp.json", "wide.otlp.json", "deep30.otlp.json", "cjk.otlp.json", "hostile.otlp.json", "Samples/hotrod-trace.json",
        ] {
            for expand in [false, true] {
                let text = WaterfallText(width: width, color: false, expand: expand).render(PictureFixtures.analysis(file))
                for line in text.split(separator: "\n") {
                    #expect(DisplayWidth.of(String(line)) <= width, "\(file) at \(width): \(line)")
                }
            }
        }
    }

    /// Wide traces collapse repeated siblings; `--expand` draws every span.
    @Test func collapsingAndExpanding() {
        let a = PictureFixtures.analysis("wide.otlp.json")
        let collapsed = WaterfallLayout(a)
        #expect(collapsed.rows.count == 1 + 3 + 27)
        let redis = collapsed.rows[1]
        #expect(redis.content == .collapsed(first: redis.members[0], count: 40, hiddenBelow: 0))
        #expect(redis.origin && redis.error && redis.onPath)
        let sql = collapsed.rows[3]
        #expect(sql.content == .collapsed(first: sql.members[0], count: 13, hiddenBelow: 13))
        let expanded = WaterfallLayout(a, expand: true)
        #expect(expanded.rows.count == a.trace.spans.count)
        #expect(expanded.hiddenSpans == 0 && collapsed.hiddenSpans == 0)
        // Every critical-path segment lands on some row, collapsed or not.
        let total = a.paths.flatMap(\.segments).reduce(Int64(0)) { $0 + $1.duration }
        for layout in [collapsed, expanded] {
            #expect(layout.rows.flatMap(\.segments).reduce(Int64(0)) { $0 + $1.end - $1.start } == total)
        }
    }

    /// A small trace draws every span even with repeated siblings (HotROD's 13 GetDriver calls).
    @Test func smallTracesDrawEverySpan() {
        let a = PictureFixtures.analysis("Samples/hotrod-trace.json")
        #expect(WaterfallLayout(a).rows.count == a.trace.spans.count)
    }

    @Test func timeAxisTicks() {
        let axis = TimeAxis(duration: 150_000_000, count: 10)
        #expect(axis.step == 20_000_000)
        #expect(axis.ticks.map(axis.label) == ["0", "20 ms", "40 ms", "60 ms", "80 ms", "100 ms", "120 ms", "140 ms"])
        let short = TimeAxis(duration: 900, count: 4)
        #expect(short.ticks.map(short.label) == ["0", "200 ns", "400 ns", "600 ns", "800 ns"])
        #expect(TimeAxis(duration: 700_000_000, count: 7).step == 100_000_000)
        let long = TimeAxis(duration: 95_000_000_000, count: 5)
        #expect(long.ticks.map(long.label) == ["0", "20 s", "40 s", "60 s", "80 s"])
    }
}

extension WaterfallGoldenTests {
    /// In Markdown the drawing is fenced by more backticks than any name holds, so a span named
    /// with backticks cannot end the block.
    @Test func markdownFenceOutgrowsBackticksInNames() throws {
        var a = PictureFixtures.analysis("checkout.otlp.json")
        var spans = a.trace.spans
        spans[0].name = "````` GET"
        a = TraceAnalysis(TraceAssembler.assemble(TraceSpans(traceID: a.trace.traceID, spans: spans)))
        let markdown = WaterfallText(width: 100, color: true).markdown(a)
        #expect(markdown.hasPrefix("**Waterfall**\n\n``````text\n"))
        #expect(markdown.hasSuffix("\n``````\n\n"))
        #expect(!markdown.contains("\u{1B}"))
    }
}
