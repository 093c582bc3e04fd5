import LoupeEngine
import LoupeIO

/// `--since`/`--until` by binary search, on mapped files the user says are time-sorted
/// (`--sorted`; see `TimeSeek`). Without that promise every record is read: sampling can
/// make a seek likely right, never provably so, and an answer must equal a full scan's.
extension QueryRun {
    /// The byte range of `opened` to read, or nil to read it all; says which in `--stats`.
    func seekRange(_ opened: OpenedInput, name: String) -> Range<Int>? {
        guard configuration.sorted, let filter = program.timeFilter, filter.since != nil || filter.until != nil else { return nil }
        // -v prints the records outside the bounds; --strict must see every record.
        guard !configuration.invert, !configuration.reading.strict else { return nil }
        guard case .mapped(let file) = opened.body, let base = file.base else { return nil }
        var evaluator = RecordEvaluator(program: program)
        let seek = TimeSeek(base: base, count: file.count) { line, count in
            if case .invalid = evaluator.evaluate(line, count) { return nil }
            return filter.timestamp(evaluator.scanner.slots, evaluator.valueBase(line))
        }
        switch seek.range(since: filter.since, until: filter.until) {
        case .seeked(let range):
            let skipped = file.count - range.count
            let share = file.count > 0 ? skipped * 100 / file.count : 0
            reports.seekNotes.append(
                "\(name): seeked to bytes \(range.lowerBound)..<\(range.upperBound) of \(file.count) (timestamps in order; \(share)% not read)"
            )
            return range
        case .fullScan(let reason):
            reports.seekNotes.append("\(name): read in full, no seek: \(reason)")
            return nil
        }
    }
}
