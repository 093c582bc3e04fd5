/// Builds traces from spans by the rules of TRACE-SEMANTICS 2: duplicates dropped (first
/// wins), parents linked, orphans and cut cycles made fragment heads, blocking and
/// non-blocking edges told apart, children ordered.
///
/// Every step is iterative and O(n log n) in the trace's span count, so a 100,000-level chain
/// assembles like a flat trace.
package enum TraceAssembler {
    /// Assembles one trace from its spans in input order.
    package static func assemble(_ input: TraceSpans) -> Trace {
        var (spans, duplicates, indexOfID, hasSharedSpans) = deduplicate(input.spans)
        var splits = 0
        if hasSharedSpans {
            spans = input.spans
            splits = SharedSpans.split(&spans)
            (spans, duplicates, indexOfID, _) = deduplicate(spans)
        }
        let n = spans.count

        // Section 2.3: parent links; a parent id not in the trace makes an orphan.
        var parent = [Int32](repeating: -1, count: n)
        var missingParents = 0
        // Read in place: a copy of each span would retain and release all its strings.
        for i in spans.indices {
            guard let parentID = spans[i].parentID else { continue }
            if let p = indexOfID[parentID] { parent[i] = p } else { missingParents += 1 }
        }
        indexOfID = [:]
        let cut = cutCycles(&parent, spans)

        // Section 2.4: FOLLOWS_FROM and PRODUCER -> CONSUMER edges do not block.
        var blocking = [Bool](repeating: false, count: n)
        for i in 0..<n where parent[i] >= 0 {
            blocking[i] = !(spans[i].parentRef == .followsFrom || (spans[Int(parent[i])].kind == .producer && spans[i].kind == .consumer))
        }

        let (childStart, children) = childLists(parent, spans)

        // Section 2.5: heads and the fragments they head.
        var heads: [Fragment] = []
        for i in 0..<n where !blocking[i] {
            let kind: FragmentKind
            if parent[i] >= 0 {
                kind = .detached
            } else if spans[i].parentID == nil {
                kind = .root
            } else {
                kind = .orphan  // the parent is missing, or the link was cut (section 2.3)
            }
            heads.append(Fragment(head: i, kind: kind))
        }
        heads.sort { a, b in SpanOrder.less(spans, a.head, b.head) }
        var fragmentOf = [Int32](repeating: -1, count: n)
        var queue: [Int32] = []
        queue.reserveCapacity(n)
        for (f, fragment) in heads.enumerated() {
            queue.removeAll(keepingCapacity: true)
            queue.append(Int32(fragment.head))
            var next = 0
            while next < queue.count {
                let p = Int(queue[next])
                next += 1
                fragmentOf[p] = Int32(f)
                for c in children[Int(childStart[p])..<Int(childStart[p + 1])] where blocking[Int(c)] { queue.append(c) }
            }
        }
        let tree = SpanTree(
            parent: parent, childStart: childStart, children: children, blocking: blocking, fragments: heads, fragmentOf: fragmentOf,
            missingParents: missingParents, cyclesCut: cut)
        return Trace(
            traceID: input.traceID, spans: spans, tree: tree, duplicatesDropped: duplicates, sharedSpansSplit: splits)
    }

    /// Section 2.2: a later span with the same span id is dropped; the first occurrence wins.
    /// Also returns each kept span's index by id, and whether the spans need `SharedSpans`
    /// first (a CLIENT and a SERVER span sharing an id): checked here, on the one pass that
    /// hashes every id anyway. Without duplicates the input array is returned
    /// as is (the spans are not copied).
    static func deduplicate(_ spans: [Span]) -> (spans: [Span], dropped: Int, indexOfID: [SpanID: Int32], hasSharedSpans: Bool) {
        var indexOfID: [SpanID: Int32] = [:]
        indexOfID.reserveCapacity(spans.count)
        var unique: [Span]?
        var hasSharedSpans = false
        // For ids used more than once, the kinds seen (CLIENT 1, SERVER 2): the two halves may
        // come after a third record with the id, which the kept one is (INTERNAL, CLIENT, SERVER).
        var halvesOfID: [SpanID: UInt8] = [:]
        for i in spans.indices {
            let next = Int32(unique?.count ?? i)
            if let earlier = indexOfID.updateValue(next, forKey: spans[i].spanID) {
                indexOfID[spans[i].spanID] = earlier
                if unique == nil { unique = Array(spans[..<i]) }
                let id = spans[i].spanID
                let seen = (halvesOfID[id] ?? SharedSpans.half(unique![Int(earlier)].kind)) | SharedSpans.half(spans[i].kind)
                halvesOfID[id] = seen
                if seen == 3 { hasSharedSpans = true }
            } else {
                unique?.append(spans[i])
            }
        }
        guard let unique else { return (spans, 0, indexOfID, hasSharedSpans) }
        return (unique, spans.count - unique.count, indexOfID, hasSharedSpans)
    }

    /// Section 2.3: following parents from a span must never revisit a span. In each cycle the
    /// link of the member with the smallest (start, span_id) is cut. Parent pointers form a
    /// functional graph, so one walk per unvisited span finds every cycle in O(n).
    static func cutCycles(_ parent: inout [Int32], _ spans: [Span]) -> Int {
        let n = parent.count
        // 0: not seen; otherwise the number of the walk that first reached the span.
        var walkOf = [Int32](repeating: 0, count: n)
        var positionInWalk = [Int32](repeating: 0, count: n)
        var path: [Int32] = []
        var cuts = 0
        var walk: Int32 = 0
        for start in 0..<n where walkOf[start] == 0 {
            walk += 1
            path.removeAll(keepingCapacity: true)
            var j = Int32(start)
            while j >= 0 && walkOf[Int(j)] == 0 {
                walkOf[Int(j)] = walk
                positionInWalk[Int(j)] = Int32(path.count)
                path.append(j)
                j = parent[Int(j)]
            }
            guard j >= 0, walkOf[Int(j)] == walk else { continue }
            // The walk came back to a span of its own path: the cycle is path[position(j)...].
            let members = path[Int(positionInWalk[Int(j)])...]
            let victim = members.min { a, b in
                let (x, y) = (Int(a), Int(b))
                return spans[x].start != spans[y].start ? spans[x].start < spans[y].start : spans[x].spanID < spans[y].spanID
            }!
            parent[Int(victim)] = -1
            cuts += 1
        }
        return cuts
    }

    /// Section 2.6: each span's children, ordered by (start, end, span_id), as flat lists.
    static func childLists(_ parent: [Int32], _ spans: [Span]) -> (start: [Int32], children: [Int32]) {
        let n = parent.count
        var start = [Int32](repeating: 0, count: n + 1)
        for p in parent where p >= 0 { start[Int(p) + 1] += 1 }
        for i in 0..<n { start[i + 1] += start[i] }
        var fill = start
        var children = [Int32](repeating: 0, count: Int(start[n]))
        for (i, p) in parent.enumerated() where p >= 0 {
            children[Int(fill[Int(p)])] = Int32(i)
            fill[Int(p)] += 1
        }
        for p in 0..<n where start[p + 1] - start[p] > 1 {
            children[Int(start[p])..<Int(start[p + 1])].sort { SpanOrder.less(spans, Int($0), Int($1)) }
        }
        return (start, children)
    }
}

/// The (start, end, span_id) order of sections 2.5 and 2.6.
package enum SpanOrder {
    @inline(__always)
    package static func less(_ a: Span, _ b: Span) -> Bool {
        if a.start != b.start { return a.start < b.start }
        if a.end != b.end { return a.end < b.end }
        return a.spanID < b.spanID
    }

    /// The same order for two spans of an array, read in place (no copies of the spans).
    @inline(__always)
    package static func less(_ spans: [Span], _ a: Int, _ b: Int) -> Bool {
        if spans[a].start != spans[b].start { return spans[a].start < spans[b].start }
        if spans[a].end != spans[b].end { return spans[a].end < spans[b].end }
        return spans[a].spanID < spans[b].spanID
    }
}
