import Glibc
import LoupeEngine
import LoupeIO
import LoupeJSON
import LoupeOutput

/// One execution of a compiled query over all inputs: the consumer side of the parallel map.
///
/// It owns the per-worker chunk processors, merges their results in input order, prints lines
/// as they arrive, and holds what must wait for the end (counts, sorted lines, groups).
final class QueryRun {
    let configuration: QueryConfiguration
    let program: Program
    let options: ScanOptions
    let writer = OutputWriter()
    let threads: Int
    let color: Bool
    let processors: [ChunkProcessor]
    let inputs: [InputSource]
    let withFileName: Bool

    var matched = 0
    var hadError = false
    var groups: GroupTable?
    var projected: [[RowValue]] = []
    var catalog: FieldCatalog?
    /// Lines kept for a record-level sort, or for the stages after a sort or limit: the sort
    /// keys, and the line as printed (after a `file:line:` prefix of `prefix` bytes).
    var sortedLines: [(keys: [RowValue], prefix: Int, line: [UInt8])] = []
    /// The program that made the table when stages follow a record-level sort or limit.
    var followingProgram: Program?
    var reports = RunReports()
    /// The order of the timestamps read so far in the current input (`--sorted`).
    var timeOrder = TimeOrder()
    /// The input being read when its first block looked like plain text (`QueryRun+PlainText`).
    var plainTextInput: PlainTextInput?
    var stop = false
    /// The progress line on standard error for long runs (see `QueryRun+Progress`).
    let progress: ProgressReporter

    init(configuration: QueryConfiguration, program: Program) {
        self.configuration = configuration
        self.program = program
        inputs = InputList.sources(configuration.inputs)
        withFileName = configuration.withFileName ?? (inputs.count > 1)
        var options = ScanOptions()
        options.invert = configuration.invert
        options.lineNumbers = configuration.lineNumbers
        options.strict = configuration.strict
        options.approximatePercentiles = configuration.approximate
        options.checkTimeOrder = configuration.sorted
        let isLines: Bool
        if case .lines = program.plan { isLines = true } else { isLines = false }
        options.collectMatches = isLines && !configuration.count && !configuration.quiet
        if configuration.quiet {
            options.stopAfter = 1
        } else if isLines, program.lineSort.isEmpty {
            let limits = [configuration.maxCount, program.lineLimit].compactMap { $0 }
            options.stopAfter = limits.min()
        }
        color = Environment.colors(configuration.color, writer: writer)
        options.highlight = color && isLines
        self.options = options
        threads = max(1, configuration.threads ?? Environment.processorCount)
        processors = (0..<threads).map { _ in ChunkProcessor(program: program, options: options) }
        progress = ProgressReporter(enabled: ProgressReporter.allowed(environment: Environment.variables))
    }

    func execute() -> ExitCode {
        if configuration.follow { return executeFollowing() }
        let clock = Stopwatch()
        defer { progress.clear() }
        do {
            for input in inputs where !stop {
                try runInput(input)
            }
            progress.clear()
            try finishOutput()
            try writer.flush()
        } catch OutputError.closedPipe {
            // The reader is gone (`| head`): a clean end, reported as success if lines went out.
            return matched > 0 ? .matched : .noMatch
        } catch {
            Diagnostics.error("cannot write output: \(String(cString: strerror(writeErrno(error))))")
            return .error
        }
        reports.print(program: followingProgram ?? program, groups: groups, filter: program)
        if configuration.stats {
            reports.printStats(elapsed: clock.seconds, matched: matched, prefiltered: prefiltered)
        }
        if reports.strictFailure { return .error }
        if configuration.quiet && matched > 0 { return .matched }
        if hadError { return .error }
        return matched > 0 ? .matched : .noMatch
    }

    /// Whether the prefilter may rule lines out before they are parsed.
    var prefiltered: Bool { program.needles != nil && options.allowsPrefilter }

    func writeErrno(_ error: any Error) -> Int32 {
        if case OutputError.writeFailed(let code) = error { return code }
        return EIO
    }

    // MARK: - One input

