import LoupeTrace
import Testing

@testable import LoupeOutput

@Suite("Hotspots text and Markdown")
struct HotspotsTextTests {
    static func hotspots(_ traces: [[Span]]) -> Hotspots {
        var h = Hotspots()
        for spans in traces { h.add(analyze(spans)) }
        return h
    }

    static func render(_ h: Hotspots, _ format: TraceOutputFormat = .text, rows: Int = 15, width: Int = 80) -> String {
        let bytes = HotspotsReport(format: format, rows: rows, color: false, parameters: ParallelParameters(), width: width)
            .render(h, errorTraces: [], totals: TraceInputTotals(read: ReadReport()))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A failed request whose wide-named root surfaces the error of its call.
    static let failed = [
        span("r", 0, 100, kind: .server, status: .error, service: "注文サービス", name: "作成"),
        span("c", parent: "r", 10, 90, kind: .client, status: .error, message: "refused", service: "api", name: "call"),
    ]

    @Test func columnsStayAlignedWithWideCharacters() {
        let lines = Self.render(Self.hotspots([Self.failed])).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Every header says what it counts: failed traces, and all spans of the operation.
        #expect(
            Array(lines.prefix(6)) == [
                "hotspots over 1 trace · 1 with errors · 1 failed", "", "error hotspots",
                "                     root cause",
                "                      in failed  share of  origin  surface    all",
                "  operation              traces    failed   spans    spans  spans",
            ])
        let rows = lines.filter { $0.hasPrefix("  api call ") || $0.hasPrefix("  注文サービス 作成 ") }
        #expect(
            rows.prefix(2) == [
                "  api call                    1    100.0%       1        0      1",
                "  注文サービス 作成           0      0.0%       0        1      1",
            ])
        // The self-time rows too: right-aligned numbers end in the same column.
        let selfRows = lines.drop { $0 != "critical-path self time" }.filter { $0.hasSuffix(" ms") }
        #expect(selfRows.count == 2)
        #expect(Set(selfRows.map(DisplayWidth.of)).count == 1)
    }

    @Test func theAsyncColumnOnlyWhenSomeTraceHadAnAsyncFailure() {
        let async = [
            span("r", 0, 100, name: "request"), span("p", parent: "r", 10, 20, kind: .producer, name: "publish"),
            span("c", parent: "p", 30, 80, kind: .consumer, status: .error, name: "consume"),
        ]
        let with = Self.render(Self.hotspots([Self.failed, async]))
        #expect(with.hasPrefix("hotspots over 2 traces · 2 with errors · 1 failed · 1 with an async failure\n"))
        #expect(with.contains("async root"))
        let without = Self.render(Self.hotspots([Self.failed]))
        #expect(!without.contains("async"))
    }

    @Test func topKeepsTheMoreLineInTextAndMarkdown() {
        let h = Self.hotspots([Self.failed])
        #expect(Self.render(h, rows: 1).contains("\n  … 1 more (--top N shows more, -o json shows all)\n"))
        #expect(Self.render(h, .markdown, rows: 1).contains("\n_… 1 more (`--top N` shows more, `-o json` shows all)_\n"))
        #expect(!Self.render(h, .markdown, rows: 2).contains("more ("))
    }

    @Test func narrowTablesPutTheOperationOnItsOwnLine() {
        let text = Self.render(Self.hotspots([Self.failed]), width: 60)
        #expect(linesWider(than: 60, in: text).isEmpty)
        #expect(text.contains("\n  api call\n           1    100.0%       1        0      1\n"))
    }
}
