import LoupeTrace

/// The rows of a trace waterfall, shared by the terminal, SVG and HTML pictures: one row per
/// span in depth-first order (children by start), on one time axis from the first start to the
/// last end of any span of the trace.
///
/// Guarantees: rows are in tree order, every fragment after the one before it; unless `expand` is set or the trace has no more than `collapseAbove` spans,
/// siblings that share an operation and number `collapseMin` or more become one
/// collapsed row at the place of the first (their subtrees are hidden and counted), and no more
/// than `maxRows` rows are made (`hiddenSpans` counts the rest). Each row knows its critical-path
/// segments (a collapsed row those of its members and their hidden subtrees), whether it is an
/// error, an error origin, and the parallelizable group brackets it belongs to.
package struct WaterfallLayout: Sendable {
    /// What a row stands for.
    package enum Content: Sendable, Equatable {
        case span(Int)
        /// `count` siblings with the same operation, the first of them `first`.
        case collapsed(first: Int, count: Int, hiddenBelow: Int)
    }

    package struct Row: Sendable {
        package var content: Content
        package var depth: Int
        /// The spans whose extents the bar draws (one for a span row, the members for a
        /// collapsed row).
        package var members: [Int]
        /// Critical-path stretches that belong to this row (absolute ns).
        package var segments: [(start: Int64, end: Int64)] = []
        package var onPath = false
        package var error = false
        package var origin = false
        package var start: Int64
        package var end: Int64

        /// The span that names the row.
        package var span: Int {
            switch content {
            case .span(let s): return s
            case .collapsed(let first, _, _): return first
            }
        }
    }

    /// A parallelizable group, by the rows of its first and last members.
    package struct Bracket: Sendable {
        package var firstRow: Int
        package var lastRow: Int
        package var group: Int
    }

    package let rows: [Row]
    package let brackets: [Bracket]
    /// The time axis: first start and last end over all spans.
    package let start: Int64
    package let end: Int64
    /// Spans left out by the `maxRows` cap (not those inside collapsed rows).
    package let hiddenSpans: Int

    package var duration: Int64 { end - start }

    /// Siblings of one operation that collapse into one row when not expanded.
    package static let defaultCollapseMin = 5
    /// Traces of this many spans or fewer draw every span: they fit on a screen or two.
    package static let defaultCollapseAbove = 100

    package init(
        _ a: TraceAnalysis, expand: Bool = false, collapseMin: Int = defaultCollapseMin, collapseAbove: Int = defaultCollapseAbove,
        maxRows: Int = 500
    ) {
        let trace = a.trace
        let expand = expand || trace.spans.count <= collapseAbove
        let spans = trace.spans
        let tree = trace.tree
        var rowOf = [Int32](repeating: -1, count: spans.count)
        var rows: [Row] = []
        // A span to draw, or siblings of one operation to draw as one row.
        var stack: [(members: [Int], depth: Int)] = []
        var shown = 0
        let isOrigin = Set(a.errors.origins)
        // Depth-first, children in (start, end, span_id) order, every fragment in turn; a
        // detached head appears under its parent because the tree keeps that edge.
        let heads = tree.fragments.map(\.head).filter { tree.parent[$0] < 0 }
        for head in heads.reversed() { stack.append(([head], 0)) }
        while let (members, depth) = stack.popLast() {
            if rows.count >= maxRows && !expand { break }
            let s = members[0]
            var row = Row(
                content: .span(s), depth: depth, members: members, onPath: false, error: false, origin: false, start: Int64.max,
                end: Int64.min)
            var below = 0
            for m in members {
                rowOf[m] = Int32(rows.count)
                row.start = min(row.start, spans[m].start)
                row.end = max(row.end, spans[m].end)
                row.onPath = row.onPath || a.onCriticalPath[m]
                row.error = row.error || spans[m].status == .error
                row.origin = row.origin || isOrigin.contains(m)
            }
            shown += members.count
            if members.count > 1 {
                // The subtrees of collapsed siblings are inside their row: counted, not drawn.
                for m in members {
                    for inner in Self.subtree(m, tree) where inner != m {
                        rowOf[inner] = Int32(rows.count)
                        below += 1
                        row.origin = row.origin || isOrigin.contains(inner)
                    }
                }
                shown += below
                row.content = .collapsed(first: s, count: members.count, hiddenBelow: below)
                rows.append(row)
                continue
            }
            rows.append(row)
            let children = tree.children(of: s).map(Int.init)
            var pushed: [[Int]] = []
            if expand || children.count < collapseMin {
                pushed = children.map { [$0] }
            } else {
                var byKey: [Int32: [Int]] = [:]
                for c in children { byKey[a.operations.ofSpan[c], default: []].append(c) }
                for c in children {
                    let same = byKey[a.operations.ofSpan[c]]!
                    if same.count < collapseMin {
                        pushed.append([c])
                    } else if same[0] == c {
                        pushed.append(same)
                    }
                }
            }
            for members in pushed.reversed() { stack.append((members, depth + 1)) }
        }
        for path in a.paths {
            for segment in path.segments {
                let r = rowOf[segment.span]
                if r >= 0 { rows[Int(r)].segments.append((segment.start, segment.end)) }
            }
        }
        var brackets: [Bracket] = []
        for (g, group) in a.parallelGroups.enumerated() {
            let memberRows = group.spans.map { rowOf[$0] }
            guard let first = memberRows.first, let last = memberRows.last, first >= 0, last >= 0 else { continue }
            brackets.append(Bracket(firstRow: Int(first), lastRow: Int(last), group: g))
        }
        var start = Int64.max
        var end = Int64.min
        for span in spans {
            start = min(start, span.start)
            end = max(end, span.end)
        }
        self.rows = rows
        self.brackets = brackets
        self.start = spans.isEmpty ? 0 : start
        self.end = spans.isEmpty ? 0 : end
        hiddenSpans = spans.count - shown
    }

    /// `s` and every span below it, over every edge (blocking or not).
    static func subtree(_ s: Int, _ tree: SpanTree) -> [Int] {
        var result = [s]
        var next = 0
        while next < result.count {
            for c in tree.children(of: result[next]) { result.append(Int(c)) }
            next += 1
        }
        return result
    }
}
