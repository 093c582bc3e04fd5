import LoupeTrace

/// The rows of a compact critical-path tree: the fragment's head and the spans with the most
/// self time on the path, each under its nearest shown ancestor.
///
/// At most `maxRows` spans are shown (the head plus the largest self times); the levels
/// between a row and its shown ancestor are counted rather than printed, so a 100,000-level
/// chain still prints a handful of lines. Built without recursion.
package struct CriticalPathRows {
    package struct Row {
        package var span: Int
        /// Depth among shown rows (0 for the head).
        package var depth: Int
        /// Tree levels between this row and the row above it in the tree that are not shown.
        package var hiddenLevels: Int
        package var selfTime: Int64
    }

    package private(set) var rows: [Row] = []
    /// Spans with self time that were left out, and their summed self time.
    package private(set) var omittedSpans = 0
    package private(set) var omittedTime: Int64 = 0

    package init(_ path: FragmentPath, in analysis: TraceAnalysis, maxRows: Int = 25) {
        let spans = analysis.trace.spans
        let parent = analysis.trace.tree.parent
        var shown: [Int: Int64] = [path.head: 0]
        for (span, ns) in path.selfTime {
            if span == path.head {
                shown[span] = ns
            } else if shown.count < maxRows {
                shown[span] = ns
            } else {
                omittedSpans += 1
                omittedTime += ns
            }
        }
        // Each shown span hangs under its nearest shown ancestor.
        var shownParent: [Int: Int] = [:]
        var levels: [Int: Int] = [:]
        var children: [Int: [Int]] = [:]
        for span in shown.keys where span != path.head {
            var p = Int(parent[span])
            var hidden = 0
            while p >= 0 && shown[p] == nil {
                hidden += 1
                p = Int(parent[p])
            }
            if p < 0 { p = path.head }
            shownParent[span] = p
            levels[span] = hidden
            children[p, default: []].append(span)
        }
        var stack: [(span: Int, depth: Int)] = [(path.head, 0)]
        while let (span, depth) = stack.popLast() {
            rows.append(Row(span: span, depth: depth, hiddenLevels: levels[span] ?? 0, selfTime: shown[span] ?? 0))
            let kids = (children[span] ?? []).sorted { SpanOrder.less(spans, $0, $1) }
            for kid in kids.reversed() { stack.append((kid, depth + 1)) }
        }
    }
}
