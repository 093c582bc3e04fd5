import LoupeTrace

/// The rows of a compact critical-path tree: the fragment's head and the spans with the most
/// self time on the path, each under its nearest shown ancestor, drawn like `tree`.
///
/// At most `maxRows` spans are shown (the head plus the largest self times). A shown span
/// whose caller is not shown says which spans it was reached through (`via`). Rows never go
/// deeper than `maxDepth`: a stretch of the deepest line below a row (after the first few
/// levels) is collapsed into one `… N levels` row that carries the self time of every span it
/// stands for, side branches included; when that is not enough, the levels below the deepest
/// row are counted on it (`deeperLevels`) instead of shown.
/// Every span of the path with self time is in exactly one place: its own row, a collapsed
/// row, or `omittedSpans`, so the self times of the rows and the omitted line add up to the
/// path's duration. Built without recursion: a 100,000-level chain prints a handful of lines.
package struct CriticalPathRows {
    package enum Content: Equatable {
        /// A span of the path.
        case span(Int)
        /// `levels` tree levels along the deepest line, and the `spans` in them and beside
        /// them, not shown one by one.
        case collapsed(levels: Int, spans: Int)
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
        let context = Context(path: path, analysis: analysis, maxDepth: max(1, maxDepth))
        var shown: Set<Int> = [path.head]
        var candidates = path.selfTime.makeIterator()
        // Spans hidden in collapsed rows take no row: while rows are left, show the next
        // largest self times too (a few rounds; each keeps every row shown before).
        for _ in 0..<4 {
            var added = false
            var spare = maxRows - (rows.isEmpty ? 1 : rows.filter { if case .span = $0.content { true } else { false } }.count)
            while spare > 0, let (span, _) = candidates.next() {
                if shown.insert(span).inserted {
                    spare -= 1
                    added = true
                }
            }
            guard added || rows.isEmpty else { break }
            (rows, omittedSpans, omittedTime) = context.layout(shown)
        }
    }

    /// What the layout reads: the path, the tree, and the depth limit.
    private struct Context {
        let path: FragmentPath
        let spans: [Span]
        let parent: [Int32]
        let maxDepth: Int
        var selfOf: [Int: Int64] = [:]

        init(path: FragmentPath, analysis: TraceAnalysis, maxDepth: Int) {
            self.path = path
            spans = analysis.trace.spans
            parent = analysis.trace.tree.parent
            self.maxDepth = maxDepth
            for (span, ns) in path.selfTime { selfOf[span] = ns }
        }

        /// The rows for the spans in `shown`, and what is in no row.
        func layout(_ shown: Set<Int>) -> (rows: [Row], omitted: Int, omittedTime: Int64) {
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
            let height = CriticalPathRows.heights(path.head, children)

            // Pre-order, collapsing chains that would go deeper than maxDepth once
            // `collapseFrom` levels are shown.
            let collapseFrom = max(1, min(3, (maxDepth - 2) / 2))
            var rows: [Row] = []
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
                    rows[rows.count - 1].deeperLevels = CriticalPathRows.deepestBelow(span, children, hidden)
                    continue
                }
                if next.depth >= collapseFrom && next.depth + height[span, default: 0] > maxDepth {
                    // Along the deepest line below: c1 … cm, each the child of the one before
                    // with the tallest subtree. c1 … ck become one row, with whatever else
                    // hangs under them; c(k+1) goes on under it.
                    var chain = [CriticalPathRows.tallest(kids, height)]
                    while let below = children[chain[chain.count - 1]] { chain.append(CriticalPathRows.tallest(below, height)) }
                    let needed = next.depth + 1 + height[span, default: 0] - maxDepth
                    let k = min(max(2, needed), chain.count - 1)
                    if k >= 2 || (k == 1 && kids.count > 1) {
                        let resume = chain[k]
                        var levels = 0
                        var spanCount = 0
                        var time: Int64 = 0
                        func cover(_ s: Int) {
                            guard covered.insert(s).inserted else { return }
                            time += selfOf[s] ?? 0
                            spanCount += 1
                        }
                        var s = Int(parent[resume])
                        while s != span {
                            levels += 1
                            cover(s)
                            s = Int(parent[s])
                        }
                        // Side rows under the collapsed ones, and the spans between them and
                        // the row they hang under.
                        var side = kids.filter { $0 != chain[0] }
                        for c in chain.prefix(k) { side += (children[c] ?? []).filter { $0 != resume && !chain.contains($0) } }
                        while let x = side.popLast() {
                            var a = x
                            cover(a)
                            for _ in 0..<(hidden[x] ?? 0) {
                                a = Int(parent[a])
                                cover(a)
                            }
                            side += children[x] ?? []
                        }
                        rows.append(
                            Row(
                                content: .collapsed(levels: levels, spans: spanCount), depth: next.depth + 1, continues: childContinues,
                                isLast: true, selfTime: time))
                        stack.append((resume, next.depth + 2, childContinues + [false], true, false))
                        continue
                    }
                }
                for (i, kid) in kids.enumerated().reversed() {
                    stack.append((kid, next.depth + 1, childContinues, i == kids.count - 1, true))
                }
            }
            var omitted = 0
            var omittedTime: Int64 = 0
            for (span, ns) in path.selfTime where !covered.contains(span) {
                omitted += 1
                omittedTime += ns
            }
            return (rows, omitted, omittedTime)
        }
    }

    /// The child with the tallest subtree, the first of them on a tie.
    private static func tallest(_ kids: [Int], _ height: [Int: Int]) -> Int {
        var best = kids[0]
        for kid in kids.dropFirst() where height[kid, default: 0] > height[best, default: 0] { best = kid }
        return best
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
    private static func deepestBelow(_ span: Int, _ children: [Int: [Int]], _ hidden: [Int: Int]) -> Int {
        var deepest = 0
        var stack = [(span, 0)]
        while let (s, depth) = stack.popLast() {
            deepest = max(deepest, depth)
            for kid in children[s] ?? [] { stack.append((kid, depth + 1 + (hidden[kid] ?? 0))) }
        }
        return deepest
    }
}
