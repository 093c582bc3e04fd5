/// The clipped intervals of TRACE-SEMANTICS 3.1 for a whole trace: each fragment's head keeps
/// its interval; every blocking child is clipped into its parent's clipped interval or dropped
/// with its subtree when it lies entirely outside.
///
/// Guarantees: for every kept span `c` with kept parent `p`, `iv(c)` lies inside `iv(p)`;
/// dropped spans (and their subtrees) are not kept; the walk is iterative.
package struct SanitizedTree: Sendable {
    /// Clipped start and end per span (meaningful for kept spans only).
    package let start: [Int64]
    package let end: [Int64]
    package let kept: [Bool]
    /// Per fragment: children whose interval was clipped, and children dropped (their
    /// descendants not counted separately).
    package let clipped: [Int]
    package let dropped: [Int]

    package init(_ trace: Trace) {
        let spans = trace.spans
        let tree = trace.tree
        // Field by field: mapping over the spans would copy each one.
        var start = [Int64](repeating: 0, count: spans.count)
        var end = [Int64](repeating: 0, count: spans.count)
        for i in spans.indices {
            start[i] = spans[i].start
            end[i] = spans[i].end
        }
        var kept = [Bool](repeating: false, count: spans.count)
        var clipped = [Int](repeating: 0, count: tree.fragments.count)
        var dropped = [Int](repeating: 0, count: tree.fragments.count)
        var stack: [Int] = []
        for (f, fragment) in tree.fragments.enumerated() {
            kept[fragment.head] = true
            stack.append(fragment.head)
            while let p = stack.popLast() {
                let ps = start[p]
                let pe = end[p]
                for child in tree.children(of: p) where tree.blocking[Int(child)] {
                    let c = Int(child)
                    let cs = spans[c].start
                    let ce = spans[c].end
                    // The jaeger-ui rule: drop what starts at/after the parent's end or ends
                    // at/before its start; otherwise clip into the parent.
                    if cs >= ps ? cs >= pe : ce <= ps {
                        dropped[f] += 1
                        continue
                    }
                    start[c] = max(cs, ps)
                    end[c] = min(ce, pe)
                    if start[c] != cs || end[c] != ce { clipped[f] += 1 }
                    kept[c] = true
                    stack.append(c)
                }
            }
        }
        self.start = start
        self.end = end
        self.kept = kept
        self.clipped = clipped
        self.dropped = dropped
    }

    @inline(__always)
    package func duration(_ i: Int) -> Int64 { end[i] - start[i] }
}
