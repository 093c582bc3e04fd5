import Glibc
import LoupeIO
import LoupeJSON

/// Runs a program over the records of one chunk; one per worker thread.
///
/// Lines that the prefilter rules out are never parsed; every other line is validated and
/// tested. Blank lines are ignored; an invalid line is counted under its reason (or stops the
/// chunk under `--strict`). A processor is used by one thread at a time (hence the unchecked
/// `Sendable`: it moves to its worker once and stays there).
package final class ChunkProcessor: @unchecked Sendable {
    private var scan: ChunkScan

    package init(program: Program, options: ScanOptions) {
        scan = ChunkScan(program: program, options: options)
    }

    package func process(_ chunk: ByteChunk) -> ChunkResult {
        // Work on a local copy: the inner loop then touches no class storage.
        var local = scan
        let result = local.run(chunk)
        scan = local
        return result
    }
}

/// The per-worker state and inner loop of `ChunkProcessor`.
struct ChunkScan {
    var evaluator: RecordEvaluator
    let options: ScanOptions
    let needles: AnyLiteralSearcher?
    let isLines: Bool
    let sortSlots: [Int]
    let groupKeys: [GroupKeySpec]?
    let groupAggregates: [AggregateSpec]
    let projectSlots: [Int]?
    let timeFilter: TimeFilter?
    let testedSlots: [Int]
    let isSchema: Bool
    var keyScratch = KeyBuffer()
    var walker = JSONWalker(maximumDepth: FieldCatalog.listedDepth)
    /// `loupe fields`: finds where the well-known fields come from (`WellKnownPicks`).
    var picker: RecordEvaluator?

    init(program: Program, options: ScanOptions) {
        evaluator = RecordEvaluator(program: program)
        self.options = options
        needles = options.allowsPrefilter ? program.needles.map(AnyLiteralSearcher.init) : nil
        sortSlots = program.lineSort.map(\.slot)
        timeFilter = program.timeFilter
        testedSlots = program.testedSlots
        isSchema = program.plan.isSchema
        picker = isSchema ? RecordEvaluator(program: WellKnownPicks.program) : nil
        switch program.plan {
        case .lines, .schema:
            isLines = !isSchema
            groupKeys = nil
            groupAggregates = []
            projectSlots = nil
        case .rows(let plan):
            isLines = false
            switch plan.source {
            case .group(let keys, let aggregates):
                groupKeys = keys
                groupAggregates = aggregates
                projectSlots = nil
            case .project(let slots):
                groupKeys = nil
                groupAggregates = []
                projectSlots = slots
            }
        }
    }

    mutating func run(_ chunk: ByteChunk) -> ChunkResult {
        // Records that are not lines (JSON values, RS sequences, prefixed lines) come framed.
        if let frames = chunk.frames { return runFramed(chunk, frames) }
        var result = ChunkResult(chunk: chunk)
        let groups = groupKeys == nil ? nil : GroupTable(aggregates: groupAggregates, approximate: options.approximatePercentiles)
        result.groups = groups
        // Per record, the table is reached unretained (`result` owns it): a retain and a
        // release per record are measurable.
        let table = groups.map(Unmanaged.passUnretained)
        let catalog = isSchema ? FieldCatalog() : nil
        result.catalog = catalog
        let base = chunk.base
        let end = chunk.end
        var lineStart = base
        var newlinesCounted = base
        var newlines = 0
        var cursor = needles?.cursor(end: end)
        let countsLines = options.lineNumbers || options.countAllNewlines
        let limitBefore = evaluator.regexLimitHits
        // When most lines hold a needle, the prefilter costs more than it saves: after a
        // sample of candidates, drop it for the rest of the chunk if little was skipped.
        var candidates = 0
        var candidateBytes = 0
        while lineStart < end {
            if cursor != nil {
                guard let hit = cursor!.next(from: lineStart) else { break }
                lineStart = LineFraming.lineStart(before: hit, start: lineStart)
            }
            // Without a prefilter, the scan of a valid line finds its end too; other lines
            // (and prefiltered candidates) are framed first and evaluated on their own.
            let lineEnd: UnsafePointer<UInt8>
            let known: Bool?
            if cursor == nil, !isSchema, let line = evaluator.evaluateLine(lineStart, limit: end) {
                (lineEnd, known) = (line.end, line.matched)
            } else {
                (lineEnd, known) = (LineFraming.lineEnd(from: lineStart, end: end), nil)
            }
            if cursor != nil {
                candidates += 1
                candidateBytes += lineEnd - lineStart + 1
                if candidates == 64, candidateBytes * 2 > lineEnd - base { cursor = nil }
            }
            if countsLines {
                newlines += LineFraming.countNewlines(from: newlinesCounted, to: lineStart)
                newlinesCounted = lineStart
            }
            // A UTF-8 byte order mark is not part of the JSON text: it may open the input, or a
            // line where files were concatenated (several, after files that held only a mark).
            // A line the fast scan read has none.
            var recordStart = lineStart
            if known == nil, lineStart.pointee == 0xEF { recordStart += ByteOrderMark.runLength(lineStart, count: lineEnd - lineStart) }
            let record = Record(written: lineStart, end: lineEnd, json: recordStart, jsonEnd: lineEnd)
            if !handle(record, chunk, &result, table, newlines, known) { break }
            lineStart = lineEnd + 1
        }
        if countsLines {
            result.newlineCount = newlines + LineFraming.countNewlines(from: newlinesCounted, to: end)
        }
        result.regexLimitHits = evaluator.regexLimitHits - limitBefore
        result.bareDurations = evaluator.bareDurations
        return result
    }

