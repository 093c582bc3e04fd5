import Foundation
import LoupeTrace
import Testing

@testable import LoupeOutput

@Suite("Folded stacks of critical-path time")
struct FoldedStacksTests {
    /// The checkout trace: the request's path (the root fragment and the orphan; not the
    /// detached consumer) by operation path, each line `frames ns`.
    @Test func checkout() {
        let a = PictureFixtures.analysis("checkout.otlp.json")
        let stacks = FoldedStacks(a)
        let requests = a.paths.filter { $0.kind != .detached }.reduce(Int64(0)) { $0 + $1.duration }
        #expect(stacks.total == requests)
        #expect(stacks.text.contains("frontend GET /checkout;frontend POST /charge;payments POST /charge;payments POST psp 28000000\n"))
        #expect(stacks.text.contains("frontend GET /checkout 11000000\n"))
        #expect(!stacks.text.contains("notifications process order"))
        for line in stacks.text.split(separator: "\n") {
            #expect(Int64(line.split(separator: " ").last!) != nil)
        }
    }

    /// Merging per-trace stacks equals the stacks of all traces, and the total is the sum of
    /// every request's critical path.
    @Test func merging() {
        let analyses = PictureFixtures.analyses("Samples/traces.json")
        var merged = FoldedStacks()
        for a in analyses { merged.merge(FoldedStacks(a)) }
        let total = analyses.flatMap { $0.paths.filter { $0.kind != .detached } }.reduce(Int64(0)) { $0 + $1.duration }
        #expect(merged.total == total)
        let lines = merged.text.split(separator: "\n")
        #expect(lines == lines.sorted())
    }

    @Test func semicolonsInNamesDoNotSplitFrames() {
        let span = Span(spanID: "1", parentID: nil, service: "a;b", name: "c\nd", start: 0, end: 1)
        #expect(FoldedStacks.frame(span) == "a,b c\\nd")
    }
}
