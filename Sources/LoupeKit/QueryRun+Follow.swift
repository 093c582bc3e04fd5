import Glibc
import LoupeEngine
import LoupeIO
import LoupeOutput

/// `-f/--follow`: the run keeps reading its input as it grows, printing matching lines as they
/// come and an aggregation's table every `--every`, until Ctrl-C (or the end of a pipe); then
/// it prints the final results like any run.
extension QueryRun {
    func executeFollowing() -> ExitCode {
        guard inputs.count == 1, let source = inputs.first else {
            Diagnostics.error("--follow reads one file (or standard input), not \(inputs.count)")
            return .error
        }
        let every: Double
        switch Self.followInterval(configuration.every) {
        case .success(let seconds): every = seconds
        case .failure(let error):
            Diagnostics.error(error.message)
            return .error
        }
        let reader: FollowReader
        do {
            reader = try FollowReader(source, readSize: configuration.chunkSize ?? (1 << 20))
        } catch {
            Diagnostics.error(error.description)
            return .error
        }
        InterruptSignal.install()
        let clock = Stopwatch()
        var follow = FollowState(reader: reader, run: self, every: every)
        do {
            try follow.loop()
            try follow.printSnapshot(final: true)
            if case .lines = program.plan { try finishOutput() }
            try writer.flush()
        } catch OutputError.closedPipe {
            return matched > 0 ? .matched : .noMatch
        } catch {
            Diagnostics.error("cannot write output: \(String(cString: strerror(writeErrno(error))))")
            return .error
        }
        reports.bytesRead += follow.bytesRead
        reports.print(program: program, groups: groups)
        if configuration.stats {
            reports.printStats(elapsed: clock.seconds, matched: matched, prefiltered: prefiltered)
        }
        if reports.strictFailure || follow.readFailed { return .error }
        return matched > 0 ? .matched : .noMatch
    }

    /// `--every` in seconds (default 2s).
    static func followInterval(_ text: String?) -> Result<Double, QueryPipeline.OptionError> {
        guard let text else { return .success(2) }
        let bytes = Array(text.utf8)
        guard let ns = bytes.withUnsafeBufferPointer({ $0.isEmpty ? nil : DurationText.parse($0.baseAddress!, $0.count) }), ns >= 1e7 else {
            return .failure(.init(message: "--every: cannot read '\(text)' (use a duration of at least 10ms, like 500ms, 2s, 1m)"))
        }
        return .success(ns / 1e9)
    }
}

/// The state of one `--follow` run: the reader, the line printer, and when the table was
/// last printed.
struct FollowState {
    let reader: FollowReader
    let run: QueryRun
    let every: Double
    let processors: [ChunkProcessor]
    var locator = LineLocator(countsEveryChunk: true)
    var printer: LinePrinter
    var fileMatches = 0
    var bytesRead = 0
    var readFailed = false
    /// Whether a chunk was read yet: the first is probed for plain text (`QueryRun+PlainText`).
    private var readAny = false
    /// `matched` when the table or count was last printed, and how many lines it took.
    private var printedAt = 0
    private var printedLines = 0
    private var printedOnce = false
    private let clock = Stopwatch()
    private var nextTick: Double

    init(reader: FollowReader, run: QueryRun, every: Double) {
        self.reader = reader
        self.run = run
        self.every = every
        nextTick = every
        var options = run.options
        // Line numbers of a followed input are counted chunk by chunk, as for streams.
        options.countAllNewlines = true
        processors = (0..<run.threads).map { _ in ChunkProcessor(program: run.program, options: options) }
        printer = LinePrinter(
            writer: run.writer, fileName: run.withFileName ? reader.name : nil, lineNumbers: run.options.lineNumbers,
            color: run.color, maxCount: run.configuration.maxCount)
    }

    /// Reads until Ctrl-C, the end of a pipe, or a stop (`-m`, `-q`, `limit`, `--strict`).
    mutating func loop() throws(OutputError) {
        while !run.stop && !InterruptSignal.isSet {
            let event: FollowReader.Event
            do {
                event = try reader.next(wait: max(0, min(0.25, nextTick - clock.seconds)))
            } catch {
                Diagnostics.error(error.description)
                readFailed = true
                return
            }
            switch event {
            case .lines(let chunk):
                if try !burst(from: chunk) { return }
            case .idle:
                break
            case .restarted(let message):
                try run.writer.flush()
                Diagnostics.error(message)
                locator = LineLocator(countsEveryChunk: true)
            case .ended:
                return
            }
            if clock.seconds >= nextTick {
                try printSnapshot(final: false)
                nextTick = clock.seconds + every
            }
        }
    }

