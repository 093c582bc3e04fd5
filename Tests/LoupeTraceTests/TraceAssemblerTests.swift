import Testing

@testable import LoupeTrace

/// Assembly edge cases of TRACE-SEMANTICS 2, worked out by hand.
@Suite struct TraceAssemblerTests {
    @Test func duplicatesKeepTheFirst() {
        let trace = assemble([span("a", 0, 10, name: "first"), span("a", 0, 20, name: "second"), span("b", parent: "a", 1, 2)])
        #expect(trace.duplicatesDropped == 1)
        #expect(trace.spans.map(\.name) == ["first", "b"])
    }

    @Test func orphansHeadTheirOwnFragments() {
        let trace = assemble([span("r", 0, 10), span("o", parent: "missing", 5, 8), span("c", parent: "o", 6, 7)])
        #expect(trace.tree.missingParents == 1)
        #expect(trace.tree.fragments.map(\.kind) == [.root, .orphan])
        #expect(trace.tree.members(of: 1) == [1, 2])
    }

    @Test func multipleRootsAreOrderedByStartEndAndID() {
        let trace = assemble([span("z", 5, 9), span("b", 0, 10), span("a", 0, 10), span("y", 0, 3)])
        #expect(trace.tree.fragments.map { trace.spans[$0.head].spanID } == ["y", "a", "b", "z"])
        #expect(trace.tree.fragments.allSatisfy { $0.kind == .root })
        #expect(trace.rootSpan == 3)
    }

    @Test func cyclesAreCutAtTheSmallestStartThenID() {
        // a -> c -> b -> a (each names the next as parent); b starts first.
        let trace = assemble([span("a", parent: "c", 5, 9), span("b", parent: "a", 1, 9), span("c", parent: "b", 3, 9), span("r", 0, 1)])
        #expect(trace.tree.cyclesCut == 1)
        #expect(trace.tree.parent == [2, -1, 1, -1])
        #expect(trace.tree.fragments.map(\.kind) == [.root, .orphan])
        #expect(ids(trace, trace.tree.members(of: 1)) == ["b", "c", "a"])
    }

    @Test func tiedCycleMembersAreCutBySpanID() {
        let trace = assemble([span("q", parent: "p", 1, 2), span("p", parent: "q", 1, 2)])
        #expect(trace.tree.parent == [1, -1])  // p < q: p's link is cut
    }

    @Test func childrenAreOrderedByStartEndAndID() {
        let trace = assemble([
            span("p", 0, 10), span("c3", parent: "p", 2, 5), span("c2", parent: "p", 1, 9), span("c1", parent: "p", 2, 5),
        ])
        #expect(ids(trace, trace.tree.children(of: 0).map(Int.init)) == ["c2", "c1", "c3"])
    }
}
