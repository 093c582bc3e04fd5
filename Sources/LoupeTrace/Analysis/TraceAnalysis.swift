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
    package var totalSaving: Int64 { parallelGroups.reduce(0) { $1.nested ? $0 : $0 + $1.saving } }

    /// Critical-path self time per (service, name) on the request's path: summed over the root
    /// and orphan fragments. Detached fragments (async consumers, FOLLOWS_FROM work) are left
    /// out: their time does not make the request slower.
    package var selfTimeByOperation: [OperationKey: Int64] {
        var sums = [Int64](repeating: 0, count: operations.keys.count)
        var seen = [Bool](repeating: false, count: operations.keys.count)
        for path in paths where path.kind != .detached {
            for (span, ns) in path.selfTime {
                let op = Int(operations.ofSpan[span])
                sums[op] += ns
                seen[op] = true
            }
        }
        var result: [OperationKey: Int64] = [:]
        for op in sums.indices where seen[op] { result[operations.keys[op]] = sums[op] }
        return result
    }

    /// Critical-path self time per (service, name) of one trace, on the request's path as in
    /// `selfTimeByOperation`, for callers that need only that: assembly, sanitizing and the
    /// walk, nothing else.
    package static func selfTimeByOperation(_ spans: TraceSpans) -> [OperationKey: Int64] {
        let trace = TraceAssembler.assemble(spans)
        let sanitized = SanitizedTree(trace)
        var result: [OperationKey: Int64] = [:]
        for path in CriticalPath.analyze(trace, sanitized).paths where path.kind != .detached {
            for (span, ns) in path.selfTime {
                result[OperationKey(service: trace.spans[span].service, name: trace.spans[span].name), default: 0] += ns
            }
        }
        return result
    }
}