    /// Processes `first` and whatever else is ready now, on all workers when the reader is
    /// behind; false when the run should stop.
    private mutating func burst(from first: ByteChunk) throws(OutputError) -> Bool {
        var pending: ByteChunk? = first
        var deferred: FollowReader.Event?
        var keepGoing = true
        var outputError: OutputError?
        let reader = self.reader
        let processors = self.processors
        let name = reader.name
        // Small appends go through one worker: no threads to start for a line or two.
        let map = OrderedParallelMap<ByteChunk, ChunkResult>(threads: first.count >= 256 << 10 ? run.threads : 1)
        do {
            try map.run(
                produce: {
                    if let chunk = pending {
                        pending = nil
                        return chunk
                    }
                    guard deferred == nil, !InterruptSignal.isSet else { return nil }
                    let event = try reader.next(wait: 0)
                    if case .lines(let chunk) = event { return chunk }
                    if case .idle = event { return nil }
                    deferred = event
                    return nil
                },
                transform: { chunk, worker in processors[worker].process(chunk) },
                consume: { result in
                    self.bytesRead += result.chunk.count
                    self.run.reports.linesRead += QueryRun.lines(in: result)
                    if !self.readAny {
                        // A followed input never ends: the note comes after its first chunk.
                        self.readAny = true
                        self.run.notePlainText(result, name: name, first: true)
                        self.run.finishPlainText(inputSize: nil)
                    }
                    do throws(OutputError) {
                        keepGoing = try self.run.consume(
                            result, name: name, locator: self.locator, printer: &self.printer, fileMatches: &self.fileMatches)
                        try self.run.writer.flush()
                    } catch {
                        outputError = error
                        keepGoing = false
                    }
                    return keepGoing
                })
        } catch let error as InputError {
            Diagnostics.error(error.description)
            readFailed = true
            return false
        } catch {}
        if let outputError { throw outputError }
        switch deferred {
        case .restarted(let message)?:
            try run.writer.flush()
            Diagnostics.error(message)
            locator = LineLocator(countsEveryChunk: true)
        case .ended?:
            return false
        default:
            break
        }
        return keepGoing
    }

    /// Prints the aggregation's table (or `-c`'s count) when it changed since last time; on a
    /// terminal the new table replaces the old one in place.
    mutating func printSnapshot(final: Bool) throws(OutputError) {
        guard !run.configuration.quiet else { return }
        // Nothing new since the last print: printing the same table again says nothing.
        if printedOnce && run.matched == printedAt { return }
        // Before anything matched, an empty table every tick is noise; the final one still shows.
        if !printedOnce && run.matched == 0 && !final { return }
        let text: String
        switch run.program.plan {
        case .rows(let plan):
            let initial = RowSet(columns: plan.columns, units: plan.units, rows: run.sourceRows(plan))
            let rows = RowStages.apply(plan.stages, to: initial, approximate: run.options.approximatePercentiles)
            let format = run.configuration.outputFormat.flatMap(TableFormat.init(rawValue:)) ?? (run.writer.isTerminal ? .table : .tsv)
            text = RowPrinter(format: format, color: run.color, forTerminal: run.writer.isTerminal).render(rows)
        case .lines where run.configuration.count:
            text = (run.withFileName ? run.shownName(reader.name) + ":" : "") + String(fileMatches) + "\n"
        default:
            return
        }
        if printedOnce {
            if run.writer.isTerminal, let rows = TerminalControl.size(of: 1)?.rows, printedLines < rows {
                try run.writer.write(TerminalControl.eraseLinesAbove(printedLines))
            } else if case .rows = run.program.plan {
                // In a pipe each table stands on its own, after a blank line.
                try run.writer.write("\n")
            }
        }
        try run.writer.write(text)
        try run.writer.flush()
        printedOnce = true
        printedAt = run.matched
        printedLines = text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
    }
}