    private func runInput(_ source: InputSource) throws(OutputError) {
        var opened: OpenedInput
        do {
            opened = try source.open()
        } catch {
            progress.clear()
            Diagnostics.error(error.description)
            hadError = true
            return
        }
        // A trace export's spans become records (QueryRun+Spans.swift); they are not mapped.
        let spans = spanRecords(for: &opened)
        let isMapped: Bool
        if case .mapped = opened.body, spans == nil { isMapped = true } else { isMapped = false }
        var fileOptions = options
        fileOptions.countAllNewlines = !isMapped
        let processors = isMapped ? self.processors : (0..<threads).map { _ in ChunkProcessor(program: program, options: fileOptions) }
        let name = source.displayName
        let seeked = spans == nil ? seekRange(opened, name: name) : nil
        let reader: any ByteChunkSource = spans ?? ChunkReader(opened, chunkSize: configuration.chunkSize ?? (2 << 20), range: seeked)
        let locator = LineLocator(countsEveryChunk: options.lineNumbers || !isMapped)
        if let seeked, locator.countsEveryChunk { locator.skipLines(before: seeked.lowerBound, of: opened) }
        // Lines are tallied only for --stats and the progress line: counting costs a pass.
        let countLines = (configuration.stats || progress.enabled) && !(fileOptions.lineNumbers || fileOptions.countAllNewlines)
        var printer = LinePrinter(
            writer: writer, fileName: withFileName ? name : nil, lineNumbers: options.lineNumbers, color: color,
            maxCount: [configuration.maxCount, program.lineLimit.map { max(0, $0 - matched) }].compactMap { $0 }.min())
        var fileMatches = 0
        var outputError: OutputError?
        timeOrder = TimeOrder()
        var firstChunk = spans == nil
        let readError = InputChunks.run(
            reader, processors: processors, threads: threads, finish: { QueryRun.withLineCount($0, count: countLines) }
        ) { result in
            if spans == nil {
                self.notePlainText(result, name: name, first: firstChunk)
                firstChunk = false
            }
            do throws(OutputError) {
                self.beforeOutput(result)
                defer { self.afterChunk(result, name: name, reader: reader) }
                return try self.consume(result, name: name, locator: locator, printer: &printer, fileMatches: &fileMatches)
            } catch {
                outputError = error
                return false
            }
        }
        finishSpanRecords(spans)
        // The input's size: known for a mapped file; for a stream, once it was read to its end.
        finishPlainText(inputSize: reader.knownSize ?? (readError == nil && !stop ? reader.bytesDelivered : nil))
        reports.bytesRead += reader.bytesDelivered
        progress.finishInput(bytes: reader.bytesDelivered)
        if let outputError { throw outputError }
        if let readError {
            progress.clear()
            if readError.isCutShort {
                // Cut short like a cut file: reported, and an error under --strict.
                Diagnostics.cutShort(name, readError, afterLines: locator.linesBefore)
                if configuration.strict { reports.strictFailure = true }
            } else {
                Diagnostics.error(readError.description)
                hadError = true
            }
        }
        if configuration.count, case .lines = program.plan, !configuration.quiet {
            try writer.write((withFileName ? shownName(name) + ":" : "") + String(fileMatches) + "\n")
        }
    }

    /// Takes one chunk's result in input order; returns false to stop reading.
    func consume(
        _ result: ChunkResult, name: String, locator: LineLocator, printer: inout LinePrinter, fileMatches: inout Int
    ) throws(OutputError) -> Bool {
        let firstLine = locator.linesBefore + 1
        reports.record(result, file: name, locator: locator)
        if options.checkTimeOrder { checkTimeOrder(result, name: name, locator: locator) }
        defer {
            locator.advance(past: result)
            result.chunk.discardMappedPages()
        }
        let goOn = try consumeMatches(result, firstLine: firstLine, name: name, printer: &printer, fileMatches: &fileMatches)
        if let failure = result.strictFailure {
            try printer.finish()
            let line = locator.lineNumber(ofOffset: failure.offset, in: result)
            Diagnostics.error("\(name):\(line): \(failure.message) (--strict stops at the first bad record)")
            reports.strictFailure = true
            stop = true
            return false
        }
        return goOn
    }

    /// `--sorted` promised time order: the first timestamp of an input that goes back is
    /// reported, since the seek may then have missed records.
    private func checkTimeOrder(_ result: ChunkResult, name: String, locator: LineLocator) {
        guard timeOrder.firstDecrease == nil else { return }
        timeOrder.append(result.timeOrder)
        if let offset = timeOrder.firstDecrease {
            reports.unsortedInputs.append((name, locator.lineNumber(ofOffset: offset, in: result)))
        }
    }

