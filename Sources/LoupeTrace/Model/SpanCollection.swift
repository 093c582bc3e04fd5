/// The spans of all inputs, grouped by trace id: what `TraceReader` hands to assembly.
///
/// Traces are in order of their first span in the input; the spans of a trace are in input
/// order (files in the order given), duplicates included: dropping them is assembly's job
/// (TRACE-SEMANTICS 2.2, the first occurrence wins).
package struct SpanCollection: Sendable {
    package var traces: [TraceSpans] = []
    /// What reading found: counts, skipped records, inputs that could not be read.
    package var report = ReadReport()

    package init() {}
}

/// The spans that share one trace id, in input order.
package struct TraceSpans: Sendable {
    package var traceID: String
    package var spans: [Span]

    package init(traceID: String, spans: [Span]) {
        self.traceID = traceID
        self.spans = spans
    }
}

/// Consecutive spans of one trace: its id and how many. `SpanCollectionBuilder.expect` is told
/// the runs of spans about to be added; a split read keeps its decoded spans with their runs
/// (`TracedSpans`), so that they need no trace id each.
package struct TraceRun: Sendable {
    package var traceID: String
    package var spans: Int

    package init(traceID: String, spans: Int) {
        self.traceID = traceID
        self.spans = spans
    }
}

/// Builds a `SpanCollection` one span at a time; consecutive spans of one trace (the usual
/// layout of every export format) skip the dictionary lookup.
package struct SpanCollectionBuilder {
    private var collection = SpanCollection()
    /// Traces holding a span read without a start time (`UntimedSpans` resolves them).
    private var untimedTraces = Set<Int>()
    private var indexOfTrace: [String: Int] = [:]
    private var lastTraceID = ""
    private var lastIndex = -1
    /// Per trace, spans `expect` announced for which no room was made yet.
    private var expected: [Int] = []
    /// The runs `expect` announced, each with its trace's index and the spans still to come
    /// (`add` takes them without looking the trace id up), from `nextPlanned` on.
    private var planned: [(trace: Int, spans: Int)] = []
    private var nextPlanned = 0
    /// Where the collection stood when the input being read began (`beginInput`), for
    /// `retractInput`: how many traces and spans there were and which traces held untimed
    /// spans; and, for each earlier trace this input added to, how many spans it held.
    private var inputStart = (traces: 0, spansRead: 0, untimed: Set<Int>())
    private var countsBeforeInput: [Int: Int] = [:]
    /// The trace of the last span added, to note an earlier trace's count once per run.
    private var lastTouched = -1

    package init() {}

    /// Adds the next span, of the trace `traceID`.
    package mutating func add(_ span: consuming Span, traceID: String) {
        if nextPlanned < planned.count {
            // Announced by `expect`, which found the trace already.
            if lastIndex != planned[nextPlanned].trace {
                lastIndex = planned[nextPlanned].trace
                lastTraceID = collection.traces[lastIndex].traceID
            }
            assert(traceID == lastTraceID, "spans must come as `expect` announced them")
            planned[nextPlanned].spans -= 1
            if planned[nextPlanned].spans == 0 { nextPlanned += 1 }
            if nextPlanned == planned.count {
                planned = []
                nextPlanned = 0
            }
        } else {
            select(traceID)
        }
        if lastIndex != lastTouched {
            lastTouched = lastIndex
            if lastIndex < inputStart.traces && countsBeforeInput[lastIndex] == nil {
                countsBeforeInput[lastIndex] = collection.traces[lastIndex].spans.count
            }
        }
        if lastIndex < expected.count && expected[lastIndex] > 0 {
            collection.traces[lastIndex].spans.reserveCapacity(collection.traces[lastIndex].spans.count + expected[lastIndex])
            expected[lastIndex] = 0
        }
        if span.isUntimed { untimedTraces.insert(lastIndex) }
        collection.traces[lastIndex].spans.append(span)
        collection.report.spansRead += 1
    }

    /// Tells how many spans `add` gets next, as runs in the order they come. Each trace's array
    /// then holds its spans without the slack of growing one span at a time (two fifths on
    /// average, more than the finished trees need), and is not moved again. The room is made
    /// when a trace's next span comes, not all at once: the spans are still held elsewhere
    /// until they are added.
    /// The spans must then come exactly as announced.
    package mutating func expect(_ runs: [TraceRun]) {
        planned.reserveCapacity(planned.count + runs.count)
        for run in runs where run.spans > 0 {
            select(run.traceID)
            if lastIndex >= expected.count { expected += repeatElement(0, count: lastIndex + 1 - expected.count) }
            expected[lastIndex] += run.spans
            planned.append((lastIndex, run.spans))
        }
    }

    /// Marks the start of an input, for `retractInput`. Every span announced before must have
    /// been added.
    package mutating func beginInput() {
        assert(planned.isEmpty, "an input began before the spans announced for the last one came")
        planned = []
        nextPlanned = 0
        inputStart = (collection.traces.count, collection.report.spansRead, untimedTraces)
        countsBeforeInput = [:]
        lastTouched = -1
    }

    /// Takes back every span added and announced since `beginInput`, and every trace they made:
    /// the collection is as it was, for the input to be read again another way (a split read
    /// that found its document broken).
    package mutating func retractInput() {
        for (t, count) in countsBeforeInput { collection.traces[t].spans.removeSubrange(count...) }
        for t in inputStart.traces..<collection.traces.count { indexOfTrace[collection.traces[t].traceID] = nil }
        collection.traces.removeSubrange(inputStart.traces...)
        collection.report.spansRead = inputStart.spansRead
        untimedTraces = inputStart.untimed
        expected = [Int](repeating: 0, count: min(expected.count, inputStart.traces))
        planned = []
        nextPlanned = 0
        countsBeforeInput = [:]
        lastIndex = -1
        lastTraceID = ""
        lastTouched = -1
    }

    /// Makes the trace of `traceID` the one spans go to, creating it when it is new.
    private mutating func select(_ traceID: String) {
        if lastIndex < 0 || traceID != lastTraceID {
            if let existing = indexOfTrace[traceID] {
                lastIndex = existing
            } else {
                lastIndex = collection.traces.count
                indexOfTrace[traceID] = lastIndex
                collection.traces.append(TraceSpans(traceID: traceID, spans: []))
            }
            lastTraceID = traceID
        }
    }

    /// The collection, with the report of the reading that gave its spans, once every input is
    /// read: untimed spans are merged, timed or skipped now, when all their trace's spans are
    /// here, so assembly sees only timed spans.
    package mutating func finish(_ report: ReadReport) -> SpanCollection {
        let read = collection.report.spansRead
        collection.report = report
        collection.report.spansRead = read
        var emptied = false
        for t in untimedTraces.sorted() {
            UntimedSpans.resolve(&collection.traces[t].spans, traceID: collection.traces[t].traceID, report: &collection.report)
            emptied = emptied || collection.traces[t].spans.isEmpty
        }
        untimedTraces = []
        // A trace whose spans were all untimed and skipped is no trace: it is neither counted
        // nor reported (an input of only such spans holds no spans).
        if emptied { collection.traces.removeAll { $0.spans.isEmpty } }
        // Appending one span at a time left each trace's array up to twice as big as its spans
        // (a quarter more on average); what the spans are kept in for the whole run should
        // fit them. One trace at a time is moved (popLast hands each span over without
        // reference counting), so this adds almost nothing to the peak.
        for t in collection.traces.indices {
            let count = collection.traces[t].spans.count
            guard collection.traces[t].spans.capacity > count + count / 8 + 8 else { continue }
            var spans = collection.traces[t].spans
            collection.traces[t].spans = []
            var fitted: [Span] = []
            fitted.reserveCapacity(count)
            spans.reverse()
            while let span = spans.popLast() { fitted.append(span) }
            collection.traces[t].spans = fitted
        }
        return collection
    }
}