    /// One record: the bytes it was written as (a line, or a framed value) and its JSON text.
    struct Record {
        /// What grep mode prints, in the chunk.
        var written: UnsafePointer<UInt8>
        var end: UnsafePointer<UInt8>
        /// The JSON text: inside the written bytes, or a rewritten copy (a prefixed line).
        var json: UnsafePointer<UInt8>
        var jsonEnd: UnsafePointer<UInt8>
        /// Where the JSON's values lie in the chunk, for highlighting: `json` unless rewritten.
        var shown: UnsafePointer<UInt8>
        /// Values at or past this offset of the JSON are not in the chunk (a rewritten field).
        var shownCount: Int
        /// The record's index in the chunk's frames, or -1 for a line.
        var frame = -1

        @inline(__always)
        init(written: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, json: UnsafePointer<UInt8>, jsonEnd: UnsafePointer<UInt8>) {
            self.written = written
            self.end = end
            self.json = json
            self.jsonEnd = jsonEnd
            shown = json
            shownCount = Int.max
        }
    }

    /// What is wrong with a bad record. A value framed from a document (not a line) that breaks
    /// runs on to where framing could resume, which in a one-line array is the end of the line:
    /// the message says how much was passed over when records may lie in it.
    static func describe(_ error: JSONError, _ record: Record) -> String {
        guard record.frame >= 0 else { return error.description }
        let after = record.json + min(max(error.offset, 0), record.jsonEnd - record.json)
        guard after < record.jsonEnd, memchr(after, Int32(UInt8(ascii: "{")), record.jsonEnd - after) != nil else {
            return error.description
        }
        let size = record.jsonEnd - record.json
        return "\(error.description); the broken value is \(size) bytes long and is passed over whole, with any records in it"
    }

    /// Tests one record; returns false when the chunk should stop.
    @inline(__always)
    mutating func handle(
        _ record: Record, _ chunk: ByteChunk, _ result: inout ChunkResult,
        _ groups: Unmanaged<GroupTable>?, _ newlines: Int, _ known: Bool?
    ) -> Bool {
        let start = record.written
        let end = record.end
        let recordStart = record.json
        var matched: Bool
        let outcome: RecordEvaluator.Outcome
        if let known {
            outcome = known ? .match : .noMatch
        } else if let catalog = result.catalog {
            outcome = catalog.add(recordStart, count: record.jsonEnd - recordStart, walker: &walker).map { .invalid($0) } ?? .noMatch
            if case .noMatch = outcome, picker != nil {
                catalog.addWellKnown(recordStart, count: record.jsonEnd - recordStart, evaluator: &picker!)
            }
        } else {
            outcome = evaluator.evaluate(recordStart, record.jsonEnd - recordStart)
        }
        switch outcome {
        case .match:
            matched = true
            result.records += 1
        case .noMatch:
            matched = false
            result.records += 1
        case .invalid(let error):
            if Self.isBlank(recordStart, record.jsonEnd) { return true }
            let offset = chunk.inputOffset + (start - chunk.base)
            if options.strict {
                result.strictFailure = (offset, error.description)
                return false
            }
            result.skipped.add(error.category, offset: offset, message: Self.describe(error, record))
            return true
        }
        let slots = evaluator.scanner.slots
        // Where the slots point: the record, or its copy followed by derived values.
        let values = evaluator.valueBase(recordStart)
        guard matched != options.invert else { return true }
        // --since/--until bound the records, selected or (with -v) not: a record outside the
        // window, or without a time, is never printed or counted.
        if let timeFilter {
            let ns = timeFilter.timestamp(slots, values)
            if options.checkTimeOrder, let ns { result.timeOrder.see(ns, at: chunk.inputOffset + (start - chunk.base)) }
            switch timeFilter.verdict(ns) {
            case .inside: break
            case .outside: return true
            case .unreadable:
                result.untimed += 1
                return true
            }
        }
        result.matchCount += 1
        if isLines {
            if options.collectMatches {
                result.matches.append((start - chunk.base)..<(end - chunk.base))
                if options.lineNumbers { result.matchNewlines.append(newlines) }
                if options.highlight { result.highlights.append(highlightRanges(record, chunk.base)) }
                if record.frame >= 0 { result.matchFrames.append(record.frame) }
                if !sortSlots.isEmpty { result.sortKeys.append(sortSlots.map { RowValue(slots[$0], values) }) }
            }
            if let stop = options.stopAfter, result.matchCount >= stop { return false }
        } else if let groups, let groupKeys {
            guard GroupKeyEncoding.encode(groupKeys, slots, values, into: &keyScratch) else {
                result.matchCount -= 1
                result.unbucketed += 1
                return true
            }
            let key = keyScratch.bytes
            groups._withUnsafeGuaranteedRef { $0.add(to: $0.group(for: key), slots, values) }
        } else if let projectSlots {
            result.rows.append(projectSlots.map { RowValue(slots[$0], values, numbersAsText: options.numbersAsText) })
            if options.rowOffsets { result.rowOffsets.append(chunk.inputOffset + (start - chunk.base)) }
        }
        return true
    }

    private func highlightRanges(_ record: Record, _ chunkBase: UnsafePointer<UInt8>) -> [Range<Int>] {
        let shift = record.shown - chunkBase
        let slots = evaluator.scanner.slots
        return testedSlots.compactMap { slot in
            let value = slots[slot]
            guard value.kind != .missing, value.kind != .object, value.kind != .array, value.end <= record.shownCount else { return nil }
            return (value.start + shift)..<(value.end + shift)
        }
    }

    static func isBlank(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        var p = start
        while p < end {
            let c = p.pointee
            guard c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A else { return false }
            p += 1
        }
        return true
    }
}