    private func consumeMatches(
        _ result: ChunkResult, firstLine: Int, name: String, printer: inout LinePrinter, fileMatches: inout Int
    ) throws(OutputError) -> Bool {
        switch program.plan {
        case .lines:
            var count = result.matchCount
            if let maxCount = configuration.maxCount { count = min(count, maxCount - fileMatches) }
            // Each chunk stops after `limit` matches on its own; the limit is for all of them.
            if let limit = program.lineLimit { count = min(count, max(0, limit - matched)) }
            fileMatches += count
            matched += count
            if configuration.quiet {
                if matched > 0 { stop = true }
                return !stop
            }
            if configuration.count {
                return configuration.maxCount.map { fileMatches < $0 } ?? true
            }
            if !program.lineSort.isEmpty || program.then != nil {
                collectSorted(result, firstLine: firstLine, name: name)
                // Unsorted, the first `limit` lines are all that the following stages read.
                if program.lineSort.isEmpty, let limit = program.lineLimit, sortedLines.count >= limit {
                    stop = true
                    return false
                }
                return true
            }
            let decision = try printer.consume((result, firstLine))
            if let limit = program.lineLimit, matched >= limit {
                stop = true
                return false
            }
            return decision == .continue
        case .rows(let plan):
            matched += result.matchCount
            if let partial = result.groups {
                if let groups { groups.merge(partial) } else { groups = partial }
            }
            projected += result.rows
            // `fields ... | limit N` needs only the first N rows.
            if case .project = plan.source, case .limit(let n)? = plan.stages.first, projected.count >= n {
                stop = true
                return false
            }
            return true
        case .schema:
            if let partial = result.catalog {
                if let catalog { catalog.merge(partial) } else { catalog = partial }
            }
            return true
        }
    }

    private func collectSorted(_ result: ChunkResult, firstLine: Int, name: String) {
        let base = result.chunk.base
        for (i, range) in result.matches.enumerated() {
            var prefix = withFileName ? name + ":" : ""
            if options.lineNumbers { prefix += String(firstLine + result.matchNewlines[i]) + ":" }
            let line = Array(prefix.utf8) + Array(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
            sortedLines.append((i < result.sortKeys.count ? result.sortKeys[i] : [], prefix.utf8.count, line))
        }
    }

    // MARK: - After the last input

    func finishOutput() throws(OutputError) {
        switch program.plan {
        case .lines:
            guard !program.lineSort.isEmpty || program.then != nil, !configuration.count, !configuration.quiet else { return }
            let keys = program.lineSort
            let order = sortedLines.indices.sorted { a, b in
                for (k, key) in keys.enumerated() {
                    let c = RowValue.order(sortedLines[a].keys[k], sortedLines[b].keys[k])
                    if c != 0 { return key.descending ? c > 0 : c < 0 }
                }
                return a < b
            }
            var selected = Array(order.prefix(program.lineLimit ?? order.count))
            if let following = program.then?.program {
                let lines = selected.map { Array(sortedLines[$0].line[sortedLines[$0].prefix...]) }
                switch FollowingStages.run(following, over: lines, approximate: options.approximatePercentiles) {
                case .lines(let kept):
                    selected = kept.map { selected[$0] }
                    matched = selected.count
                case .rows(let rows, let program, let table, let unbucketed):
                    followingProgram = program
                    groups = table
                    reports.unbucketed += unbucketed
                    try printRows(rows)
                    return
                }
            }
            for i in selected {
                try writer.write(sortedLines[i].line)
                try writer.write(byte: 0x0A)
            }
        case .rows(let plan):
            let initial = RowSet(columns: plan.columns, units: plan.units, rows: sourceRows(plan))
            try printRows(RowStages.apply(plan.stages, to: initial, approximate: options.approximatePercentiles))
        case .schema:
            let found = catalog ?? FieldCatalog()
            matched = found.records
            try printRows(found.rowSet())
        }
    }

    func printRows(_ rows: RowSet) throws(OutputError) {
        if configuration.quiet { return }
        let format = configuration.outputFormat.flatMap(TableFormat.init(rawValue:)) ?? (writer.isTerminal ? .table : .tsv)
        try writer.write(RowPrinter(format: format, color: color, forTerminal: writer.isTerminal).render(rows))
    }

    func sourceRows(_ plan: RowPlan) -> [[RowValue]] {
        switch plan.source {
        case .project:
            return projected
        case .group(let keys, let aggregates):
            if let groups, groups.groupCount > 0 { return groups.rows() }
            // Without keys an aggregate always has one row, even over no records.
            guard keys.isEmpty else { return [] }
            let empty = GroupTable(aggregates: aggregates, approximate: options.approximatePercentiles)
            _ = empty.group(for: [])
            return empty.rows()
        }
    }
}
