import LoupeTrace

/// The JSON documents of TRACE-SEMANTICS sections 3.4, 4.2 and 5, piece by piece, so a run
/// over many traces can write them as it goes. Field names and orders are the text's; all
/// times are integer nanoseconds.
package enum TraceDocuments {
    /// `{"span_id","service","name"}` of a span.
    static func spanRef(_ spans: [Span], _ i: Int, into json: inout JSONBuilder) {
        json.beginObject()
        spanFields(spans, i, into: &json)
        json.endObject()
    }

    /// The three identifying fields, read in place (no copy of the span).
    @inline(__always)
    static func spanFields(_ spans: [Span], _ i: Int, into json: inout JSONBuilder) {
        json.field("span_id", spans[i].spanID)
        json.field("service", spans[i].service)
        json.field("name", spans[i].name)
    }

    /// The identifying members of spans, rendered once each: a span shows up in several
    /// segments and in the self-time list.
    struct IdentityCache {
        /// Rendered members of all spans so far, one after another.
        private var text: [UInt8] = []
        /// Per span: where its members start in `text` (-1: not rendered yet), and their length.
        private var start: [Int32]
        private var length: [Int32]

        init(count: Int) {
            start = Array(repeating: -1, count: count)
            length = Array(repeating: 0, count: count)
        }

        mutating func write(_ spans: [Span], _ i: Int, into json: inout JSONBuilder) {
            if start[i] < 0 {
                var member = JSONBuilder()
                member.beginObject()
                spanFields(spans, i, into: &member)
                start[i] = Int32(text.count)
                length[i] = Int32(member.bytes.count - 1)
                text.append(contentsOf: member.bytes[1...])
            }
            let from = Int(start[i])
            text.withUnsafeBufferPointer { json.members(UnsafeBufferPointer(rebasing: $0[from..<(from + Int(length[i]))])) }
        }
    }

    // MARK: - 3.4 Critical path

    /// One element of `traces`: the trace id and its fragments.
    package static func criticalPathTrace(_ analysis: TraceAnalysis) -> [UInt8] {
        let spans = analysis.trace.spans
        var cache = IdentityCache(count: spans.count)
        var json = JSONBuilder()
        json.bytes.reserveCapacity(analysis.paths.reduce(0) { $0 + 200 * ($1.segments.count + $1.selfTime.count) + 300 })
        json.beginObject()
        json.field("trace_id", analysis.trace.traceID)
        json.key("fragments")
        json.beginArray()
        for path in analysis.paths {
            json.beginObject()
            json.key("root")
            spanRef(spans, path.head, into: &json)
            json.field("root_kind", path.kind.rawValue)
            json.field("start_ns", path.start)
            json.field("end_ns", path.end)
            json.field("duration_ns", path.duration)
            json.field("clipped_spans", path.clippedSpans)
            json.field("dropped_spans", path.droppedSpans)
            json.key("segments")
            json.beginArray()
            for segment in path.segments {
                json.beginObject()
                cache.write(spans, segment.span, into: &json)
                json.field("start_ns", segment.start)
                json.field("end_ns", segment.end)
                json.field("duration_ns", segment.duration)
                json.endObject()
            }
            json.endArray()
            json.key("self_time")
            json.beginArray()
            for (span, ns) in path.selfTime {
                json.beginObject()
                cache.write(spans, span, into: &json)
                json.field("cp_self_ns", ns)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.bytes
    }

    // MARK: - 4.2 Parallel groups

    package static func parameters(_ p: ParallelParameters) -> [UInt8] {
        var json = JSONBuilder()
        json.beginObject()
        json.field("min_count", p.minCount)
        json.field("max_gap_ns", p.maxGap)
        json.field("min_saving_ns", p.minSaving)
        json.field("n_plus_one_min", p.nPlusOneMin)
        json.endObject()
        return json.bytes
    }

    /// One element of `groups`.
    package static func parallelGroup(_ group: ParallelGroup, in analysis: TraceAnalysis) -> [UInt8] {
        let iv = analysis.sanitized
        return parallelGroup(
            group, traceID: analysis.trace.traceID, spans: analysis.trace.spans, members: group.spans.map { Int32($0) }[...],
            start: group.spans.map { iv.start[$0] }[...], end: group.spans.map { iv.end[$0] }[...],
            onCriticalPath: group.spans.map { analysis.onCriticalPath[$0] }[...])
    }

    /// One element of `groups`, from the group's members (`group.spans` is not read) with their
    /// clipped intervals and critical-path flags in member order (`TraceGroups` keeps only
    /// these of a trace's analysis).
    static func parallelGroup(
        _ group: ParallelGroup, traceID: String, spans: [Span], members: ArraySlice<Int32>, start: ArraySlice<Int64>,
        end: ArraySlice<Int64>, onCriticalPath: ArraySlice<Bool>
    ) -> [UInt8] {
        var json = JSONBuilder()
        json.beginObject()
        json.field("trace_id", traceID)
        json.key("parent")
        spanRef(spans, group.parent, into: &json)
        json.field("kind", group.kind.rawValue)
        json.key("repeated")
        if group.kind == .nPlusOne {
            json.beginObject()
            json.field("service", group.service)
            json.field("name", group.name)
            json.field("count", group.repeatCount)
            json.endObject()
        } else {
            json.null()
        }
        json.field("count", members.count)
        json.key("spans")
        json.beginArray()
        var m = start.startIndex
        for s in members {
            json.beginObject()
            spanFields(spans, Int(s), into: &json)
            json.field("start_ns", start[m])
            json.field("end_ns", end[m])
            json.field("duration_ns", end[m] - start[m])
            json.field("on_critical_path", onCriticalPath[m])
            json.endObject()
            m += 1
        }
        json.endArray()
        json.field("sum_ns", group.sum)
        json.field("max_ns", group.max)
        json.field("naive_saving_ns", group.naiveSaving)
        json.field("cp_contribution_ns", group.criticalPathContribution)
        json.field("saving_ns", group.saving)
        json.field("nested", group.nested)
        json.endObject()
        return json.bytes
    }

    package struct GroupOrder: Sendable {
        package var saving: Int64
        package var traceID: String
        package var parentSpanID: SpanID
        package var firstStart: Int64

        package init(_ group: ParallelGroup, in analysis: TraceAnalysis) {
            saving = group.saving
            traceID = analysis.trace.traceID
            parentSpanID = analysis.trace.spans[group.parent].spanID
            firstStart = group.spans.first.map { analysis.sanitized.start[$0] } ?? 0
        }

        init(saving: Int64, traceID: String, parentSpanID: SpanID, firstStart: Int64) {
            self.saving = saving
            self.traceID = traceID
            self.parentSpanID = parentSpanID
            self.firstStart = firstStart
        }

        package static func less(_ a: GroupOrder, _ b: GroupOrder) -> Bool {
            if a.saving != b.saving { return a.saving > b.saving }
            let t = ByteOrder.compare(a.traceID, b.traceID)
            if t != 0 { return t < 0 }
            if a.parentSpanID != b.parentSpanID { return a.parentSpanID < b.parentSpanID }
            return a.firstStart < b.firstStart
        }
    }

    // MARK: - 5 Errors

    /// One element of `per_trace` (for a trace with at least one error span).
    package static func errorTrace(_ analysis: TraceAnalysis) -> [UInt8] {
        let spans = analysis.trace.spans
        let errors = analysis.errors
        var json = JSONBuilder()
        json.beginObject()
        json.field("trace_id", analysis.trace.traceID)
        json.field("failed", errors.failed)
        func list(_ name: StaticString, _ list: [Int]) {
            json.key(name)
            json.beginArray()
            for s in list { json.string(spans[s].spanID) }
            json.endArray()
        }
        list("origins", errors.origins)
        list("surfaces", errors.surfaces)
        list("root_causes", errors.rootCauses)
        json.field("async_failed", errors.asyncFailed)
        list("async_root_causes", errors.asyncRootCauses)
        json.endObject()
        return json.bytes
    }

    /// The `hotspots` array of section 5.2.
    package static func errorHotspots(_ hotspots: Hotspots) -> [UInt8] {
        var json = JSONBuilder()
        json.beginArray()
        for (key, row) in hotspots.errorRows {
            json.beginObject()
            json.field("service", key.service)
            json.field("operation", key.name)
            json.field("spans", row.spans)
            json.field("error_spans", row.errorSpans)
            json.field("origin_spans", row.originSpans)
            json.field("surface_spans", row.surfaceSpans)
            json.field("traces_with_origin", row.tracesWithOrigin)
            json.field("root_cause_traces", row.rootCauseTraces)
            json.key("share_of_failed_traces")
            json.double(hotspots.shareOfFailedTraces(row))
            json.field("async_root_cause_traces", row.asyncRootCauseTraces)
            json.endObject()
        }
        json.endArray()
        return json.bytes
    }

    // MARK: - input

    /// The `input` object: what was read and repaired before analysis.
    package static func input(_ totals: TraceInputTotals) -> [UInt8] {
        var json = JSONBuilder()
        json.beginObject()
        json.field("spans_read", totals.read.spansRead)
        json.field("traces", totals.traces)
        json.field("duplicate_spans_dropped", totals.duplicateSpans)
        json.field("shared_spans_split", totals.sharedSpansSplit)
        json.field("span_parts_merged", totals.read.spanPartsMerged)
        json.field("negative_durations_clamped", totals.read.negativeDurationsClamped)
        json.key("skipped")
        json.beginObject()
        for (reason, count) in totals.read.skipped {
            json.key(dynamic: reason.rawValue)
            json.int(count)
        }
        json.endObject()
        json.endObject()
        return json.bytes
    }
}
