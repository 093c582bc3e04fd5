/// A span's operation path: the chain of (service, name) from its trace's root down to it,
/// the key by which `loupe diff` aligns two runs of a request (span ids differ between runs,
/// the shape of the work does not).
package struct OperationPath: Hashable, Sendable, Comparable {
    package var steps: [OperationKey]

    package init(_ steps: [OperationKey]) {
        self.steps = steps
    }

    /// Shorter paths (nearer the root) first, then step by step: a parent before its children.
    package static func < (a: OperationPath, b: OperationPath) -> Bool {
        for (x, y) in zip(a.steps, b.steps) where x != y { return x < y }
        return a.steps.count < b.steps.count
    }
}

/// What one operation path cost in one trace, or (`TraceDiff.Side`) the median over a side's
/// traces.
package struct PathFigures: Sendable, Equatable {
    /// Spans on the path.
    package var calls: Int64 = 0
    /// Their durations, summed (concurrent calls both count).
    package var totalNs: Int64 = 0
    /// Their self time on the request's critical path (TRACE-SEMANTICS 3.3; detached
    /// fragments left out, as in hotspots).
    package var cpSelfNs: Int64 = 0
    /// Those that are error spans.
    package var errors: Int64 = 0

    package init(calls: Int64 = 0, totalNs: Int64 = 0, cpSelfNs: Int64 = 0, errors: Int64 = 0) {
        self.calls = calls
        self.totalNs = totalNs
        self.cpSelfNs = cpSelfNs
        self.errors = errors
    }
}

extension TraceAnalysis {
    /// The figures of every operation path of the trace.
    package var pathFigures: [OperationPath: PathFigures] { PathFigures.of(trace, paths: paths) }
}

extension PathFigures {
    /// The figures of every operation path of `trace`, whose critical paths are `paths`. A path
    /// is followed through every parent edge the tree keeps (FOLLOWS_FROM included), from a
    /// span without a parent.
    package static func of(_ trace: Trace, paths: [FragmentPath]) -> [OperationPath: PathFigures] {
        let spans = trace.spans
        var selfTime = [Int64](repeating: 0, count: spans.count)
        for path in paths where path.kind != .detached {
            for (span, ns) in path.selfTime { selfTime[span] = selfTime[span].addingSaturated(ns) }
        }
        var figures: [OperationPath: PathFigures] = [:]
        // Iterative, parents before children: any depth.
        var stack: [(span: Int, path: [OperationKey])] = spans.indices.filter { trace.tree.parent[$0] < 0 }.reversed().map {
            ($0, [OperationKey(spans[$0])])
        }
        while let (span, steps) = stack.popLast() {
            figures[OperationPath(steps), default: PathFigures()].add(spans[span], cpSelf: selfTime[span])
            for child in trace.tree.children(of: span).reversed() {
                stack.append((Int(child), steps + [OperationKey(spans[Int(child)])]))
            }
        }
        return figures
    }

    mutating func add(_ span: Span, cpSelf: Int64) {
        calls += 1
        totalNs = totalNs.addingSaturated(span.duration)
        cpSelfNs = cpSelfNs.addingSaturated(cpSelf)
        if span.status == .error { errors += 1 }
    }
}
