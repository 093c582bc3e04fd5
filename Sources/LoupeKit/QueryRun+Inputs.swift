import LoupeEngine
import LoupeIO
import LoupeJSON
import LoupeOutput
import LoupeQuery
import LoupeTrace

/// The inputs as the execution reads them, and what the run reports about each: skipped
/// records with their line numbers, `--sorted`'s time order, plain-text inputs, inputs cut
/// short, the progress line and the tallies of `--stats`.
extension QueryRun: ExecutionObserver {
    func nextInput() -> ExecutionInput? {
        if configuration.merge { return nextMergedInput() }
        while inputIndex < inputs.count {
            let entry = inputs[inputIndex]
            let source = entry.source
            inputIndex += 1
            var opened: OpenedInput
            do {
                opened = try source.open()
            } catch {
                progress.clear()
                Diagnostics.error(error.description)
                hadError = true
                continue
            }
            // A trace export's spans become records (below); they are not mapped.
            let format = entry.format ?? .jsonLines
            spans = spanRecords(for: opened, format: format)
            let isMapped: Bool
            if case .mapped = opened.body, spans == nil { isMapped = true } else { isMapped = false }
            let name = source.displayName
            // The --since seek bisects JSON lines; framed shapes are read from their start.
            let seeked = spans == nil && format.isJSONLines ? seekRange(opened, name: name) : nil
            let reader: any ByteChunkSource =
                spans ?? RecordFraming.chunks(opened, format: format, chunkSize: configuration.reading.blockSize ?? (2 << 20), range: seeked)
            let locator = LineLocator(countsEveryChunk: configuration.lineNumbers || !isMapped)
            if let seeked, locator.countsEveryChunk { locator.skipLines(before: seeked.lowerBound, of: opened) }
            timeOrder = TimeOrder()
            // Only an input read as JSON lines may be plain text: every other shape was told by its JSON.
            firstChunk = spans == nil && format.isJSONLines
            return ExecutionInput(name: name, source: .chunks(reader), locator: locator, streamed: !isMapped)
        }
        return nil
    }

    func willConsume(_ result: ChunkResult, of input: ExecutionInput) {
        switch input.source {
        case .chunks:
            if spans == nil {
                notePlainText(result, name: input.name, first: firstChunk)
                firstChunk = false
            }
            // A progress line on the same terminal is erased first, so lines never land on it.
            if progress.isVisible, writer.isTerminal, !result.matches.isEmpty { progress.clear() }
        case .followed:
            reports.bytesRead += result.chunk.count
            reports.linesRead += result.lineCount
            if firstChunk {
                // A followed input never ends: the note comes after its first chunk.
                firstChunk = false
                notePlainText(result, name: input.name, first: true)
                finishPlainText(inputSize: nil)
            }
        }
        reports.record(result, file: input.name, locator: input.locator)
        if configuration.sorted { checkTimeOrder(result, name: input.name, locator: input.locator) }
    }

    func didConsume(_ result: ChunkResult, of input: ExecutionInput) {
        guard case .chunks(let reader) = input.source else { return }
        let lines = result.lineCount
        reports.linesRead += lines
        if progress.isVisible || writer.isTerminal {
            // Printed lines must reach the terminal before the progress line is drawn under them.
            try? writer.flush()
        }
        progress.update(input: input.name, read: reader.bytesDelivered, size: reader.knownSize, lines: lines, matches: execution.matched)
    }

    func restarted(_ input: ExecutionInput, message: String) -> SinkDecision {
        guard flushBeforeMessage() else { return .stop }
        Diagnostics.error(message)
        return .continue
    }

