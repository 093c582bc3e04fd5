/// Where the errors of one trace start and where they only surface (TRACE-SEMANTICS 5.1).
package struct TraceErrors: Sendable {
    /// Error spans whose blame is empty: the error starts there.
    package var origins: [Int]
    /// Error spans that report an error caused below them.
    package var surfaces: [Int]
    /// The origins reached from the failed root/orphan heads over blame edges.
    package var rootCauses: [Int]
    /// Some root or orphan fragment head is an error (detached heads do not count).
    package var failed: Bool

    package var errorSpans: Int { origins.count + surfaces.count }
}

/// Computes origins, surfaces and root causes of one trace.
///
/// `blame(s)` collects the error children of `s` over blocking edges, looking through children
/// that are transparent (UNSET status and INTERNAL or UNSPECIFIED kind). Computed bottom-up
/// without recursion; every span is visited a constant number of times.
package enum ErrorOrigins {
    package static func analyze(_ trace: Trace) -> TraceErrors {
        let spans = trace.spans
        let tree = trace.tree
        let n = spans.count
        // Children come after their parents in this order (breadth-first from every head),
        // so walking it backwards sees every child before its parent.
        var order: [Int] = []
        order.reserveCapacity(n)
        for f in tree.fragments.indices { order += tree.members(of: f) }
        var hasBlame = [Bool](repeating: false, count: n)
        for s in order.reversed() {
            for child in tree.children(of: s) where tree.blocking[Int(child)] {
                let c = Int(child)
                if spans[c].status == .error || (transparent(spans[c]) && hasBlame[c]) {
                    hasBlame[s] = true
                    break
                }
            }
        }
        var origins: [Int] = []
        var surfaces: [Int] = []
        for s in 0..<n where spans[s].status == .error {
            if hasBlame[s] { surfaces.append(s) } else { origins.append(s) }
        }
        var failed = false
        var rootCauses = Set<Int>()
        var seen = [Bool](repeating: false, count: n)
        var stack: [Int] = []
        for fragment in tree.fragments where fragment.kind != .detached && spans[fragment.head].status == .error {
            failed = true
            let head = fragment.head
            if !hasBlame[head] {
                rootCauses.insert(head)
                continue
            }
            stack.append(head)
            seen[head] = true
            // Follow blame: error children directly, transparent children as pass-throughs.
            while let x = stack.popLast() {
                for child in tree.children(of: x) where tree.blocking[Int(child)] {
                    let c = Int(child)
                    if spans[c].status == .error {
                        guard !seen[c] else { continue }
                        seen[c] = true
                        if hasBlame[c] { stack.append(c) } else { rootCauses.insert(c) }
                    } else if transparent(spans[c]) && hasBlame[c] && !seen[c] {
                        seen[c] = true
                        stack.append(c)
                    }
                }
            }
        }
        let byID = { (a: Int, b: Int) in ByteOrder.less(spans[a].spanID, spans[b].spanID) }
        return TraceErrors(
            origins: origins.sorted(by: byID), surfaces: surfaces.sorted(by: byID), rootCauses: rootCauses.sorted(by: byID), failed: failed)
    }

    /// An UNSET span of kind INTERNAL or UNSPECIFIED passes errors through.
    @inline(__always)
    package static func transparent(_ span: Span) -> Bool {
        span.status == .unset && (span.kind == .internal || span.kind == .unspecified)
    }
}
