import LoupeIO
import LoupeTrace

/// The committed gate fixtures (Tests/Fixtures/gate, provenance in its README).
enum Fixtures {
    static let directory: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path + "/Fixtures/gate/"
    }()

    static func traces(_ name: String) -> SpanCollection {
        TraceReader.read([.file(directory + name)])
    }

    /// The operation the slowdown tests slow down.
    static let slowed = OperationKey(service: "ml-ranker", name: "model.predict")
}

/// Ways to make one operation slower in recorded traces.
enum Slowdown {
    /// Scales the operation's durations by 3/2, as whole µs (Zipkin's unit), like the reference
    /// computation: `duration_us * 3 // 2`. Nothing else moves.
    static func scaled(_ spans: [Span], _ operation: OperationKey) -> [Span] {
        spans.map { span in
            guard OperationKey(span) == operation else { return span }
            var slower = span
            slower.end = span.start + (span.duration / 1000 * 3 / 2) * 1000
            return slower
        }
    }

    /// Makes the operation's spans half as long again, as a real slowdown would: the work after
    /// it (later siblings of it and of each ancestor, with their subtrees) starts later by the
    /// same amount, and every ancestor ends later by it. Concurrent siblings do not move.
    static func causal(_ trace: TraceSpans, _ operation: OperationKey) -> TraceSpans {
        var spans = trace.spans
        var index: [SpanID: Int] = [:]
        for (i, span) in spans.enumerated() where index[span.spanID] == nil { index[span.spanID] = i }
        var children: [Int: [Int]] = [:]
        for (i, span) in spans.enumerated() {
            if let parent = span.parentID.flatMap({ index[$0] }) { children[parent, default: []].append(i) }
        }
        func shift(_ root: Int, by delta: Int64) {
            var stack = [root]
            while let i = stack.popLast() {
                spans[i].start += delta
                spans[i].end += delta
                stack += children[i] ?? []
            }
        }
        let targets = spans.indices.filter { OperationKey(spans[$0]) == operation }.sorted { spans[$0].start < spans[$1].start }
        for target in targets {
            let delta = spans[target].duration / 2
            var node = target
            var originalEnd = spans[node].end
            spans[node].end += delta
            while let parent = spans[node].parentID.flatMap({ index[$0] }) {
                for sibling in children[parent] ?? [] where sibling != node && spans[sibling].start >= originalEnd {
                    shift(sibling, by: delta)
                }
                node = parent
                originalEnd = spans[node].end
                spans[node].end += delta
            }
        }
        return TraceSpans(traceID: trace.traceID, spans: spans)
    }
}
