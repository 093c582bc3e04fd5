/// Spans in input order with their trace ids, kept as runs (`TraceRun`): what a piece of a
/// split read holds until its spans go on, at the cost of one run per change of trace rather
/// than an id per span.
struct TracedSpans {
    private(set) var spans: [Span] = []
    private(set) var runs: [TraceRun] = []

    init() {}

    var count: Int { spans.count }

    /// Adds the next span, of the trace `traceID`.
    mutating func append(_ span: consuming Span, traceID: String) {
        Self.extend(&runs, traceID: traceID, spans: 1)
        spans.append(span)
    }

    /// Hands every span to `sink` with its trace id, in order, and is left empty. The spans are
    /// moved out one by one (popLast hands each over without copying it), not copied and then
    /// destroyed with the array: no reference counting per string.
    mutating func drain(into sink: SpanSink) {
        var moved: [Span] = []
        swap(&moved, &spans)
        // Through the buffer, whose swaps move the spans: Array's own `reverse` copied each one
        // (retaining and releasing its strings). The pointer does not outlive the closure.
        moved.withUnsafeMutableBufferPointer { $0.reverse() }
        for run in runs {
            for _ in 0..<run.spans { sink(run.traceID, moved.popLast()!) }
        }
        runs = []
    }

    /// Lengthens the last of `runs` by `spans` when it is of the trace `traceID`, else appends
    /// a run (only then is a run made: the id is not retained and released again per span).
    private static func extend(_ runs: inout [TraceRun], traceID: String, spans: Int) {
        if let last = runs.indices.last, runs[last].traceID == traceID {
            runs[last].spans += spans
        } else {
            runs.append(TraceRun(traceID: traceID, spans: spans))
        }
    }
}
