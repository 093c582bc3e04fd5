@testable import LoupeIO
@testable import LoupeJSON
@testable import LoupeTrace

/// What the four trace decoder targets share: decode `bytes` as `format`, the way loupe reads
/// a pipe, then assemble and analyse every trace.
///
/// Checks: no crash or sanitizer report (bad records are skipped and counted, never fatal);
/// the spans and the report are the same whether the input arrives in one read or a few bytes
/// at a time; format detection never fails on it; each span, written as a query record, is
/// valid JSON (reference parser and loupe's scanner agree); assembly and analysis hold the
/// critical-path invariants (segments tile each fragment, self times add up, savings are
/// bounded by the critical-path contribution).
package func fuzzTrace(_ bytes: [UInt8], format: InputFormat) {
    var detected = OpenedInput.fuzzMemory(bytes, step: awkwardSteps[bytes.count % awkwardSteps.count])
    _ = try? FormatDetector.detect(&detected)

    let whole = decode(bytes, format: format, step: 1 << 16)
    let step = awkwardSteps[(bytes.count / 3) % awkwardSteps.count]
    let pieces = decode(bytes, format: format, step: step)
    fuzzCheck(
        whole.spans == pieces.spans,
        "spans differ between one read and reads of \(step) bytes:\n\(whole.spans.prefix(3))\n\(pieces.spans.prefix(3))")
    fuzzCheck(
        whole.report.skippedTotal == pieces.report.skippedTotal && whole.report.failures == pieces.report.failures
            && whole.report.repairCount == pieces.report.repairCount,
        "reports differ between one read and reads of \(step) bytes:\n\(summary(whole.report))\n\(summary(pieces.report))")

    var scanner = JSONScanner(paths: PathSet([]))
    for span in whole.spans {
        var record: [UInt8] = []
        span.appendRecord(to: &record)
        guard case .valid = ReferenceJSON.parseDocument(record) else {
            fuzzCheck(false, "a span record is not valid JSON: \(String(decoding: record, as: UTF8.self))")
            return
        }
        let error = withExactCopy(record) { scanner.scan($0, count: $1) }
        fuzzCheck(error == nil, "loupe's scanner rejects a span record: \(String(describing: error))")
    }

    let collection = SpanCollection(spans: whole.spans)
    var parameters = ParallelParameters()
    parameters.minSaving = 0
    var hotspots = Hotspots()
    for spans in collection.traces {
        let analysis = TraceAnalysis(TraceAssembler.assemble(spans), parameters: parameters)
        checkAnalysis(analysis)
        hotspots.add(analysis)
        _ = analysis.selfTimeByOperation
    }
}

private func summary(_ report: ReadReport) -> String {
    "skipped \(report.skipped) \(report.inputs.map { $0.skips }) failures \(report.failures) repairs \(report.repairCount)"
}

private func decode(_ bytes: [UInt8], format: InputFormat, step: Int) -> (spans: [Span], report: ReadReport) {
    var spans: [Span] = []
    var report = ReadReport()
    TraceReader.decode(.fuzzMemory(bytes, step: step), format: format, attributes: .all, report: &report) { spans.append($0) }
    return (spans, report)
}

/// The invariants of CriticalPathPropertyTests, on decoded rather than generated traces.
private func checkAnalysis(_ analysis: TraceAnalysis) {
    for path in analysis.paths {
        let segments = path.segments
        if path.duration == 0 {
            fuzzCheck(segments.isEmpty, "a fragment of no duration has segments")
            continue
        }
        fuzzCheck(segments.first?.start == path.start && segments.last?.end == path.end, "segments do not span the fragment")
        for (a, b) in zip(segments, segments.dropFirst()) {
            fuzzCheck(a.end == b.start, "segments do not touch")
        }
        fuzzCheck(segments.allSatisfy { $0.end > $0.start }, "an empty segment")
        fuzzCheck(path.selfTime.reduce(0) { $0 + $1.nanoseconds } == path.duration, "self times do not add up to the duration")
        for segment in segments {
            fuzzCheck(analysis.onCriticalPath[segment.span], "a segment's span is not marked on the critical path")
        }
    }
    for group in analysis.parallelGroups {
        fuzzCheck(group.saving == min(group.naiveSaving, group.criticalPathContribution) && group.saving >= 0, "a group's saving is off")
    }
}
