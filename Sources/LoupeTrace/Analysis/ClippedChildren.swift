/// What the sanitizing of TRACE-SEMANTICS 3.1 did to a trace's children, by cause, for the
/// reports to say in words (`ClippedChildren+Words` in LoupeOutput): clock skew (a child that starts before its parent), a child that
/// ran past its parent, and children dropped with the spans below them.
///
/// Counts children over blocking edges under kept parents, as `clipped_spans` and
/// `dropped_spans` do; `below` counts every span under a dropped child over blocking edges
/// (they leave the analysis with it). Iterative: any depth.
package struct ClippedChildren: Equatable, Sendable {
    /// Kept children that start before their parent: clipped to start with it.
    package var startedBefore = 0
    /// Kept children that start inside their parent and end after it: cut at its end.
    package var ranPast = 0
    /// Dropped children that ended at or before their parent's start, and the spans below them.
    package var endedBefore = 0
    package var endedBeforeBelow = 0
    /// Dropped children that started at or after their parent's end, and the spans below them.
    package var startedAfter = 0
    package var startedAfterBelow = 0

    package init() {}

    package init(_ trace: Trace, _ sanitized: SanitizedTree) {
        let spans = trace.spans
        let tree = trace.tree
        for c in spans.indices {
            let p = Int(tree.parent[c])
            guard p >= 0, tree.blocking[c], sanitized.kept[p] else { continue }
            let ps = sanitized.start[p]
            let pe = sanitized.end[p]
            if sanitized.kept[c] {
                if spans[c].start < ps {
                    startedBefore += 1
                } else if spans[c].end > pe {
                    ranPast += 1
                }
            } else if spans[c].start >= ps {
                startedAfter += 1
                startedAfterBelow += Self.below(c, tree)
            } else {
                endedBefore += 1
                endedBeforeBelow += Self.below(c, tree)
            }
        }
    }

    package var isEmpty: Bool { self == ClippedChildren() }

    /// The spans under `span` over blocking edges.
    static func below(_ span: Int, _ tree: SpanTree) -> Int {
        var count = 0
        var stack = [span]
        while let s = stack.popLast() {
            for child in tree.children(of: s) where tree.blocking[Int(child)] {
                count += 1
                stack.append(Int(child))
            }
        }
        return count
    }
}
