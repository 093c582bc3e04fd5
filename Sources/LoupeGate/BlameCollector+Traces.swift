import LoupeTrace

extension BlameCollector {
    /// Adds one assembled trace (TRACE-SEMANTICS 2) whose critical paths are `paths`: each
    /// operation's `cp_self` on its `root` and `orphan` fragments (section 3).
    ///
    /// Detached fragments (async consumers, FOLLOWS_FROM work) are left out: they run after
    /// or beside the request and do not make it slower, which is what blame explains.
    package mutating func add(_ trace: Trace, paths: [FragmentPath]) {
        let fragments = trace.tree.fragments
        var operations = Set<OperationKey>()
        for (i, span) in trace.spans.enumerated() where fragments[Int(trace.tree.fragmentOf[i])].kind != .detached {
            operations.insert(OperationKey(span))
        }
        guard !operations.isEmpty else { return }
        let indexed = TraceOperations(trace.spans)
        var selfTimeNs: [OperationKey: Int64] = [:]
        for (op, ns) in TraceAnalysis.requestSelfTime(paths, indexed).enumerated() {
            if let ns { selfTimeNs[indexed.keys[op]] = ns }
        }
        addTrace(operations: operations, selfTimeNs: selfTimeNs)
    }
}
