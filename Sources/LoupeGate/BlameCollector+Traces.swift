import LoupeTrace

extension BlameCollector {
    /// Adds one assembled trace (TRACE-SEMANTICS 2): walks the critical path of each of its
    /// `root` and `orphan` fragments (section 3) and adds each operation's `cp_self`.
    ///
    /// Detached fragments (async consumers, FOLLOWS_FROM work) are left out: they run after
    /// or beside the request and do not make it slower, which is what blame explains.
    package mutating func add(_ trace: Trace) {
        let sanitized = SanitizedTree(trace)
        let fragments = trace.tree.fragments
        var operations = Set<OperationKey>()
        for (i, span) in trace.spans.enumerated() where fragments[Int(trace.tree.fragmentOf[i])].kind != .detached {
            operations.insert(OperationKey(span))
        }
        guard !operations.isEmpty else { return }
        let paths = CriticalPath.analyze(trace, sanitized).paths
        addTrace(operations: operations, selfTimeNs: TraceAnalysis.requestSelfTime(paths, trace))
    }
}
