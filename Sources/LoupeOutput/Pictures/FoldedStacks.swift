import LoupeTrace

/// Critical-path self time summed over traces by operation path: for every span with self
/// time on a request's critical path (root and orphan fragments; detached async work does not
/// make the request slower, as in the hotspots' self-time table), the path of operations from
/// its fragment's head down to it. The input of a flame graph.
///
/// Guarantees: `text` is the folded-stack format of flamegraph.pl and speedscope, one line
/// `frame;frame;... nanoseconds` per path, sorted by path; a frame is `service name` with `;`
/// written `,` and control characters escaped, so every line splits back into its frames.
/// The total over all lines is the sum of the requests' critical-path durations.
package struct FoldedStacks: Sendable {
    package private(set) var nanoseconds: [String: Int64] = [:]

    package init() {}

    package init(_ a: TraceAnalysis) {
        let spans = a.trace.spans
        let parent = a.trace.tree.parent
        var frameOf: [Int: String] = [:]
        func frame(_ s: Int) -> String {
            if let f = frameOf[s] { return f }
            let f = Self.frame(spans[s])
            frameOf[s] = f
            return f
        }
        for path in a.paths where path.kind != .detached {
            for (span, ns) in path.selfTime {
                var frames = [frame(span)]
                var s = span
                while s != path.head, parent[s] >= 0 {
                    s = Int(parent[s])
                    frames.append(frame(s))
                }
                let stack = frames.reversed().joined(separator: ";")
                nanoseconds[stack] = (nanoseconds[stack] ?? 0).addingSaturated(ns)
            }
        }
    }

    package mutating func merge(_ other: FoldedStacks) {
        for (stack, ns) in other.nanoseconds { nanoseconds[stack] = (nanoseconds[stack] ?? 0).addingSaturated(ns) }
    }

    package var total: Int64 { nanoseconds.values.saturatingSum() }

    package var text: String {
        nanoseconds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)\n" }.joined()
    }

    static func frame(_ span: Span) -> String {
        let text = TerminalText.sanitize(span.service + " " + span.name)
        return text.contains(";") ? text.replacingOccurrences(of: ";", with: ",") : text
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
