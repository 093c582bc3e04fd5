import LoupeTrace

/// The sentences that the text and the Markdown reports share, so both say the same thing in
/// the same words. Plain text: callers escape or style it for their format.
package enum TraceWords {
    /// "3 spans", "1 span".
    package static func count(_ n: Int, _ word: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? word : plural ?? word + "s")
    }

    /// What a fragment of each kind is, said where fragments first appear.
    package static func meaning(_ kind: FragmentKind, count n: Int) -> String {
        switch kind {
        case .root: return n == 1 ? "the request" : "separate requests in one trace"
        case .orphan: return n == 1 ? "its parent is not in the file" : "their parents are not in the file"
        case .detached: return "async work the request did not wait for"
        }
    }

    /// "3 fragments: 1 root (the request), 1 detached (async work the request did not wait
    /// for), 1 orphan (its parent is not in the file)"; nil for a trace of one fragment. With
    /// `together`, each part is kept on one line by `DisplayWidth.wrapped`.
    package static func fragments(_ trace: Trace, together: Bool = false) -> String? {
        let fragments = trace.tree.fragments
        guard fragments.count > 1 else { return nil }
        var parts: [String] = []
        for kind in [FragmentKind.root, .detached, .orphan] {
            let n = fragments.filter { $0.kind == kind }.count
            guard n > 0 else { continue }
            let name = kind == .orphan ? count(n, "orphan") : kind == .root ? count(n, "root") : "\(n) detached"
            let part = name + " (" + meaning(kind, count: n) + ")"
            parts.append(together ? DisplayWidth.keptTogether(part) : part)
        }
        return count(fragments.count, "fragment") + ": " + parts.joined(separator: ", ")
    }

    /// The calls of a parallel group in order, repeats of one operation in a row merged:
    /// "frontend HTTP GET, redis GetDriver ×3, frontend HTTP GET". With `together`, each call
    /// is kept on one line by `DisplayWidth.wrapped`.
    package static func calls(
        _ group: ParallelGroup, _ spans: [Span], operation: (OperationKey) -> String, together: Bool = false, limit: Int = 12
    ) -> String {
        var runs: [(key: OperationKey, count: Int)] = []
        for s in group.spans {
            let key = OperationKey(spans[s])
            if let last = runs.last, last.key == key {
                runs[runs.count - 1].count += 1
            } else {
                runs.append((key, 1))
            }
        }
        var parts = runs.prefix(limit).map { run in
            let text = operation(run.key) + (run.count > 1 ? " ×\(run.count)" : "")
            return together ? DisplayWidth.keptTogether(text) : text
        }
        if runs.count > limit { parts.append("… \(runs.count - limit) more") }
        return parts.joined(separator: ", ")
    }

    /// "via frontend HTTP GET", "via frontend HTTP GET and 2 levels above it": the spans
    /// between a critical-path row and the row it hangs under.
    package static func via(_ via: CriticalPathRows.Via, operation: String) -> String {
        "via " + operation + (via.levels > 1 ? " and " + count(via.levels - 1, "level") + " above it" : "")
    }

    /// "via 1 level", "via 3 levels": the short form when the names do not fit.
    package static func via(_ via: CriticalPathRows.Via) -> String { "via " + count(via.levels, "level") }

    /// "… 12 levels", "… 12 levels, 14 spans": a collapsed stretch of the critical-path tree
    /// (the spans are said when side branches are in it too).
    package static func collapsed(_ levels: Int, spans: Int) -> String {
        "… " + count(levels, "level") + (spans > levels ? ", " + count(spans, "span") : "")
    }

    /// "(4 deeper levels not shown)".
    package static func deeper(_ levels: Int) -> String { "(" + count(levels, "deeper level") + " not shown)" }

    /// "… 3 more spans on the path".
    package static func omitted(_ n: Int) -> String { "… " + count(n, "more span") + " on the path" }

    /// The groups of a trace in report order: outermost groups by saving (largest first), each
    /// followed by the groups nested in its calls (TRACE-SEMANTICS 4.1 step 5) one level deeper.
    package static func groupsInOrder(_ a: TraceAnalysis) -> [(group: ParallelGroup, depth: Int)] {
        let groups = a.parallelGroups
        var inner: [Int: [Int]] = [:]
        var outermost: [Int] = []
        for (g, group) in groups.enumerated() {
            if let outer = group.outer { inner[outer, default: []].append(g) } else { outermost.append(g) }
        }
        let bySaving = { (x: Int, y: Int) in
            groups[x].saving != groups[y].saving ? groups[x].saving > groups[y].saving : groups[x].parent < groups[y].parent
        }
        var result: [(group: ParallelGroup, depth: Int)] = []
        var stack = outermost.sorted(by: bySaving).reversed().map { ($0, 0) }
        while let (g, depth) = stack.popLast() {
            result.append((groups[g], depth))
            for h in (inner[g] ?? []).sorted(by: bySaving).reversed() { stack.append((h, depth + 1)) }
        }
        return result
    }

    /// Said once under a list with nested groups.
    package static let nestedMeaning =
        "nested: runs inside a call of the group above it; its saving is part of that call's time and is not added to the total"

    /// How the errors of a trace ended, for the title of the errors part.
    package static func outcome(_ e: TraceErrors) -> String {
        if e.failed { return e.asyncFailed ? "the trace failed, and async work failed too" : "the trace failed" }
        if e.asyncFailed { return "the request succeeded, but async work failed" }
        return "the trace succeeded (errors were handled)"
    }

    /// One sentence per failed detached head: "async failure: notifications process order
    /// failed (the request did not wait for it); root cause notifications SELECT orders".
    package static func asyncFailures(_ a: TraceAnalysis, operation: (Span) -> String) -> [(sentence: String, cause: Int)] {
        let spans = a.trace.spans
        let tree = a.trace.tree
        return a.errors.asyncRootCauses.map { cause in
            let head = tree.fragments[Int(tree.fragmentOf[cause])].head
            return (
                "async failure: " + operation(spans[head]) + " failed (the request did not wait for it); root cause "
                    + operation(spans[cause]), cause
            )
        }
    }

    /// The spans each error surfaced in, one list per fragment (fragment order), each from the
    /// latest-starting span up towards the head, an operation named once per list.
    package static func surfaces(_ a: TraceAnalysis, operation: (Span) -> String) -> [[String]] {
        let spans = a.trace.spans
        var byFragment: [Int: [Int]] = [:]
        for s in a.errors.surfaces { byFragment[Int(a.trace.tree.fragmentOf[s]), default: []].append(s) }
        return byFragment.keys.sorted().map { f in
            var names: [String] = []
            for s in byFragment[f]!.sorted(by: { SpanOrder.less(spans, $1, $0) }) where !names.contains(operation(spans[s])) {
                names.append(operation(spans[s]))
            }
            return names
        }
    }

    /// Error spans with the same operation and message, merged in first-seen order: a
    /// retried call that failed the same way three times is one row, `×3`.
    package static func merged(_ list: [Int], _ spans: [Span]) -> [(span: Int, count: Int)] {
        var result: [(span: Int, count: Int)] = []
        var index: [String: Int] = [:]
        for s in list {
            let key = spans[s].service + "\u{0}" + spans[s].name + "\u{0}" + (spans[s].statusMessage ?? "")
            if let i = index[key] {
                result[i].count += 1
            } else {
                index[key] = result.count
                result.append((s, 1))
            }
        }
        return result
    }
}
