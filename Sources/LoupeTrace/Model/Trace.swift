/// One assembled trace (TRACE-SEMANTICS 2): its unique spans and their tree.
///
/// `spans` holds each span id once (the first occurrence in input order); every index in
/// `tree` refers to `spans`.
package struct Trace: Sendable {
    package let traceID: String
    package let spans: [Span]
    package let tree: SpanTree
    /// Later spans with an id already seen, dropped (section 2.2).
    package let duplicatesDropped: Int
    /// SERVER halves of shared CLIENT/SERVER span ids given an id of their own (section 2.2).
    package let sharedSpansSplit: Int

    package init(
        traceID: String, spans: [Span], tree: SpanTree, duplicatesDropped: Int, sharedSpansSplit: Int = 0
    ) {
        self.traceID = traceID
        self.spans = spans
        self.tree = tree
        self.duplicatesDropped = duplicatesDropped
        self.sharedSpansSplit = sharedSpansSplit
    }

    /// The trace's duration as reports show and order it: the duration of `rootSpan` (the
    /// request's latency; async work that outlives it does not count).
    package var duration: Int64 {
        guard let root = rootSpan else { return 0 }
        return spans[root].end - spans[root].start
    }

    /// The wall-clock extent of the trace: last end minus first start over all its spans.
    package var extent: Int64 {
        guard !spans.isEmpty else { return 0 }
        var start = spans[0].start
        var end = spans[0].end
        for i in spans.indices {
            start = min(start, spans[i].start)
            end = max(end, spans[i].end)
        }
        return end - start
    }

    /// The span that stands for the trace in reports: the head of the first `root` fragment,
    /// else of the first fragment.
    package var rootSpan: Int? {
        (tree.fragments.first { $0.kind == .root } ?? tree.fragments.first)?.head
    }

    /// How many distinct services the trace touches.
    package var serviceCount: Int {
        var services = Set<String>()
        for i in spans.indices { services.insert(spans[i].service) }
        return services.count
    }

    package var errorCount: Int {
        var count = 0
        for i in spans.indices where spans[i].status == .error { count += 1 }
        return count
    }
}

/// What heads a fragment (TRACE-SEMANTICS 2.5).
package enum FragmentKind: String, Sendable {
    /// A span with no parent id.
    case root
    /// A span whose parent is not in the trace, or whose link was cut to break a cycle.
    case orphan
    /// The child end of a non-blocking edge (FOLLOWS_FROM, or PRODUCER to CONSUMER).
    case detached
}

/// One fragment: its head span and what made it a head.
package struct Fragment: Sendable, Equatable {
    package var head: Int
    package var kind: FragmentKind

    package init(head: Int, kind: FragmentKind) {
        self.head = head
        self.kind = kind
    }
}
