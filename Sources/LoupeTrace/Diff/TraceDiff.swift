/// `loupe diff`: two runs of one request compared by operation path: what changed and what it
/// cost. A pure function of the two sides' analyses; its rules are in docs/TRACES.md (`loupe diff`).
package struct TraceDiff: Sendable {
    /// One side: its traces, their median duration and the median figures of every path.
    package struct Side: Sendable {
        package var traces = 0
        /// The median of the traces' durations (their root spans').
        package var durationNs: Int64 = 0
        package var paths: [OperationPath: PathFigures] = [:]

        package init() {}
    }

    /// How a path changed.
    package enum Change: String, Sendable, CaseIterable {
        case added, removed, changed, same
    }

    /// One path's figures on both sides.
    package struct Row: Sendable, Equatable {
        package var path: OperationPath
        package var change: Change
        package var base: PathFigures
        package var cur: PathFigures

        package var deltaCpSelfNs: Int64 { cur.cpSelfNs - base.cpSelfNs }
        package var deltaCalls: Int64 { cur.calls - base.calls }
    }

    /// What counts as a change of critical-path self time: at least this share of the base's
    /// and at least this many nanoseconds (`--min-change`, default 5% and 1 ms).
    package struct Threshold: Sendable {
        package var relative = 0.05
        package var absoluteNs: Int64 = 1_000_000

        package init() {}

        package init(relative: Double, absoluteNs: Int64) {
            self.relative = relative
            self.absoluteNs = absoluteNs
        }

        func isChange(from base: Int64, to cur: Int64) -> Bool {
            // A path whose time did not move is the same under any threshold, 0 included.
            let delta = abs(cur - base)
            return delta > 0 && delta >= absoluteNs && Double(delta) >= relative * Double(base)
        }
    }

    package let base: Side
    package let cur: Side
    /// Every path of either side, the largest change of critical-path self time first.
    package let rows: [Row]

    package init(base: [TraceAnalysis], cur: [TraceAnalysis], threshold: Threshold = Threshold()) {
        func side(_ analyses: [TraceAnalysis]) -> Side {
            var collector = SideCollector()
            for analysis in analyses { collector.add(analysis.trace, paths: analysis.paths) }
            return collector.side
        }
        self.init(base: side(base), cur: side(cur), threshold: threshold)
    }

    package init(base baseSide: Side, cur curSide: Side, threshold: Threshold = Threshold()) {
        self.base = baseSide
        self.cur = curSide
        var keys = Set(baseSide.paths.keys)
        keys.formUnion(curSide.paths.keys)
        rows = keys.map { path in
            let b = baseSide.paths[path] ?? PathFigures()
            let c = curSide.paths[path] ?? PathFigures()
            return Row(path: path, change: Self.change(b, c, threshold), base: b, cur: c)
        }.sorted { x, y in
            let dx = abs(x.deltaCpSelfNs)
            let dy = abs(y.deltaCpSelfNs)
            if dx != dy { return dx > dy }
            return x.path < y.path
        }
    }

    /// Added, removed, changed (calls, errors, or critical-path self time past the threshold),
    /// or the same.
    static func change(_ b: PathFigures, _ c: PathFigures, _ threshold: Threshold) -> Change {
        if b.calls == 0 && c.calls > 0 { return .added }
        if b.calls > 0 && c.calls == 0 { return .removed }
        if b.calls != c.calls || b.errors != c.errors || threshold.isChange(from: b.cpSelfNs, to: c.cpSelfNs) { return .changed }
        return .same
    }

    /// Gathers one side trace by trace (the gate adds traces as it samples them).
    package struct SideCollector: Sendable {
        private var durations: [Int64] = []
        private var perTrace: [[OperationPath: PathFigures]] = []
        /// Each trace's request: the operation of its root span (nil: it has none).
        private var requests: [OperationKey?] = []

        package init() {}

        package mutating func add(_ trace: Trace, paths: [FragmentPath]) {
            durations.append(trace.duration)
            perTrace.append(PathFigures.of(trace, paths: paths))
            requests.append(trace.rootSpan.map { OperationKey(trace.spans[$0]) })
        }

        /// Each figure is the median, over the side's traces of the requests the path occurs
        /// in (a trace of another request says nothing about it), of the per-trace value, a
        /// path absent from such a trace counting as 0: the lower median, a value some trace
        /// had. A request is a trace's root operation, so an orphan fragment in one trace of
        /// three counts as 0 in the other two.
        package var side: Side {
            var side = Side()
            side.traces = perTrace.count
            guard !perTrace.isEmpty else { return side }
            side.durationNs = median(durations)
            var tracesOf: [OperationKey?: [Int]] = [:]
            var requestsOf: [OperationPath: Set<OperationKey?>] = [:]
            for (trace, figures) in perTrace.enumerated() {
                tracesOf[requests[trace], default: []].append(trace)
                for key in figures.keys { requestsOf[key, default: []].insert(requests[trace]) }
            }
            for (key, pathRequests) in requestsOf {
                let traces = pathRequests.flatMap { tracesOf[$0, default: []] }
                let values = traces.map { perTrace[$0][key] ?? PathFigures() }
                side.paths[key] = PathFigures(
                    calls: median(values.map(\.calls)), totalNs: median(values.map(\.totalNs)),
                    cpSelfNs: median(values.map(\.cpSelfNs)), errors: median(values.map(\.errors)))
            }
            return side
        }
    }

    /// The lower median: the ⌈n/2⌉-th smallest value.
    static func median(_ values: [Int64]) -> Int64 {
        let sorted = values.sorted()
        return sorted[(sorted.count - 1) / 2]
    }
}