    func ended(_ input: ExecutionInput, _ end: InputEnd) -> SinkDecision {
        if let failure = end.strictFailure, flushBeforeMessage() {
            Diagnostics.error("\(input.name):\(failure.line): \(failure.message) (--strict stops at the first bad record)")
        }
        if end.strictFailure != nil { reports.strictFailure = true }
        guard case .chunks(let reader) = input.source else {
            if let readError = end.readError {
                Diagnostics.error(readError.description)
                followFailed = true
            }
            return .continue
        }
        let spansStop = finishSpanRecords(spans)
        spans = nil
        // The input's size: known for a mapped file; for a stream, once it was read to its end.
        finishPlainText(inputSize: reader.knownSize ?? (end.readError == nil && !end.runStopped ? reader.bytesDelivered : nil))
        reports.bytesRead += reader.bytesDelivered
        progress.finishInput(bytes: reader.bytesDelivered)
        if end.outputFailed || outputError != nil { return .stop }
        if let readError = end.readError {
            progress.clear()
            if readError.isCutShort {
                // Cut short like a cut file: reported, and an error under --strict.
                Diagnostics.cutShort(input.name, readError, afterLines: input.locator.linesBefore)
                if configuration.reading.strict { reports.strictFailure = true }
            } else {
                Diagnostics.error(readError.description)
                hadError = true
            }
        }
        return spansStop ? .stop : .continue
    }

    func inputsDone() {
        progress.clear()
    }

    var failedStrictly: Bool { reports.strictFailure }

    /// `--sorted` promised time order: the first timestamp of an input that goes back is
    /// reported, since the seek may then have missed records.
    private func checkTimeOrder(_ result: ChunkResult, name: String, locator: LineLocator) {
        guard timeOrder.firstDecrease == nil else { return }
        timeOrder.append(result.timeOrder)
        if let offset = timeOrder.firstDecrease {
            reports.unsortedInputs.append((name, locator.lineNumber(ofOffset: offset, in: result)))
        }
    }
}

/// Spans as records: when an input of `loupe QUERY` is a trace export, each span becomes one
/// JSON record (DESIGN section 4) that the query engine filters and aggregates like a log line.
/// `duration` holds nanoseconds, so it compares with duration literals (`duration > 250ms`).
extension QueryRun {
    /// The compiler's view of span records: `duration` is in nanoseconds.
    static let spanDurationScales: [FieldPath: Double] = [FieldPath(dotted: "duration"): 1]

    /// For a trace export, the chunks of its span records, and for OTLP logs of its log records
    /// (they take over the opened input); nil for JSON lines. The format is the one the input
    /// set told.
    func spanRecords(for opened: OpenedInput, format: InputFormat) -> RecordChunks? {
        guard format.isTraceExport || format.isOTLPLogs else { return nil }
        // Spans are decoded and rendered on all cores (a big mapped export), beside the workers
        // that read the records: decoding costs more than querying.
        return RecordChunks(
            opened, format: format, chunkSize: configuration.reading.blockSize ?? (1 << 20), threads: configuration.reading.workerThreads)
    }

    /// After the input: stops the decoder if the query stopped early, then reports what
    /// decoding skipped or repaired; true when that fails the run (`--strict`).
    func finishSpanRecords(_ chunks: RecordChunks?) -> Bool {
        guard let chunks else { return false }
        chunks.cancel()
        let report = chunks.report
        for failure in report.failures {
            Diagnostics.error(failure)
            hadError = true
        }
        RepairReport.print(TraceInputTotals(read: report))
        // An export read to its end without a record in it is said, not counted as 0 silently.
        for message in report.inputs.compactMap(InputMessages.noRecords) { Diagnostics.error(TerminalText.sanitize(message)) }
        if configuration.reading.strict && report.repairCount > 0 {
            let logs = report.inputs.contains { InputFormat(rawValue: $0.format)?.isOTLPLogs == true }
            Diagnostics.error("--strict: \(Diagnostics.plural(report.repairCount, logs ? "log record" : "span record")) needed a repair")
            reports.strictFailure = true
            return true
        }
        return false
    }
}

