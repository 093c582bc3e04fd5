/// The critical path of one fragment (TRACE-SEMANTICS 3): chronological segments that tile
/// the head's interval exactly, and each span's self time on the path.
package struct FragmentPath: Sendable {
    /// One stretch of wall-clock time attributed to one span.
    package struct Segment: Sendable, Equatable {
        package var span: Int
        package var start: Int64
        package var end: Int64

        package init(span: Int, start: Int64, end: Int64) {
            self.span = span
            self.start = start
            self.end = end
        }

        package var duration: Int64 { end - start }
    }

    package let fragment: Int
    package let head: Int
    package let kind: FragmentKind
    package let start: Int64
    package let end: Int64
    package let clippedSpans: Int
    package let droppedSpans: Int
    /// Chronological, non-overlapping, no zero-length segments, neighbours of one span merged.
    package let segments: [Segment]
    /// Spans with `cp_self > 0`, by cp_self desc, then span_id.
    package let selfTime: [(span: Int, nanoseconds: Int64)]

    package var duration: Int64 { end - start }
}

/// Computes critical paths (TRACE-SEMANTICS 3.2) over a sanitized trace.
///
/// The walk goes back from the head's end through the last finishing child at each step; a
/// child that ends exactly when the time cursor stands is chosen (`<=`), ties in end time go
/// to the earliest start, then the smallest span_id. It is iterative with one pointer per
/// parent into its ordered children, O(n log n) per trace.
package enum CriticalPath {
    /// The paths of every fragment of `trace`, in fragment order; `visited` marks the spans
    /// the walks visited (`on_critical_path`, section 3.3).
    package static func analyze(_ trace: Trace, _ sanitized: SanitizedTree) -> (paths: [FragmentPath], visited: [Bool]) {
        let n = trace.spans.count
        let order = walkOrder(trace, sanitized)
        var pointer = order.start
        var visited = [Bool](repeating: false, count: n)
        var selfTime = [Int64](repeating: 0, count: n)
        var paths: [FragmentPath] = []
        paths.reserveCapacity(trace.tree.fragments.count)
        for (f, fragment) in trace.tree.fragments.enumerated() {
            let segments = walk(from: fragment.head, trace.tree.parent, sanitized, order, &pointer, &visited)
            paths.append(
                FragmentPath(
                    fragment: f, head: fragment.head, kind: fragment.kind, start: sanitized.start[fragment.head],
                    end: sanitized.end[fragment.head],
                    clippedSpans: sanitized.clipped[f], droppedSpans: sanitized.dropped[f], segments: segments,
                    selfTime: selfTimes(segments, trace.spans, &selfTime)))
        }
        return (paths, visited)
    }

    /// The kept blocking children of every span, each list ordered by (end desc, start asc,
    /// span_id asc): `list[start[p] ..< start[p + 1]]`.
    static func walkOrder(_ trace: Trace, _ sanitized: SanitizedTree) -> (start: [Int32], list: [Int32]) {
        let n = trace.spans.count
        let tree = trace.tree
        // Not `trace.spans` in the comparison: that copied the whole trace at each call.
        let spans = trace.spans
        var start = [Int32](repeating: 0, count: n + 1)
        var list: [Int32] = []
        list.reserveCapacity(n)
        for p in 0..<n {
            start[p] = Int32(list.count)
            guard sanitized.kept[p] else { continue }
            let first = list.count
            for c in tree.children(of: p) where tree.blocking[Int(c)] && sanitized.kept[Int(c)] { list.append(c) }
            if list.count - first > 1 {
                list[first...].sort { a, b in
                    let x = Int(a)
                    let y = Int(b)
                    if sanitized.end[x] != sanitized.end[y] { return sanitized.end[x] > sanitized.end[y] }
                    if sanitized.start[x] != sanitized.start[y] { return sanitized.start[x] < sanitized.start[y] }
                    return spans[x].spanID < spans[y].spanID
                }
            }
        }
        start[n] = Int32(list.count)
        return (start, list)
    }

    /// The walk of section 3.2 for the fragment headed by `head`.
    static func walk(
        from head: Int, _ parent: [Int32], _ iv: SanitizedTree, _ order: (start: [Int32], list: [Int32]), _ pointer: inout [Int32],
        _ visited: inout [Bool]
    ) -> [FragmentPath.Segment] {
        var backwards: [FragmentPath.Segment] = []
        visited[head] = true
        var current = head
        var t = iv.end[head]
        while true {
            // The first child not yet visited that ends no later than t. Children skipped here
            // never qualify later: t only decreases while the walk is under this parent.
            var chosen = -1
            var k = Int(pointer[current])
            let stop = Int(order.start[current + 1])
            while k < stop {
                let c = Int(order.list[k])
                k += 1
                if !visited[c] && iv.end[c] <= t {
                    chosen = c
                    break
                }
            }
            pointer[current] = Int32(k)
            if chosen >= 0 {
                backwards.append(.init(span: current, start: iv.end[chosen], end: t))
                visited[chosen] = true
                current = chosen
                t = iv.end[chosen]
            } else {
                backwards.append(.init(span: current, start: iv.start[current], end: t))
                if current == head { break }
                t = iv.start[current]
                current = Int(parent[current])
            }
        }
        var segments: [FragmentPath.Segment] = []
        segments.reserveCapacity(backwards.count)
        for segment in backwards.reversed() where segment.end > segment.start {
            if let last = segments.last, last.span == segment.span, last.end == segment.start {
                segments[segments.count - 1].end = segment.end
            } else {
                segments.append(segment)
            }
        }
        return segments
    }

    /// Section 3.3: per span, the sum of its segments; listed when positive, by cp_self desc
    /// then span_id.
    /// `scratch` holds a zero per span on entry and on return.
    static func selfTimes(_ segments: [FragmentPath.Segment], _ spans: [Span], _ scratch: inout [Int64]) -> [(
        span: Int, nanoseconds: Int64
    )] {
        var touched: [Int] = []
        for segment in segments {
            if scratch[segment.span] == 0 { touched.append(segment.span) }
            scratch[segment.span] += segment.duration
        }
        var result: [(span: Int, nanoseconds: Int64)] = touched.map { (span: $0, nanoseconds: scratch[$0]) }
        for span in touched { scratch[span] = 0 }
        result.sort { a, b in
            a.nanoseconds != b.nanoseconds ? a.nanoseconds > b.nanoseconds : spans[a.span].spanID < spans[b.span].spanID
        }
        return result
    }
}
