import LoupeTrace

/// The rows of a compact critical-path tree: the fragment's head and the spans with the most
/// self time on the path, each under its nearest shown ancestor, drawn like `tree`.
///
/// At most `maxRows` spans are shown (the head plus the largest self times). A shown span
/// whose caller is not shown says which spans it was reached through (`via`). Rows never go
/// deeper than `maxDepth`: a long single-child chain is collapsed into one `… N levels` row
/// that carries the self time of every span it stands for, and when that is not enough the
/// spans below the deepest row are counted on it (`deeperLevels`) instead of shown.
/// Every span of the path with self time is in exactly one place: its own row, a collapsed
/// row, or `omittedSpans`, so the self times of the rows and the omitted line add up to the
/// path's duration. Built without recursion: a 100,000-level chain prints a handful of lines.
package struct CriticalPathRows {
    package enum Content: Equatable {
        /// A span of the path.
        case span(Int)
        /// `levels` tree levels in a chain, not shown one by one.
        case collapsed(levels: Int)
    }

    /// The spans between a row and the row it hangs under that are not shown: the nearest of
    /// them (the span's caller) and how many there are.
    package struct Via: Equatable {
        package var nearest: Int
        package var levels: Int
    }

    package struct Row: Equatable {
        package var content: Content
        /// Depth among shown rows (0 for the head).
        package var depth: Int
        /// For each ancestor row at depths 1 ..< depth: whether it has siblings still to come
        /// (a `│` is drawn in its column).
        package var continues: [Bool]
        /// The last child of its parent row (`└` rather than `├`).
        package var isLast: Bool
        package var via: Via?
        /// Tree levels below this row that are not shown (the depth limit).
        package var deeperLevels = 0
        package var selfTime: Int64

        /// The tree drawing before the row's text: `│  ├─ `.
        package func prefix(vertical: String = "│  ", blank: String = "   ", tee: String = "├─ ", corner: String = "└─ ") -> String {
            guard depth > 0 else { return "" }
            var out = ""
            for goesOn in continues { out += goesOn ? vertical : blank }
            return out + (isLast ? corner : tee)
        }
    }

    package private(set) var rows: [Row] = []
    /// Spans with self time that are in no row, and their summed self time.
    package private(set) var omittedSpans = 0
    package private(set) var omittedTime: Int64 = 0

    package init(_ path: FragmentPath, in analysis: TraceAnalysis, maxRows: Int = 25, maxDepth: Int = .max) {
        let spans = analysis.trace.spans
        let parent = analysis.trace.tree.parent
        let maxDepth = max(1, maxDepth)
        var selfOf: [Int: Int64] = [:]
        for (span, ns) in path.selfTime { selfOf[span] = ns }
        var shown: Set<Int> = [path.head]
        for (span, _) in path.selfTime where shown.count < maxRows { shown.insert(span) }

        // Each shown span hangs under its nearest shown ancestor.
        var hidden: [Int: Int] = [:]
        var children: [Int: [Int]] = [:]
        for span in shown where span != path.head {
            var p = Int(parent[span])
            var levels = 0
            while p >= 0 && !shown.contains(p) {
                levels += 1
                p = Int(parent[p])
            }
            if p < 0 { p = path.head }
            hidden[span] = levels
            children[p, default: []].append(span)
        }
        for key in children.keys { children[key]!.sort { SpanOrder.less(spans, $0, $1) } }
        let height = Self.heights(path.head, children)

        // Pre-order, collapsing chains that would go deeper than maxDepth once `collapseFrom`
        // levels are shown.
        let collapseFrom = max(1, min(3, maxDepth - 2))
        var covered = Set<Int>()
        var stack: [(span: Int, depth: Int, continues: [Bool], isLast: Bool, via: Bool)] = [(path.head, 0, [], true, false)]
        while let next = stack.popLast() {
            let span = next.span
            let levels = hidden[span] ?? 0
            let via = next.via && levels > 0 ? Via(nearest: Int(parent[span]), levels: levels) : nil
            rows.append(
                Row(
                    content: .span(span), depth: next.depth, continues: next.continues, isLast: next.isLast, via: via,
                    selfTime: selfOf[span] ?? 0))
            covered.insert(span)
            let kids = children[span] ?? []
            guard !kids.isEmpty else { continue }
            let childContinues = next.depth == 0 ? [] : next.continues + [!next.isLast]
            if next.depth + 1 > maxDepth {
                rows[rows.count - 1].deeperLevels = Self.deepestBelow(span, children, parent, hidden)
                continue
            }
            if kids.count == 1 && next.depth >= collapseFrom && next.depth + height[span, default: 0] > maxDepth {
                // The chain below: c1 … cm, where every one but the last has exactly one child.
                var chain = [kids[0]]
                while let only = children[chain[chain.count - 1]], only.count == 1 { chain.append(only[0]) }
                let needed = next.depth + 1 + height[span, default: 0] - maxDepth
                let k = min(max(2, needed), chain.count - 1)
                if k >= 2 {
                    let resume = chain[k]
                    var levels = 0
                    var time: Int64 = 0
                    var s = Int(parent[resume])
                    while s != span {
                        levels += 1
                        time += selfOf[s] ?? 0
                        covered.insert(s)
                        s = Int(parent[s])
                    }
                    rows.append(
                        Row(content: .collapsed(levels: levels), depth: next.depth + 1, continues: childContinues, isLast: true, selfTime: time))
                    stack.append((resume, next.depth + 2, childContinues + [false], true, false))
                    continue
                }
            }
            for (i, kid) in kids.enumerated().reversed() { stack.append((kid, next.depth + 1, childContinues, i == kids.count - 1, true)) }
        }
        for (span, ns) in path.selfTime where !covered.contains(span) {
            omittedSpans += 1
            omittedTime += ns
        }
    }

    /// Shown-tree height of every shown span (0 for a leaf), without recursion.
    private static func heights(_ head: Int, _ children: [Int: [Int]]) -> [Int: Int] {
        var order: [Int] = [head]
        var i = 0
        while i < order.count {
            order += children[order[i]] ?? []
            i += 1
        }
        var height: [Int: Int] = [:]
        for span in order.reversed() {
            var h = 0
            for kid in children[span] ?? [] { h = max(h, height[kid, default: 0] + 1) }
            height[span] = h
        }
        return height
    }

    /// Tree levels from `span` down to its deepest shown descendant, hidden levels included.
    private static func deepestBelow(_ span: Int, _ children: [Int: [Int]], _ parent: [Int32], _ hidden: [Int: Int]) -> Int {
        var deepest = 0
        var stack = [(span, 0)]
        while let (s, depth) = stack.popLast() {
            deepest = max(deepest, depth)
            for kid in children[s] ?? [] { stack.append((kid, depth + 1 + (hidden[kid] ?? 0))) }
        }
        return deepest
    }
}
