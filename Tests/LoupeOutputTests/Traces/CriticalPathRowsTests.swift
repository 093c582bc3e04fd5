import LoupeTrace
import Testing

@testable import LoupeOutput

@Suite("Critical-path rows")
struct CriticalPathRowsTests {
    /// A chain of 30 spans, s00 … s29, each [i, 200 - i] ms inside the one before: 2 ms of
    /// self time each (1 before its child, 1 after), 142 ms for the leaf.
    static func chain(_ levels: Int = 30) -> TraceAnalysis {
        var spans: [Span] = []
        for i in 0..<levels {
            let id = i < 10 ? "s0\(i)" : "s\(i)"
            let parent: String? = i == 0 ? nil : (i - 1 < 10 ? "s0\(i - 1)" : "s\(i - 1)")
            spans.append(span(id, parent: parent, Int64(i), Int64(200 - i), name: "level \(i)"))
        }
        return analyze(spans)
    }

    static func describe(_ rows: CriticalPathRows, _ a: TraceAnalysis) -> [String] {
        rows.rows.map { row in
            let what: String
            switch row.content {
            case .span(let s): what = a.trace.spans[s].spanID.description
            case .collapsed(let levels, let spans): what = "collapsed \(levels) levels \(spans) spans"
            }
            return "\(row.depth) \(what) \(row.selfTime / 1_000_000)"
        }
    }

    @Test func deepChainCollapsesInTheMiddleAndKeepsTheDeepestLevels() {
        let a = Self.chain()
        let rows = CriticalPathRows(a.paths[0], in: a, maxRows: 40, maxDepth: 8)
        // Three levels under the head are kept (collapseFrom 3); the chain below s03 needs 26
        // more levels, 8 fit: s04 … s25 become one row; s26 … s29 hang under it.
        #expect(
            Self.describe(rows, a) == [
                "0 s00 2", "1 s01 2", "2 s02 2", "3 s03 2", "4 collapsed 22 levels 22 spans 44", "5 s26 2", "6 s27 2", "7 s28 2",
                "8 s29 142",
            ])
        #expect(rows.omittedSpans == 0)
        #expect(rows.rows.map(\.selfTime).reduce(0, +) == a.paths[0].duration)
    }

    @Test func aChainThatFitsIsNotCollapsed() {
        let a = Self.chain(10)
        let rows = CriticalPathRows(a.paths[0], in: a, maxDepth: 9)
        #expect(rows.rows.map(\.depth) == Array(0...9))
    }

    @Test func aHundredThousandLevelsPrintAHandfulOfRows() {
        let n = 100_000
        var spans = [span("root", 0, 2 * Int64(n))]
        for i in 1..<n { spans.append(span("c\(i)", parent: i == 1 ? "root" : "c\(i - 1)", Int64(i), 2 * Int64(n) - Int64(i))) }
        let a = analyze(spans)
        let rows = CriticalPathRows(a.paths[0], in: a, maxDepth: 9)
        #expect(rows.rows.count <= 12)
        #expect(rows.rows.map(\.depth).max() == 9)
        // Every span's self time is in a row or in the omitted line.
        #expect(rows.rows.map(\.selfTime).reduce(0, +) + rows.omittedTime == a.paths[0].duration)
    }

    @Test func treeDrawingContinuesALevelWhileItHasSiblingsToCome() {
        // r ─┬─ a ── a1        rows: r, ├─ a, │  └─ a1, └─ b
        //    └─ b
        let a = analyze([
            span("r", 0, 100), span("a", parent: "r", 10, 40), span("a1", parent: "a", 12, 38), span("b", parent: "r", 50, 90),
        ])
        let rows = CriticalPathRows(a.paths[0], in: a)
        #expect(rows.rows.map { $0.prefix() } == ["", "├─ ", "│  └─ ", "└─ "])
    }

    @Test func aRowReachedThroughHiddenSpansSaysWhichOnes() {
        // r → c (1 ms of its own, not shown with maxRows 2) → g (most of the time).
        let a = analyze([span("r", 0, 100), span("c", parent: "r", 10, 90), span("g", parent: "c", 11, 89)])
        let rows = CriticalPathRows(a.paths[0], in: a, maxRows: 2)
        let via = rows.rows.last?.via
        #expect(via.map { a.trace.spans[$0.nearest].spanID } == "c")
        #expect(via?.levels == 1)
        #expect(rows.omittedSpans == 1)
        #expect(TraceWords.via(via!, operation: "svc c") == "via svc c")
        #expect(TraceWords.via(CriticalPathRows.Via(nearest: 0, levels: 3), operation: "svc c") == "via svc c and 2 levels above it")
    }
}