/// `--since`/`--until` by binary search, on mapped files the user says are time-sorted
/// (`--sorted`; see `TimeSeek`). Without that promise every record is read: sampling can
/// make a seek likely right, never provably so, and an answer must equal a full scan's.
extension QueryRun {
    /// The byte range of `opened` to read, or nil to read it all; says which in `--stats`.
    func seekRange(_ opened: OpenedInput, name: String) -> Range<Int>? {
        guard configuration.sorted, let filter = program.timeFilter, filter.since != nil || filter.until != nil else { return nil }
        // --strict must see every record (-v inverts the query, not the time window, so it
        // seeks like any run).
        guard !configuration.reading.strict else { return nil }
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
                "\(name): seeked to bytes \(range.lowerBound)..<\(range.upperBound) of \(file.count) (the timestamps sampled were in order; \(share)% not read)"
            )
            return range
        case .fullScan(let reason):
            reports.seekNotes.append("\(name): read in full, no seek: \(reason)")
            return nil
        }
    }
}

/// A query over a plain-text log reads no record: the prefilter rules most lines out before
/// they are parsed, so without a word the run would look like one over an empty JSON file.
/// The first block of each JSON-lines input is probed (`PlainTextProbe`, bounded, nothing per
/// record); an input whose first block holds no line that may be a JSON record, and of which
/// no line was read as a valid record, gets one note on standard error.
extension QueryRun {
    /// What the probe found in the input being read, until the input ends.
    struct PlainTextInput {
        var name: String
        var finding: PlainTextProbe.Finding
        /// The size of the chunk probed, to tell whether it was the whole input.
        var probedChunk: Int
        /// Valid records read from the input so far.
        var records = 0
    }

    /// Called with every chunk of an input, in order: probes the first one (when the input is
    /// read from its start) and counts the valid records of the others.
    func notePlainText(_ result: ChunkResult, name: String, first: Bool) {
        if first {
            plainTextInput = nil
            guard result.chunk.inputOffset == 0 else { return }
            let bytes = UnsafeBufferPointer(start: result.chunk.base, count: result.chunk.count)
            guard let finding = PlainTextProbe.probe(bytes) else { return }
            plainTextInput = PlainTextInput(name: name, finding: finding, probedChunk: result.chunk.count)
        }
        plainTextInput?.records += result.records
    }

    /// At the end of an input (or, following a file, after its first chunk): the note, when no
    /// valid record came from it. `inputSize` is nil when the size is not known.
    func finishPlainText(inputSize: Int?) {
        defer { plainTextInput = nil }
        guard let input = plainTextInput, input.records == 0 else { return }
        let whole = input.finding.examinedAll && inputSize == input.probedChunk
        progress.clear()
        Diagnostics.error(RunReports.plainTextNote(file: input.name, input.finding, wholeInput: whole))
    }
}

/// `--merge`: the inputs' lines interleaved by `time()` (`TimeMerge`), handed to the execution
/// as runs of consecutive lines of one file, each an input of its own under that file's name,
/// so `-H` and `-n` show where every line came from.
extension QueryRun {
    func nextMergedInput() -> ExecutionInput? {
        if merge == nil { merge = openMerge() }
        guard let (timeMerge, names) = merge else { return nil }
        do {
            guard let run = try timeMerge.nextRun() else { return nil }
            let locator = LineLocator(countsEveryChunk: true)
            locator.start(atLine: run.firstLine)
            firstChunk = false
            return ExecutionInput(name: names[run.input], source: .chunks(MergedRunChunks(run)), locator: locator, streamed: true)
        } catch {
            Diagnostics.error(error.description)
            hadError = true
            return nil
        }
    }

    /// Opens every input; one that cannot be opened, or is not JSON lines, is reported and
    /// left out.
    private func openMerge() -> (TimeMerge, [String])? {
        let timeField = configuration.timeField.flatMap { try? Parser.parsePath($0) }
        let program = TimeMerge.timeProgram(timeField: timeField)
        var lines: [TimedLines] = []
        var names: [String] = []
        for entry in inputs {
            let name = entry.source.displayName
            if let format = entry.format, format.isTraceExport {
                Diagnostics.error("\(name): --merge interleaves log lines; this is a trace export")
                hadError = true
                continue
            }
            do {
                let opened = try entry.source.open()
                lines.append(TimedLines(ChunkReader(opened, chunkSize: configuration.reading.blockSize ?? (1 << 20)), program: program))
                names.append(name)
            } catch {
                Diagnostics.error(error.description)
                hadError = true
            }
        }
        return (TimeMerge(lines), names)
    }
}
