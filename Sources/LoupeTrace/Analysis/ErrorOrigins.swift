/// Where the errors of one trace start and where they only surface (TRACE-SEMANTICS 5.1).
package struct TraceErrors: Sendable {
    /// Error spans whose blame is empty: the error starts there.
    package var origins: [Int]
    /// Error spans that report an error caused below them.
    package var surfaces: [Int]
    /// One origin per failed root/orphan head: the end of its cause chain.
    package var rootCauses: [Int]
    /// Some root or orphan fragment head is an error (detached heads do not count).
    package var failed: Bool
    /// One origin per failed detached head (async work the request did not wait for).
    package var asyncRootCauses: [Int]
    /// Some detached fragment head is an error.
    package var asyncFailed: Bool

    package var errorSpans: Int { origins.count + surfaces.count }
}

/// Computes origins, surfaces and root causes of one trace.
///
/// `blame(s)` collects the error children of `s` over blocking edges, looking through children
/// that are transparent (UNSET status and INTERNAL or UNSPECIFIED kind). Only its last-ended
/// member matters for the cause chain, so that is all that is kept per span. Computed
/// bottom-up without recursion; every span is visited a constant number of times.
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
        // cause[s]: the member of blame(s) that ended last, the error still unhandled when s
        // finished; -1 when blame(s) is empty.
        var cause = [Int](repeating: -1, count: n)
        for s in order.reversed() {
            var best = -1
            for child in tree.children(of: s) where tree.blocking[Int(child)] {
                let c = Int(child)
                let candidate = spans[c].status == .error ? c : (transparent(status: spans[c].status, kind: spans[c].kind) ? cause[c] : -1)
                if candidate >= 0 && (best < 0 || endedLater(spans, candidate, than: best)) { best = candidate }
            }
            cause[s] = best
        }
        var origins: [Int] = []
        var surfaces: [Int] = []
        for s in 0..<n where spans[s].status == .error {
            if cause[s] >= 0 { surfaces.append(s) } else { origins.append(s) }
        }
        var rootCauses: [Int] = []
        var asyncRootCauses: [Int] = []
        for fragment in tree.fragments where spans[fragment.head].status == .error {
            // Each step goes down the tree, so the chain ends; fragments are disjoint subtrees,
            // so no origin is reached from two heads.
            var s = fragment.head
            while cause[s] >= 0 { s = cause[s] }
            if fragment.kind == .detached { asyncRootCauses.append(s) } else { rootCauses.append(s) }
        }
        let byID = { (a: Int, b: Int) in spans[a].spanID < spans[b].spanID }
        return TraceErrors(
            origins: origins.sorted(by: byID), surfaces: surfaces.sorted(by: byID), rootCauses: rootCauses.sorted(by: byID),
            failed: !rootCauses.isEmpty, asyncRootCauses: asyncRootCauses.sorted(by: byID), asyncFailed: !asyncRootCauses.isEmpty)
    }

    /// The order that picks `cause`: greatest end, then greatest start, then smallest span id.
    @inline(__always)
    static func endedLater(_ spans: [Span], _ a: Int, than b: Int) -> Bool {
        if spans[a].end != spans[b].end { return spans[a].end > spans[b].end }
        if spans[a].start != spans[b].start { return spans[a].start > spans[b].start }
        return spans[a].spanID < spans[b].spanID
    }

    /// An UNSET span of kind INTERNAL or UNSPECIFIED passes errors through.
    @inline(__always)
    package static func transparent(_ span: Span) -> Bool {
        transparent(status: span.status, kind: span.kind)
    }

    /// The same from the two fields it reads, so a loop reads them in place instead of copying
    /// each span.
    @inline(__always)
    static func transparent(status: SpanStatus, kind: SpanKind) -> Bool {
        status == .unset && (kind == .internal || kind == .unspecified)
    }
}
