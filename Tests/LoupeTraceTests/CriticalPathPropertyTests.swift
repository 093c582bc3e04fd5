import LoupeTestSupport
import Testing

@testable import LoupeTrace

/// Properties every critical path must have, on random trees with skew, overlap, ties, zero
/// durations, async edges, orphans and cycles (TRACE-SEMANTICS 3).
@Suite struct CriticalPathPropertyTests {
    /// A random trace: parents are earlier spans (or missing, or later: cycles), times are
    /// small integers so ties and touching intervals are frequent.
    static func randomTrace(seed: UInt64) -> Trace {
        var rng = SplitMix64(seed: seed)
        let count = Int.random(in: 1...60, using: &rng)
        var spans: [Span] = []
        for i in 0..<count {
            var parent: String?
            let roll = Int.random(in: 0..<100, using: &rng)
            if i > 0 && roll < 80 {
                parent = "s\(Int.random(in: 0..<i, using: &rng))"
            } else if roll < 85 {
                parent = "missing"
            } else if roll < 88 {
                parent = "s\(Int.random(in: 0..<count, using: &rng))"  // may close a cycle
            }
            let start = Int64.random(in: 0...40, using: &rng)
            let end = start + Int64.random(in: 0...30, using: &rng)
            let kinds: [SpanKind] = [.internal, .client, .server, .producer, .consumer, .unspecified]
            spans.append(
                span(
                    "s\(i)", parent: parent, start, end, kind: kinds.randomElement(using: &rng)!,
                    ref: Int.random(in: 0..<10, using: &rng) == 0 ? .followsFrom : .childOf,
                    db: Bool.random(using: &rng)))
        }
        return assemble(spans)
    }

    @Test(arguments: 0..<300)
    func segmentsTileEveryFragmentExactly(seed: Int) {
        let analysis = TraceAnalysis(
            Self.randomTrace(seed: UInt64(seed)),
            parameters: {
                var p = ParallelParameters(); p.minSaving = 0; return p
            }())
        for path in analysis.paths {
            let segments = path.segments
            if path.duration == 0 {
                #expect(segments.isEmpty)
                continue
            }
            #expect(segments.first?.start == path.start)
            #expect(segments.last?.end == path.end)
            for (a, b) in zip(segments, segments.dropFirst()) {
                #expect(a.end == b.start, "segments touch")
                #expect(a.span != b.span, "neighbours of one span are merged")
            }
            #expect(segments.allSatisfy { $0.end > $0.start })
            #expect(path.selfTime.reduce(0) { $0 + $1.nanoseconds } == path.duration)
            // Each segment lies inside its span's clipped interval, and the span was visited.
            for segment in segments {
                #expect(analysis.sanitized.start[segment.span] <= segment.start && segment.end <= analysis.sanitized.end[segment.span])
                #expect(analysis.onCriticalPath[segment.span])
                #expect(analysis.trace.tree.fragmentOf[segment.span] == Int32(path.fragment))
            }
        }
        // Every span is in exactly one fragment, and parents form a forest.
        #expect(analysis.trace.tree.fragmentOf.allSatisfy { $0 >= 0 })
        for group in analysis.parallelGroups {
            #expect(group.saving == min(group.naiveSaving, group.criticalPathContribution))
            #expect(group.saving >= 0)
        }
    }
}
