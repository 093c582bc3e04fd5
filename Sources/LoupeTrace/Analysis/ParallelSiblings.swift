/// The thresholds of TRACE-SEMANTICS 4 (flags of `loupe trace` and `loupe hotspots`).
package struct ParallelParameters: Sendable, Equatable {
    package var minCount = 2
    package var maxGap: Int64 = 5_000_000
    package var minSaving: Int64 = 1_000_000
    package var nPlusOneMin = 3

    package init() {}

    /// Milliseconds as given on the command line to nanoseconds: `round(x * 1e6)`.
    /// Clamped to ±2^62 ns (146 years), the span of every time loupe keeps, so that `inf` and
    /// other huge limits mean "no limit" and sums with a time cannot overflow.
    package static func nanoseconds(milliseconds: Double) -> Int64 {
        let limit = Double(Int64(1) << 62)
        return Int64(min(max((milliseconds * 1e6).rounded(), -limit), limit))
    }
}

/// A run of sibling calls that ran one after another and could have run concurrently.
package struct ParallelGroup: Sendable {
    package enum Kind: String, Sendable {
        case nPlusOne = "n_plus_one"
        case sequential
    }

    package var parent: Int
    package var kind: Kind
    /// The most frequent (service, name) of the run and its count (for `n_plus_one`; for
    /// `sequential` it is still the run's most frequent operation, and `repeated` is null in
    /// JSON).
    package var service: String
    package var name: String
    package var repeatCount: Int
    /// The run's spans in (start, end, span_id) order of their clipped intervals.
    package var spans: [Int]
    package var sum: Int64
    package var max: Int64
    package var naiveSaving: Int64
    package var criticalPathContribution: Int64
    package var saving: Int64
    /// The group (an index in the trace's groups) whose member this group's parent lies in,
    /// the nearest one, when there is one (section 4.1 step 5).
    package var outer: Int?

    /// The parent lies inside a member of another group of the same fragment: its saving
    /// overlaps that group's, so totals leave it out.
    package var nested: Bool { outer != nil }
}

/// Finds sequential sibling groups (TRACE-SEMANTICS 4.1) in one trace.
///
/// For every kept span, its kept blocking children that are outgoing calls (CLIENT, or with
/// `db.system`/`db.system.name`) are cut into maximal runs that neither overlap nor pause for
/// more than `maxGap`. A run of `minCount` or more reports the time that running it
/// concurrently would save, bounded by its share of the critical path.
package enum ParallelSiblings {
    package static func analyze(
        _ trace: Trace, _ sanitized: SanitizedTree, visited: [Bool], _ parameters: ParallelParameters, operations: TraceOperations? = nil
    ) -> [ParallelGroup] {
        let spans = trace.spans
        let tree = trace.tree
        let operations = operations ?? TraceOperations(spans)
        var groups: [ParallelGroup] = []
        var eligible: [Int] = []
        // Read in place: calling a method on `spans[i]` copied each span (retaining its five
        // strings and releasing them again).
        let outgoing = spans.indices.map { Span.isOutgoingCall(kind: spans[$0].kind, details: spans[$0].details) }
        for p in spans.indices where sanitized.kept[p] && tree.childStart[p + 1] - tree.childStart[p] >= Int32(clamping: parameters.minCount) {
            eligible.removeAll(keepingCapacity: true)
            for child in tree.children(of: p) {
                let c = Int(child)
                if tree.blocking[c] && sanitized.kept[c] && outgoing[c] { eligible.append(c) }
            }
            guard eligible.count >= parameters.minCount else { continue }
            eligible.sort { a, b in
                if sanitized.start[a] != sanitized.start[b] { return sanitized.start[a] < sanitized.start[b] }
                if sanitized.end[a] != sanitized.end[b] { return sanitized.end[a] < sanitized.end[b] }
                return spans[a].spanID < spans[b].spanID
            }
            var run: [Int] = []
            for c in eligible {
                if let last = run.last,
                    sanitized.start[c] < sanitized.end[last] || sanitized.start[c] - sanitized.end[last] > parameters.maxGap
                {
                    if let group = group(run, parent: p, trace, sanitized, visited, parameters, operations) { groups.append(group) }
                    run.removeAll(keepingCapacity: true)
                }
                run.append(c)
            }
            if let group = group(run, parent: p, trace, sanitized, visited, parameters, operations) { groups.append(group) }
        }
        markNested(&groups, tree)
        return groups
    }

    /// Section 4.1 step 5. The group a span lies inside is that of the nearest member among
    /// it and its blocking ancestors; computed top-down over each fragment, so it is O(n)
    /// however deep the tree. Members of one group are children of its parent, so a group's
    /// parent lies inside another group's member, never its own.
    static func markNested(_ groups: inout [ParallelGroup], _ tree: SpanTree) {
        guard groups.count > 1 else { return }
        var inside = [Int32](repeating: -1, count: tree.parent.count)
        for (g, group) in groups.enumerated() { for s in group.spans { inside[s] = Int32(g) } }
        for f in tree.fragments.indices {
            for s in tree.members(of: f) where inside[s] < 0 {
                let p = Int(tree.parent[s])
                if p >= 0 && tree.blocking[s] { inside[s] = inside[p] }
            }
        }
        for g in groups.indices where inside[groups[g].parent] >= 0 { groups[g].outer = Int(inside[groups[g].parent]) }
    }

    /// Section 4.1 steps 3 and 4 for one run; nil when it is too short or saves too little.
    static func group(
        _ run: [Int], parent: Int, _ trace: Trace, _ sanitized: SanitizedTree, _ visited: [Bool], _ parameters: ParallelParameters,
        _ operations: TraceOperations
    ) -> ParallelGroup? {
        guard run.count >= parameters.minCount else { return nil }
        var sum: Int64 = 0
        var longest: Int64 = 0
        var contribution: Int64 = 0
        for s in run {
            let d = sanitized.duration(s)
            sum += d
            longest = Swift.max(longest, d)
            if visited[s] { contribution += d }
        }
        let naive = sum - longest
        let saving = Swift.min(naive, contribution)
        guard saving >= parameters.minSaving else { return nil }
        let (service, name, count) = mostFrequentOperation(run, operations)
        return ParallelGroup(
            parent: parent, kind: count >= parameters.nPlusOneMin ? .nPlusOne : .sequential, service: service, name: name,
            repeatCount: count,
            spans: run, sum: sum, max: longest, naiveSaving: naive, criticalPathContribution: contribution, saving: saving)
    }

    /// The most frequent (service, name), ties broken by the smallest (service, name).
    static func mostFrequentOperation(_ run: [Int], _ operations: TraceOperations) -> (service: String, name: String, count: Int) {
        var counts: [Int32: Int] = [:]
        for s in run { counts[operations.ofSpan[s], default: 0] += 1 }
        let best = counts.min { a, b in
            a.value != b.value ? a.value > b.value : operations.keys[Int(a.key)] < operations.keys[Int(b.key)]
        }!
        let key = operations.keys[Int(best.key)]
        return (key.service, key.name, best.value)
    }
}

/// A (service, operation name) pair, ordered by bytes: service first, then name.
package struct OperationKey: Hashable, Sendable, Comparable {
    package var service: String
    package var name: String

    package init(service: String, name: String) {
        self.service = service
        self.name = name
    }

    package init(_ span: Span) {
        self.init(service: span.service, name: span.name)
    }

    package static func < (a: OperationKey, b: OperationKey) -> Bool {
        let c = ByteOrder.compare(a.service, b.service)
        return c != 0 ? c < 0 : ByteOrder.less(a.name, b.name)
    }
}
