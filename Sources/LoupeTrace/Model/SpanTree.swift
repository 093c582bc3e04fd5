/// The parent/child structure of one trace, by span index, with the fragments of
/// TRACE-SEMANTICS 2.5.
///
/// Guarantees: it is a forest (cycles were cut); children of a span are ordered by
/// (start, end, span_id); `blocking[i]` tells whether the edge from `parent[i]` to `i` blocks;
/// every span belongs to exactly one fragment, the one of its nearest ancestor-or-self head;
/// fragments are ordered by (start, end, span_id) of their heads.
package struct SpanTree: Sendable {
    /// The parent's index, or -1 for a fragment head that has none in the trace.
    package let parent: [Int32]
    /// Children of span `i` are `children[childStart[i] ..< childStart[i + 1]]`.
    package let childStart: [Int32]
    package let children: [Int32]
    /// False for roots and for the child end of a non-blocking edge.
    package let blocking: [Bool]
    package let fragments: [Fragment]
    /// The index in `fragments` of each span's fragment.
    package let fragmentOf: [Int32]
    /// Spans whose parent id names no span of the trace.
    package let missingParents: Int
    /// Parent links cut to break cycles (section 2.3).
    package let cyclesCut: Int

    package init(
        parent: [Int32], childStart: [Int32], children: [Int32], blocking: [Bool], fragments: [Fragment], fragmentOf: [Int32],
        missingParents: Int, cyclesCut: Int
    ) {
        self.parent = parent
        self.childStart = childStart
        self.children = children
        self.blocking = blocking
        self.fragments = fragments
        self.fragmentOf = fragmentOf
        self.missingParents = missingParents
        self.cyclesCut = cyclesCut
    }

    /// The children of span `i` in (start, end, span_id) order.
    @inline(__always)
    package func children(of i: Int) -> ArraySlice<Int32> {
        children[Int(childStart[i])..<Int(childStart[i + 1])]
    }

    /// The spans of fragment `f`: its head, then the rest in breadth-first order.
    package func members(of f: Int) -> [Int] {
        var result = [fragments[f].head]
        var next = 0
        while next < result.count {
            let p = result[next]
            next += 1
            for c in children(of: p) where blocking[Int(c)] { result.append(Int(c)) }
        }
        return result
    }
}
