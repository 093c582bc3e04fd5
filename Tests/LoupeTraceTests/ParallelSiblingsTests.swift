import Testing

@testable import LoupeTrace

/// Sequential sibling groups (TRACE-SEMANTICS 4), worked out by hand in milliseconds.
@Suite struct ParallelSiblingsTests {
    static func groups(_ spans: [Span], _ configure: (inout ParallelParameters) -> Void = { _ in }) -> (Trace, [ParallelGroup]) {
        var parameters = ParallelParameters()
        configure(&parameters)
        let analysis = TraceAnalysis(assemble(spans), parameters: parameters)
        return (analysis.trace, analysis.parallelGroups)
    }

    static let nPlusOne = [
        span("p", 0, 100, kind: .server), span("q1", parent: "p", 10, 20, db: true, ), span("q2", parent: "p", 21, 31, db: true),
        span("q3", parent: "p", 32, 42, db: true),
    ]

    @Test func anNPlusOneRun() {
        let (trace, groups) = Self.groups(
            Self.nPlusOne.map {
                var s = $0; if s.spanID != "p" { s.name = "SELECT" }; return s
            })
        #expect(groups.count == 1)
        let g = groups[0]
        #expect(ids(trace, g.spans) == ["q1", "q2", "q3"])
        #expect(g.kind == .nPlusOne)
        #expect(g.name == "SELECT" && g.repeatCount == 3)
        #expect(g.sum == 30_000_000 && g.max == 10_000_000)
        #expect(g.naiveSaving == 20_000_000)
        #expect(g.criticalPathContribution == 30_000_000)
        #expect(g.saving == 20_000_000)
    }

    @Test func differentOperationsAreSequential() {
        let (_, groups) = Self.groups(Self.nPlusOne)
        #expect(groups.map(\.kind) == [.sequential])
        #expect(groups[0].name == "q1" && groups[0].repeatCount == 1)
    }

    @Test func aGapAboveMaxGapBreaksTheRun() {
        let (trace, groups) = Self.groups(Self.nPlusOne) { $0.maxGap = 500_000 }
        #expect(groups.isEmpty)
        let (_, wider) = Self.groups(Self.nPlusOne) { $0.maxGap = 1_000_000 }
        #expect(wider.count == 1)
        _ = trace
    }

    @Test func overlapBreaksTheRun() {
        let (trace, groups) = Self.groups([
            span("p", 0, 100), span("a", parent: "p", 10, 30, kind: .client), span("b", parent: "p", 25, 40, kind: .client),
            span("c", parent: "p", 40, 50, kind: .client),
        ])
        #expect(groups.map { ids(trace, $0.spans) } == [["b", "c"]])
    }

    @Test func internalChildrenNeitherJoinNorBreak() {
        let (trace, groups) = Self.groups([
            span("p", 0, 100), span("a", parent: "p", 10, 20, kind: .client), span("i", parent: "p", 20, 21, kind: .internal),
            span("b", parent: "p", 21, 30, kind: .client),
        ])
        #expect(groups.map { ids(trace, $0.spans) } == [["a", "b"]])
    }

    @Test func aRunOffTheCriticalPathSavesNothing() {
        let spans = [
            span("p", 0, 100), span("x", parent: "p", 0, 95), span("a", parent: "p", 10, 20, kind: .client),
            span("b", parent: "p", 21, 31, kind: .client),
        ]
        #expect(Self.groups(spans).1.isEmpty)
        let (_, kept) = Self.groups(spans) { $0.minSaving = 0 }
        #expect(kept.map(\.saving) == [0])
        #expect(kept.map(\.criticalPathContribution) == [0])
    }

    @Test func zeroLengthCallsAtOneInstantAreSequential() {
        let (_, groups) = Self.groups([
            span("p", 0, 10), span("a", parent: "p", 5, 5, kind: .client), span("b", parent: "p", 5, 5, kind: .client),
        ]) {
            $0.minSaving = 0
        }
        #expect(groups.map(\.spans.count) == [2])
    }

    @Test func millisecondsRoundToNanoseconds() {
        #expect(ParallelParameters.nanoseconds(milliseconds: 1.0000004) == 1_000_000)
        #expect(ParallelParameters.nanoseconds(milliseconds: 0.0015) == 1_500)
    }
}
