import LoupeTrace
import Testing

@testable import LoupeOutput

/// Property: whatever the names, messages and shape of a trace, no line of the text reports
/// is wider than the width they were asked to fit (by display width), for widths 60 to 200.
@Suite("Report width property")
struct ReportWidthPropertyTests {
    static let words = [
        "GET", "/v1/orders/{id}", "checkout", "注文サービス", "查询库存", "결제 처리", "ＡＰＩゲートウェイ", "cafe\u{301}", "🚀launch",
        "a", "SELECT", "redis", "driver.DriverService/FindNearest", "x" + String(repeating: "y", count: 70),
        "タイムアウト：決済ゲートウェイが五秒以内に応答しませんでした", "ok",
    ]

    static func text(_ rng: inout SplitMix64, words count: ClosedRange<Int>) -> String {
        (0..<Int.random(in: count, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
    }

    /// A random trace: chains and branches, calls and consumers, errors with long messages,
    /// children outside their parents, an orphan now and then.
    static func randomTrace(_ rng: inout SplitMix64) -> [Span] {
        let n = Int.random(in: 1...60, using: &rng)
        var spans = [span("s0", 0, 100_000, kind: .server, service: text(&rng, words: 1...2), name: text(&rng, words: 1...3))]
        for i in 1..<n {
            let p = Bool.random(using: &rng) ? i - 1 : Int.random(in: 0..<i, using: &rng)
            let ps = spans[p].start / 1_000_000
            let pe = spans[p].end / 1_000_000
            var start = Int64.random(in: ps...max(ps, pe), using: &rng)
            var end = Int64.random(in: start...max(start, pe), using: &rng)
            if Int.random(in: 0..<10, using: &rng) == 0 { start -= 50 }  // clock skew
            if Int.random(in: 0..<10, using: &rng) == 0 { end += 50 }  // past the parent
            let kind = [SpanKind.client, .server, .internal, .producer, .consumer].randomElement(using: &rng)!
            let error = Int.random(in: 0..<3, using: &rng) == 0
            let orphan = Int.random(in: 0..<25, using: &rng) == 0
            spans.append(
                span(
                    "s\(i)", parent: orphan ? "missing" : "s\(p)", start, end, kind: kind, status: error ? .error : .unset,
                    message: error ? text(&rng, words: 1...12) : nil, service: text(&rng, words: 1...2), name: text(&rng, words: 1...3),
                    db: Int.random(in: 0..<4, using: &rng) == 0))
        }
        return spans
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func noLineIsWiderThanTheWidth(_ seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var hotspots = Hotspots()
        for _ in 0..<25 {
            let a = analyze(Self.randomTrace(&rng))
            hotspots.add(a)
            let width = Int.random(in: 60...200, using: &rng)
            let color = Bool.random(using: &rng)
            let text = TraceText(sections: .all, color: color, width: width).render(a)
            let wide = linesWider(than: width, in: text)
            #expect(wide.isEmpty, "width \(width):\n\(wide.joined(separator: "\n"))\n\(text)")
        }
        for width in [60, 61, 80, 99, 120, 200] {
            let bytes = HotspotsReport(format: .text, rows: 15, color: false, parameters: ParallelParameters(), width: width)
                .render(hotspots, errorTraces: [], totals: TraceInputTotals(read: ReadReport()))
            let text = String(decoding: bytes, as: UTF8.self)
            let wide = linesWider(than: width, in: text)
            #expect(wide.isEmpty, "hotspots at width \(width):\n\(wide.joined(separator: "\n"))")
        }
    }
}
