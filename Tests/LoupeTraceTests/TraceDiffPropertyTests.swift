import LoupeTestSupport
import Testing

@testable import LoupeTrace

/// Rules `loupe diff` must keep on any pair of traces (random trees with skew, overlap,
/// orphans, cycles and async edges): the per-path figures account for every span, a trace
/// compared with itself changes nothing, and swapping the sides swaps the answer.
@Suite struct TraceDiffPropertyTests {
    static func analysis(_ seed: Int) -> TraceAnalysis {
        TraceAnalysis(CriticalPathPropertyTests.randomTrace(seed: UInt64(seed)))
    }

    /// The request's critical-path time: the non-detached fragments' durations.
    static func requestTime(_ a: TraceAnalysis) -> Int64 {
        a.paths.filter { $0.kind != .detached }.reduce(0) { $0 + $1.duration }
    }

    @Test(arguments: 0..<200)
    func pathFiguresAccountForEverySpan(seed: Int) {
        let a = Self.analysis(seed)
        let figures = a.pathFigures.values
        #expect(figures.reduce(0) { $0 + $1.calls } == Int64(a.trace.spans.count))
        #expect(figures.reduce(0) { $0 + $1.errors } == Int64(a.trace.spans.filter { $0.status == .error }.count))
        #expect(figures.reduce(0) { $0 + $1.totalNs } == a.trace.spans.reduce(0) { $0 + $1.duration })
        #expect(figures.reduce(0) { $0 + $1.cpSelfNs } == Self.requestTime(a))
        #expect(a.pathFigures.keys.allSatisfy { !$0.steps.isEmpty })
    }

    @Test(arguments: 0..<200)
    func aTraceComparedWithItselfChangesNothing(seed: Int) {
        let a = Self.analysis(seed)
        let diff = TraceDiff(base: [a], cur: [a])
        #expect(diff.rows.allSatisfy { $0.change == .same && $0.base == $0.cur })
        #expect(diff.rows.count == a.pathFigures.count)
        #expect(diff.causes().isEmpty)
    }

    @Test(arguments: 0..<200)
    func swappingTheSidesSwapsTheAnswer(seed: Int) {
        let a = Self.analysis(seed)
        let b = Self.analysis(seed + 1000)
        // A relative threshold is a share of the base side's time, which the swap changes.
        let threshold = TraceDiff.Threshold(relative: 0, absoluteNs: 3)
        let forward = TraceDiff(base: [a], cur: [b], threshold: threshold)
        let backward = Dictionary(uniqueKeysWithValues: TraceDiff(base: [b], cur: [a], threshold: threshold).rows.map { ($0.path, $0) })
        let mirror: [TraceDiff.Change: TraceDiff.Change] = [.added: .removed, .removed: .added, .changed: .changed, .same: .same]
        for row in forward.rows {
            let other = backward[row.path]
            #expect(other?.base == row.cur && other?.cur == row.base)
            #expect(other?.change == mirror[row.change], "\(row.path)")
        }
        #expect(backward.count == forward.rows.count)
        // The changes of critical-path self time add up to the change of the request's time.
        #expect(forward.rows.reduce(0) { $0 + $1.deltaCpSelfNs } == Self.requestTime(b) - Self.requestTime(a))
        // Rows come largest change first.
        let deltas = forward.rows.map { abs($0.deltaCpSelfNs) }
        #expect(deltas == deltas.sorted(by: >))
    }

    /// Traces of one request (one random trace, and copies with random spans left out, which
    /// makes orphans): every figure of the side is the lower median over all its traces, a path
    /// absent from a trace counting as 0. A path was once taken over only the traces where its
    /// first operation heads a fragment, so an orphan in one trace of three was `added`.
    @Test(arguments: 0..<150)
    func aSidesFiguresAreMediansOverEveryTraceOfTheRequest(seed: Int) {
        let whole = CriticalPathPropertyTests.randomTrace(seed: UInt64(seed))
        guard let root = whole.rootSpan else { return }
        let request = OperationKey(whole.spans[root])
        var rng = SplitMix64(seed: UInt64(seed) &+ 7_919)
        var analyses: [TraceAnalysis] = []
        for _ in 0..<Int.random(in: 2...5, using: &rng) {
            let kept = whole.spans.indices.filter { $0 == root || Int.random(in: 0..<3, using: &rng) > 0 }
            let trace = assemble(kept.map { whole.spans[$0] })
            if trace.rootSpan.map({ OperationKey(trace.spans[$0]) }) == request { analyses.append(TraceAnalysis(trace)) }
        }
        guard analyses.count >= 2 else { return }
        let perTrace = analyses.map(\.pathFigures)
        let side = TraceDiff(base: analyses, cur: analyses).base
        let keys = Set(perTrace.flatMap(\.keys))
        #expect(Set(side.paths.keys) == keys)
        for key in keys {
            let values = perTrace.map { $0[key] ?? PathFigures() }
            func lowerMedian(_ field: (PathFigures) -> Int64) -> Int64 { values.map(field).sorted()[(values.count - 1) / 2] }
            let expected = PathFigures(
                calls: lowerMedian(\.calls), totalNs: lowerMedian(\.totalNs), cpSelfNs: lowerMedian(\.cpSelfNs), errors: lowerMedian(\.errors))
            #expect(side.paths[key] == expected, "seed \(seed), \(key.steps.map(\.name))")
        }
    }

    /// A threshold of 0 still needs a move: a path whose time is the same is `same`.
    @Test func aZeroThresholdNeedsAMove() {
        let zero = TraceDiff.Threshold(relative: 0, absoluteNs: 0)
        #expect(!zero.isChange(from: 5, to: 5))
        #expect(zero.isChange(from: 5, to: 6))
        let a = Self.analysis(3)
        #expect(TraceDiff(base: [a], cur: [a], threshold: zero).rows.allSatisfy { $0.change == .same })
    }

    @Test func theMedianIsTheLowerMiddleValue() {
        #expect(TraceDiff.median([5]) == 5)
        #expect(TraceDiff.median([9, 1]) == 1)
        #expect(TraceDiff.median([3, 1, 2]) == 2)
        #expect(TraceDiff.median([4, 1, 3, 2]) == 2)
    }
}
