import LoupeIO

/// The scan of a chunk whose records are framed (`RecordFrames`: JSON values, RS sequences,
/// prefixed lines) instead of being its lines. Each frame is read like a line: the same
/// evaluation, the same tallies; only where its JSON text lies differs from what is printed.
extension ChunkScan {
    mutating func runFramed(_ chunk: ByteChunk, _ frames: RecordFrames) -> ChunkResult {
        var result = ChunkResult(chunk: chunk)
        let groups = groupKeys == nil ? nil : GroupTable(aggregates: groupAggregates, approximate: options.approximatePercentiles)
        result.groups = groups
        let table = groups.map(Unmanaged.passUnretained)
        result.catalog = isSchema ? FieldCatalog() : nil
        let base = chunk.base
        let countsLines = options.lineNumbers || options.countAllNewlines
        let limitBefore = evaluator.regexLimitHits
        var newlines = 0
        var newlinesCounted = base
        for (index, frame) in frames.frames.enumerated() {
            let written = base + frame.written.lowerBound
            // The prefilter's literals are looked for in the JSON text (a rewritten record holds
            // its prefix field too); a record without them cannot match.
            let json = frames.json(of: frame, base: base)
            if let needles, !needles.contains(json.start, json.count) { continue }
            if countsLines {
                newlines += LineFraming.countNewlines(from: newlinesCounted, to: written)
                newlinesCounted = written
            }
            var record = Record(written: written, end: base + frame.written.upperBound, json: json.start, jsonEnd: json.start + json.count)
            record.frame = index
            record.shown = base + frame.json.lowerBound
            if frame.rewrittenStart >= 0 { record.shownCount = frame.json.count - 1 }
            if !handle(record, chunk, &result, table, newlines, nil) { break }
        }
        if countsLines {
            result.newlineCount = newlines + LineFraming.countNewlines(from: newlinesCounted, to: chunk.end)
        }
        result.regexLimitHits = evaluator.regexLimitHits - limitBefore
        result.bareDurations = evaluator.bareDurations
        return result
    }
}
