import LoupeTestSupport
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

    /// Section 4.1 step 5, worked by hand. P[0,100] has calls A[0,40] and B[40,70] (one group:
    /// 70 serial, 40 in parallel, saves 30) and an INTERNAL step I[70,100] with calls
    /// c1[71,80], c2[80,95] (saves 9). Inside B, the server S[41,69] makes three queries
    /// q1[42,52], q2[52,62], q3[62,68] (saves 16), a group nested in B. The total is 30 + 9:
    /// running A and B at once already hides the queries' time inside B's.
    @Test func aGroupInsideAMemberIsNestedAndLeftOutOfTheTotal() throws {
        let analysis = TraceAnalysis(
            assemble([
                span("P", 0, 100, kind: .server), span("A", parent: "P", 0, 40, kind: .client), span("B", parent: "P", 40, 70, kind: .client),
                span("I", parent: "P", 70, 100), span("c1", parent: "I", 71, 80, kind: .client), span("c2", parent: "I", 80, 95, kind: .client),
                span("S", parent: "B", 41, 69, kind: .server), span("q1", parent: "S", 42, 52, db: true),
                span("q2", parent: "S", 52, 62, db: true), span("q3", parent: "S", 62, 68, db: true),
            ]))
        let groups = analysis.parallelGroups.map { group in
            "\(ids(analysis.trace, group.spans).joined(separator: ",")) saves \(group.saving / 1_000_000)\(group.nested ? " nested" : "")"
        }
        #expect(groups.sorted() == ["A,B saves 30", "c1,c2 saves 9", "q1,q2,q3 saves 16 nested"])
        #expect(analysis.totalSaving == 39_000_000)
        let inner = try #require(analysis.parallelGroups.first { $0.nested })
        let outer = try #require(inner.outer)
        #expect(ids(analysis.trace, analysis.parallelGroups[outer].spans) == ["A", "B"])
    }

    /// A group under the parent of another group, or in another fragment, is not nested.
    @Test func groupsBesideEachOtherAreNotNested() {
        let analysis = TraceAnalysis(
            assemble([
                span("P", 0, 100, kind: .server), span("A", parent: "P", 0, 40, kind: .client), span("B", parent: "P", 40, 70, kind: .client),
                span("O", parent: "gone", 200, 300, kind: .server), span("x", parent: "O", 200, 250, kind: .client),
                span("y", parent: "O", 250, 300, kind: .client),
            ]))
        #expect(analysis.parallelGroups.count == 2)
        #expect(analysis.parallelGroups.allSatisfy { !$0.nested })
        #expect(analysis.totalSaving == 30_000_000 + 50_000_000)
    }

    /// Property: the total never exceeds the critical-path time of the fragments, and it is
    /// the sum over groups that are not nested.
    @Test func theTotalAddsOutermostGroupsOnly() {
        var random = SplitMix64(seed: 5)
        for _ in 0..<300 {
            var spans = [span("r", 0, 1000, kind: .server)]
            for i in 1..<40 {
                let parent = spans[Int(random.next() % UInt64(i))]
                let length = parent.duration / 1_000_000
                let start = parent.start / 1_000_000 + Int64(random.next() % UInt64(max(length, 1)))
                let end = min(start + 1 + Int64(random.next() % 200), parent.end / 1_000_000)
                spans.append(span("s\(i)", parent: parent.spanID.description, start, end, kind: random.next() % 3 == 0 ? .internal : .client))
            }
            let analysis = TraceAnalysis(assemble(spans))
            #expect(analysis.totalSaving == analysis.parallelGroups.filter { !$0.nested }.reduce(0) { $0 + $1.saving })
            #expect(analysis.totalSaving <= analysis.paths.reduce(0) { $0 + $1.duration })
        }
    }
}
