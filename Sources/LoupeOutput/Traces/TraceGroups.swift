import LoupeTrace

/// The parallel groups of one trace (TRACE-SEMANTICS 4.2), as data: what a worker hands the
/// report, which keeps them (`GroupStore`) until the end, when groups of all traces are sorted
/// and rendered.
///
/// Rendered JSON is several times bigger than what it is made from (a few hundred bytes a
/// member against 21), and the groups of every trace wait for the last one: kept as JSON they
/// were a fifth of a big run's peak memory. The spans are the trace's own array, shared, not
/// copied; the rendering is exactly `TraceDocuments.parallelGroup`'s.
package struct TraceGroups: Sendable {
    let traceID: String
    let spans: [Span]
    /// The groups without their member lists (`spans` empty): an analysis builds those with
    /// room to spare, one small array per group, tens of thousands in a big run.
    let groups: [ParallelGroup]
    /// Where the members of each group start in `members`, `start`, `end` and
    /// `onCriticalPath`, and one past the last group's.
    let firstMember: [Int32]
    /// The members of `groups[0]`, then those of `groups[1]`, ..., each with its clipped
    /// interval and whether it lies on the critical path.
    let members: [Int32]
    let start: [Int64]
    let end: [Int64]
    let onCriticalPath: [Bool]

    package init(_ analysis: TraceAnalysis) {
        traceID = analysis.trace.traceID
        spans = analysis.trace.spans
        let all = analysis.parallelGroups
        let count = all.reduce(0) { $0 + $1.spans.count }
        var groups: [ParallelGroup] = []
        var firstMember: [Int32] = []
        var members: [Int32] = []
        var start: [Int64] = []
        var end: [Int64] = []
        var onCriticalPath: [Bool] = []
        groups.reserveCapacity(all.count)
        firstMember.reserveCapacity(all.count + 1)
        members.reserveCapacity(count)
        start.reserveCapacity(count)
        end.reserveCapacity(count)
        onCriticalPath.reserveCapacity(count)
        for var group in all {
            firstMember.append(Int32(members.count))
            for s in group.spans {
                members.append(Int32(s))
                start.append(analysis.sanitized.start[s])
                end.append(analysis.sanitized.end[s])
                onCriticalPath.append(analysis.onCriticalPath[s])
            }
            group.spans = []
            groups.append(group)
        }
        firstMember.append(Int32(members.count))
        self.groups = groups
        self.firstMember = firstMember
        self.members = members
        self.start = start
        self.end = end
        self.onCriticalPath = onCriticalPath
    }
}

/// The parallel groups of every trace so far, in a few flat arrays that the report fills on its
/// own thread: a handful of big allocations instead of several small arrays per trace, made
/// on the workers among the scratch of their analyses.
struct GroupStore {
    /// Per trace with groups: its id and spans (shared with the trace, not copied).
    private var traces: [(traceID: String, spans: [Span])] = []
    private var traceOf: [Int32] = []
    private var groups: [ParallelGroup] = []
    /// As `TraceGroups.firstMember`, over all groups.
    private var firstMember: [Int32] = [0]
    private var members: [Int32] = []
    private var start: [Int64] = []
    private var end: [Int64] = []
    private var onCriticalPath: [Bool] = []

    var count: Int { groups.count }

    mutating func add(_ trace: TraceGroups) {
        let t = Int32(traces.count)
        traces.append((trace.traceID, trace.spans))
        let offset = Int32(members.count)
        for g in trace.groups.indices {
            traceOf.append(t)
            groups.append(trace.groups[g])
            firstMember.append(offset + trace.firstMember[g + 1])
        }
        members += trace.members
        start += trace.start
        end += trace.end
        onCriticalPath += trace.onCriticalPath
    }

    /// The sort key of group `g` of section 4.2's order.
    func order(_ g: Int) -> TraceDocuments.GroupOrder {
        let group = groups[g]
        let trace = traces[Int(traceOf[g])]
        let first = Int(firstMember[g])
        return TraceDocuments.GroupOrder(
            saving: group.saving, traceID: trace.traceID, parentSpanID: trace.spans[group.parent].spanID,
            firstStart: first < Int(firstMember[g + 1]) ? start[first] : 0)
    }

    /// Group `g` as one element of `groups`.
    func json(_ g: Int) -> [UInt8] {
        let trace = traces[Int(traceOf[g])]
        let range = Int(firstMember[g])..<Int(firstMember[g + 1])
        return TraceDocuments.parallelGroup(
            groups[g], traceID: trace.traceID, spans: trace.spans, members: members[range], start: start[range], end: end[range],
            onCriticalPath: onCriticalPath[range])
    }
}
