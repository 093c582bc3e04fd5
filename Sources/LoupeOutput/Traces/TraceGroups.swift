import LoupeTrace

/// The parallel groups of one trace (TRACE-SEMANTICS 4.2), kept as data until the report's end,
/// when groups of all traces are sorted and rendered.
///
/// Rendered JSON is several times bigger than what it is made from (a few hundred bytes a
/// member against 17), and the groups of every trace wait for the last one: kept as JSON they
/// were a fifth of a big run's peak memory. The spans are the trace's own array, shared, not
/// copied; the rendering is exactly `TraceDocuments.parallelGroup`'s.
package struct TraceGroups: Sendable {
    let traceID: String
    let spans: [Span]
    let groups: [ParallelGroup]
    /// The clipped interval of each member and whether it lies on the critical path, the
    /// members of `groups[0]`, then those of `groups[1]`, ...
    let start: [Int64]
    let end: [Int64]
    let onCriticalPath: [Bool]

    package init(_ analysis: TraceAnalysis) {
        traceID = analysis.trace.traceID
        spans = analysis.trace.spans
        groups = analysis.parallelGroups
        let members = groups.reduce(0) { $0 + $1.spans.count }
        var start: [Int64] = []
        var end: [Int64] = []
        var onCriticalPath: [Bool] = []
        start.reserveCapacity(members)
        end.reserveCapacity(members)
        onCriticalPath.reserveCapacity(members)
        for group in groups {
            for s in group.spans {
                start.append(analysis.sanitized.start[s])
                end.append(analysis.sanitized.end[s])
                onCriticalPath.append(analysis.onCriticalPath[s])
            }
        }
        self.start = start
        self.end = end
        self.onCriticalPath = onCriticalPath
    }

    var isEmpty: Bool { groups.isEmpty }

    /// Where the members of each group start in `start`, `end` and `onCriticalPath`.
    func firstMembers() -> [Int] {
        var first: [Int] = []
        first.reserveCapacity(groups.count)
        var next = 0
        for group in groups {
            first.append(next)
            next += group.spans.count
        }
        return first
    }

    /// The sort key of group `g` of section 4.2's order.
    func order(_ g: Int, firstMember: Int) -> TraceDocuments.GroupOrder {
        let group = groups[g]
        return TraceDocuments.GroupOrder(
            saving: group.saving, traceID: traceID, parentSpanID: spans[group.parent].spanID,
            firstStart: group.spans.isEmpty ? 0 : start[firstMember])
    }

    /// Group `g` as one element of `groups`.
    func json(_ g: Int, firstMember: Int) -> [UInt8] {
        TraceDocuments.parallelGroup(
            groups[g], traceID: traceID, spans: spans, start: start[firstMember...], end: end[firstMember...],
            onCriticalPath: onCriticalPath[firstMember...])
    }
}
