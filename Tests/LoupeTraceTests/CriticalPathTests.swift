import Testing

@testable import LoupeTrace

/// Critical paths of small trees worked out by hand (TRACE-SEMANTICS 3).
@Suite struct CriticalPathTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var spans: [Span]
        var segments: [String]
        var selfTime: [String] = []
        var clipped = 0
        var dropped = 0
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // jaeger-ui test2: C hides A.
        Case(
            name: "overlapping children",
            spans: [span("x", 1, 101), span("a", parent: "x", 10, 50), span("c", parent: "x", 20, 60)],
            segments: ["x[1,20]", "c[20,60]", "x[60,101]"], selfTime: ["x:60", "c:40"]),
        // end(b) == start(c): b is chosen (<=), not billed to the parent.
        Case(
            name: "back-to-back children",
            spans: [span("p", 0, 100), span("b", parent: "p", 10, 40), span("c", parent: "p", 40, 90)],
            segments: ["p[0,10]", "b[10,40]", "c[40,90]", "p[90,100]"]),
        Case(
            name: "identical twins: the smaller span id",
            spans: [span("p", 0, 30), span("b", parent: "p", 10, 20), span("a", parent: "p", 10, 20)],
            segments: ["p[0,10]", "a[10,20]", "p[20,30]"]),
        Case(
            name: "same end: the earliest start",
            spans: [span("p", 0, 30), span("late", parent: "p", 15, 20), span("early", parent: "p", 5, 20)],
            segments: ["p[0,5]", "early[5,20]", "p[20,30]"]),
        Case(
            name: "zero-duration child: visited, no segment",
            spans: [span("p", 0, 10), span("z", parent: "p", 5, 5)],
            segments: ["p[0,10]"]),
        Case(name: "zero-duration fragment", spans: [span("p", 7, 7)], segments: []),
        Case(
            name: "child overflows the parent's end: clipped",
            spans: [span("p", 10, 20), span("c", parent: "p", 15, 30), span("g", parent: "c", 18, 29)],
            segments: ["p[10,15]", "c[15,18]", "g[18,20]"], clipped: 2),
        Case(
            name: "child starts before the parent: clipped",
            spans: [span("p", 10, 20), span("c", parent: "p", 5, 15)],
            segments: ["c[10,15]", "p[15,20]"], clipped: 1),
        Case(
            name: "child overflows both sides: clipped, not dropped",
            spans: [span("p", 10, 20), span("c", parent: "p", 5, 25)],
            segments: ["c[10,20]"], clipped: 1),
        Case(
            name: "children outside the parent: dropped with their subtrees",
            spans: [
                span("p", 10, 20), span("after", parent: "p", 20, 30), span("under", parent: "after", 21, 22),
                span("before", parent: "p", 0, 10),
            ],
            segments: ["p[10,20]"], dropped: 2),
        Case(
            name: "nested chain",
            spans: [span("r", 0, 100), span("a", parent: "r", 10, 90), span("b", parent: "a", 20, 80), span("c", parent: "b", 30, 70)],
            segments: ["r[0,10]", "a[10,20]", "b[20,30]", "c[30,70]", "b[70,80]", "a[80,90]", "r[90,100]"],
            selfTime: ["c:40", "a:20", "b:20", "r:20"]),
    ]

    @Test(arguments: cases)
    func segmentsOfTheMainFragment(_ c: Case) {
        let analysis = TraceAnalysis(assemble(c.spans))
        #expect(segments(analysis) == c.segments)
        let path = analysis.paths[0]
        #expect(path.clippedSpans == c.clipped)
        #expect(path.droppedSpans == c.dropped)
        if !c.selfTime.isEmpty {
            let selfTime = path.selfTime.map { "\(analysis.trace.spans[$0.span].spanID):\($0.nanoseconds / 1_000_000)" }
            #expect(selfTime == c.selfTime)
        }
        #expect(path.segments.reduce(0) { $0 + $1.duration } == path.duration)
    }

    @Test func zeroDurationChildIsOnThePath() {
        let analysis = TraceAnalysis(assemble([span("p", 0, 10), span("z", parent: "p", 5, 5)]))
        #expect(analysis.onCriticalPath == [true, true])
    }

    @Test func followsFromStartsADetachedFragment() {
        let trace = assemble([span("p", 0, 10), span("f", parent: "p", 5, 50, ref: .followsFrom), span("g", parent: "f", 6, 40)])
        #expect(trace.tree.fragments == [Fragment(head: 0, kind: .root), Fragment(head: 1, kind: .detached)])
        let analysis = TraceAnalysis(trace)
        #expect(segments(analysis, fragment: 0) == ["p[0,10]"])
        #expect(segments(analysis, fragment: 1) == ["f[5,6]", "g[6,40]", "f[40,50]"])
    }

    @Test func producerToConsumerDoesNotBlock() {
        let trace = assemble([
            span("p", 0, 10, kind: .producer), span("c", parent: "p", 12, 30, kind: .consumer), span("k", parent: "p", 2, 4, kind: .client),
        ])
        #expect(trace.tree.blocking == [false, false, true])
        #expect(trace.tree.fragments.map(\.kind) == [.root, .detached])
        #expect(segments(TraceAnalysis(trace)) == ["p[0,2]", "k[2,4]", "p[4,10]"])
    }

    /// A 100,000-level chain: nothing in assembly or analysis may recurse.
    @Test(arguments: [32, 100_000])
    func deepChain(levels: Int) {
        var spans: [Span] = []
        for i in 0..<levels {
            spans.append(span("s\(i)", parent: i == 0 ? nil : "s\(i - 1)", Int64(i), Int64(2 * levels - i)))
        }
        let analysis = TraceAnalysis(assemble(spans))
        let path = analysis.paths[0]
        #expect(path.segments.count == 2 * levels - 1)
        #expect(path.segments.reduce(0) { $0 + $1.duration } == path.duration)
        #expect(analysis.onCriticalPath.allSatisfy { $0 })
    }
}
