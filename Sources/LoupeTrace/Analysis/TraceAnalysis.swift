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

    package init(_ trace: Trace, parameters: ParallelParameters = ParallelParameters()) {
        self.trace = trace
        sanitized = SanitizedTree(trace)
        (paths, onCriticalPath) = CriticalPath.analyze(trace, sanitized)
        parallelGroups = ParallelSiblings.analyze(trace, sanitized, visited: onCriticalPath, parameters)
        errors = ErrorOrigins.analyze(trace)
    }

    /// The time running each group concurrently would save, summed.
    package var totalSaving: Int64 { parallelGroups.reduce(0) { $0 + $1.saving } }

    /// Critical-path self time per (service, name), summed over all fragments of the trace.
    package var selfTimeByOperation: [OperationKey: Int64] {
        var result: [OperationKey: Int64] = [:]
        for path in paths {
            for (span, ns) in path.selfTime { result[OperationKey(trace.spans[span]), default: 0] += ns }
        }
        return result
    }

    /// Critical-path self time per (service, name) of one trace, for callers that need only
    /// that (the CI gate): assembly, sanitizing and the walk, nothing else.
    package static func selfTimeByOperation(_ spans: TraceSpans) -> [OperationKey: Int64] {
        let trace = TraceAssembler.assemble(spans)
        let sanitized = SanitizedTree(trace)
        var result: [OperationKey: Int64] = [:]
        for path in CriticalPath.analyze(trace, sanitized).paths {
            for (span, ns) in path.selfTime { result[OperationKey(trace.spans[span]), default: 0] += ns }
        }
        return result
    }
}
