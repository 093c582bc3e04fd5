/// Everything loupe reports about one trace: critical paths, parallelizable groups, error
/// origins. A pure function of the trace and the parameters.
package struct TraceAnalysis: Sendable {
    package let trace: Trace
    package let sanitized: SanitizedTree
    /// One path per fragment, in fragment order.
    package let paths: [FragmentPath]
    /// Spans the critical-path walks visited (`on_critical_path`).
    package let onCriticalPath: [Bool]
    package let parallelGroups: [ParallelGroup]
    package let errors: TraceErrors
    /// Each span's (service, name), indexed once for all per-operation sums.
    package let operations: TraceOperations

    package init(_ trace: Trace, parameters: ParallelParameters = ParallelParameters()) {
        self.trace = trace
        sanitized = SanitizedTree(trace)
        operations = TraceOperations(trace.spans)
        (paths, onCriticalPath) = CriticalPath.analyze(trace, sanitized)
        parallelGroups = ParallelSiblings.analyze(trace, sanitized, visited: onCriticalPath, parameters, operations: operations)
        errors = ErrorOrigins.analyze(trace)
    }

    /// The time running the groups concurrently could save at most: the outermost groups'
    /// savings, summed. A nested group's time is inside an outer group's member already.
    package var totalSaving: Int64 { parallelGroups.reduce(0) { $1.nested ? $0 : $0.addingSaturated($1.saving) } }

    /// Critical-path self time per operation on the request's path (`requestSelfTime`).
    package var selfTimeByOperation: [Int64?] { Self.requestSelfTime(paths, operations) }

    /// Critical-path self time per operation of `operations` (indexed as its `keys`; nil for
    /// one with no span on these paths), summed over the root and orphan fragments' paths.
    /// Detached fragments (async consumers, FOLLOWS_FROM work) are left out: their time does
    /// not make the request slower. The one place this sum is made (hotspots, gate blame).
    package static func requestSelfTime(_ paths: [FragmentPath], _ operations: TraceOperations) -> [Int64?] {
        var result = [Int64?](repeating: nil, count: operations.keys.count)
        for path in paths where path.kind != .detached {
            for (span, ns) in path.selfTime {
                let op = Int(operations.ofSpan[span])
                result[op] = (result[op] ?? 0) + ns
            }
        }
        return result
    }
}
