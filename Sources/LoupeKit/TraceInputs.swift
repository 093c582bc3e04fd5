import Glibc
import LoupeEngine
import LoupeIO
import LoupeJSON
import LoupeOutput
import LoupeQuery
import LoupeTrace

/// Reads and assembles the traces of a run: the one trace-loading path of `trace`, `hotspots`
/// and `gate`, with one `--strict` rule and one wording of every skip and repair.
///
/// Guarantees: each unreadable input is reported and the others are still read; every skip
/// and repair of TRACE-SEMANTICS 1 and 2 is counted (`totals`) and reported on standard error
/// by `RepairReport`; under `--strict` any of them stops the run with exit code 2 before a
/// report is written.
struct TraceInputs {
    /// In input order (of each trace's first span); `load` puts them in report order.
    var traces: [Trace]
    var totals: TraceInputTotals
    /// Inputs that could not be read, each said in one message.
    var failures: [String]
    /// Inputs without spans (an empty file, `[]`), each said in one message.
    var empty: [String]

    /// Reads every input and assembles the traces, reporting nothing yet.
    static func read(_ inputs: InputSet, _ reading: ReadingOptions, attributes: AttributePolicy = .analysis) -> TraceInputs {
        let clock = PhaseClock()
        let threads = reading.workerThreads
        var collection = TraceReader.read(
            inputs.entries.map { ($0.source, $0.format) }, attributes: attributes, threads: threads, sizes: reading.decodeSizes)
        clock.lap("read \(collection.report.spansRead) spans")
        var totals = TraceInputTotals(read: collection.report)
        let groups = collection.traces
        collection.traces = []
        let traces = assemble(groups, threads: threads)
        for i in traces.indices { totals.add(traces[i]) }
        // Assembly's scratch (the span-id dictionaries) was freed into the workers' malloc
        // arenas, where it would stay resident, among the trees, to the end of the run.
        WorkerArenas.release()
        clock.lap("assembled \(traces.count) traces")
        // A failure may quote the input (the first line of a text file): keep it inert.
        return TraceInputs(
            traces: traces, totals: totals, failures: collection.report.failures.map(TerminalText.sanitize),
            empty: collection.report.inputs.compactMap(InputMessages.noSpans).map(TerminalText.sanitize))
    }

    /// `--strict` refuses every repair, the same for every command: the message when it stops
    /// the run (naming the inputs that needed them), nil when there was nothing to repair.
    func strictRefusal(of inputs: InputSet) -> String? {
        let names = inputs.entries.map(\.name).joined(separator: ", ")
        return totals.repairCount == 0 ? nil : "--strict: \(names) needed \(Diagnostics.plural(totals.repairCount, "repair")); no report written"
    }

    /// `trace`, `hotspots` and `diff`: loads the inputs in report order (slowest first, then by trace
    /// id), or nil when the run must stop here with an error (said on stderr).
    /// `attributes`: `.all` for pictures, whose tooltips show every attribute.
    /// `side`: which of two inputs this is (`diff`), for the repair messages.
    static func load(
        _ arguments: [String], _ reading: ReadingOptions, attributes: AttributePolicy = .analysis, side: String? = nil
    ) -> TraceInputs? {
        let set = InputSet(arguments: arguments, format: reading.format)
        var inputs = read(set, reading, attributes: attributes)
        for failure in inputs.failures { Diagnostics.error(failure) }
        if reading.strict, let refusal = inputs.strictRefusal(of: set) {
            RepairReport.print(inputs.totals, side: side)
            Diagnostics.error(refusal)
            return nil
        }
        // Each input without spans says what it is; a run without any is an error, like one
        // that could not read its input.
        if inputs.traces.isEmpty {
            RepairReport.print(inputs.totals, side: side)
            for message in inputs.empty { Diagnostics.error(message) }
            if inputs.failures.isEmpty && inputs.empty.isEmpty { Diagnostics.error("no span could be read from the input") }
            return nil
        }
        for message in inputs.empty { Diagnostics.error(message) }
        reportOrder(&inputs.traces)
        return inputs
    }

    /// Some input could not be read (exit 2 after the report).
    var hadFailure: Bool { !failures.isEmpty }

    /// Assembles every trace, on all cores for big inputs, keeping the collection's order.
    private static func assemble(_ groups: [TraceSpans], threads: Int) -> [Trace] {
        guard threads > 1, groups.count > 64 else { return groups.map(TraceAssembler.assemble) }
        var traces: [Trace] = []
        traces.reserveCapacity(groups.count)
        let map = OrderedParallelMap<ArraySlice<TraceSpans>, [Trace]>(threads: threads)
        try? map.run(
            batchesOf: groups, size: max(16, groups.count / (threads * 16)),
            transform: { slice, _ in slice.map(TraceAssembler.assemble) },
            consume: { assembled in
                traces += assembled
                return true
            })
        return traces
    }

    private static func reportOrder(_ traces: inout [Trace]) {
        let durations = traces.map(\.duration)
        let order = traces.indices.sorted { a, b in
            durations[a] != durations[b] ? durations[a] > durations[b] : ByteOrder.less(traces[a].traceID, traces[b].traceID)
        }
        // Moved into place along the permutation's cycles, by swaps in the array's buffer (they
        // move the bytes): a copy of each trace, or Array's own `swapAt`, retained and released
        // every array of every trace, on one thread between phases. The buffer pointer does
        // not outlive the closure.
        var placed = [Bool](repeating: false, count: traces.count)
        traces.withUnsafeMutableBufferPointer { buffer in
            for start in buffer.indices where !placed[start] {
                var at = start
                while true {
                    placed[at] = true
                    let from = order[at]
                    if from == start { break }
                    buffer.swapAt(at, from)
                    at = from
                }
            }
        }
    }
}

/// Phase timings on standard error when `LOUPE_TIMING` is set: how a big run spends its time.
final class PhaseClock {
    private let enabled = Environment.variables["LOUPE_TIMING"] != nil
    private var watch = Stopwatch()
    private var cpu = PhaseClock.cpuSeconds()

    /// Wall-clock time, and CPU time of all threads, since the last lap.
    func lap(_ what: String) {
        guard enabled else { return }
        let now = Self.cpuSeconds()
        Diagnostics.error("timing: \(what) in \(Self.rounded(watch.seconds)) s (cpu \(Self.rounded(now - cpu)) s)")
        watch = Stopwatch()
        cpu = now
    }

    private static func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

    private static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// Keeps a run's big results alive until the process exits: freeing a million spans one by one
/// costs a noticeable share of a run, and exiting frees all memory at once.
enum ExitKeeper {
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: Any) {
        kept.append(value)
    }
}

/// Analyzes traces on all cores, in order, in batches: each batch is analyzed, rendered and
/// aggregated on a worker; the consumer only writes.
enum TraceAnalysisRun {
    static func run<Rendered: Sendable>(
        _ traces: [Trace], threads: Int, parameters: ParallelParameters, render: @escaping @Sendable (TraceAnalysis) -> Rendered,
        consume: ([Rendered], Hotspots) throws -> Void
    ) throws {
        var consumed = 0
        let map = OrderedParallelMap<ArraySlice<Trace>, Batch<Rendered>>(threads: threads)
        // The calling thread is the map's last worker: what it made, it frees itself.
        let caller = threads - 1
        let returns = WorkerReturns<Batch<Rendered>>(workers: threads)
        // The batches in flight (three per thread) hold their traces' rendered reports, about
        // 13 KB a trace of critical-path JSON: 256 traces a batch kept some 20 MB of them.
        try map.run(
            batchesOf: traces, size: max(1, min(64, traces.count / (threads * 8))),
            transform: { slice, worker in
                returns.drop(worker)
                var hotspots = Hotspots()
                var rendered: [Rendered] = []
                rendered.reserveCapacity(slice.count)
                for trace in slice {
                    let analysis = TraceAnalysis(trace, parameters: parameters)
                    hotspots.add(analysis)
                    rendered.append(render(analysis))
                }
                return Batch(rendered: rendered, hotspots: hotspots, worker: worker)
            },
            consume: { batch in
                try consume(batch.rendered, batch.hotspots)
                if batch.worker != caller { returns.giveBack(batch, to: batch.worker) }
                // What the workers' analyses freed stays resident in their malloc arenas, more
                // of it as the run goes on (pages pinned by small blocks that live on): handed
                // back now and then, it is about 10 MB less at the end of a big run.
                consumed += 1
                if consumed % 128 == 0 { WorkerArenas.release() }
                return true
            })
    }

    /// One batch's rendered traces and hotspots, and the worker that made them.
    struct Batch<Rendered: Sendable>: Sendable {
        var rendered: [Rendered]
        var hotspots: Hotspots
        var worker: Int
    }

    static func parameters(_ options: TraceAnalysisOptions) -> ParallelParameters {
        var p = ParallelParameters()
        p.minCount = options.minCount
        p.maxGap = ParallelParameters.nanoseconds(milliseconds: options.maxGapMs)
        p.minSaving = ParallelParameters.nanoseconds(milliseconds: options.minSavingMs)
        p.nPlusOneMin = options.nPlusOneMin
        return p
    }
}

/// `--logs FILE`: reads log records in any shape loupe reads (OTLP logs included) with the
/// query engine, keeps those that name a trace, and joins them to traces by id. It runs
/// `exists(trace_id) or ... | fields <trace ids>, <span ids>, level(), time(), message()` on
/// all cores; skipped records are reported as for a query.
enum SpanLogReader {
    static func read(_ arguments: [String], reading: ReadingOptions) -> SpanLogs? {
        let traceFields = SpanLogs.traceIDFields
        let spanFields = SpanLogs.spanIDFields
        let program: Program
        do {
            let paths = try (traceFields + spanFields).map { try Parser.parsePath(quoted($0)) }
            let columns = zip(traceFields + spanFields, paths).map { Column(path: $1, name: $0) }
                + (try ["level()", "time()", "message()"].map { Column(path: try Parser.parsePath($0), name: $0) })
            let filter = try Parser.parseExpression(traceFields.map { "exists(\(quoted($0)))" }.joined(separator: " or "))
            program = try Compiler.compile(Query(filter: filter, stages: [.fields(columns)]))
        } catch {
            // The query is loupe's own: a failure here is a bug, said as one.
            Diagnostics.error("--logs: cannot build the reading query: \(error)")
            return nil
        }
        var logs = SpanLogs()
        var reports = RunReports()
        var failed = false
        var options = ScanOptions()
        options.strict = reading.strict
        options.collectMatches = false
        options.rowOffsets = true
        options.numbersAsText = true
        // A file named twice is read once: its records joined twice would show twice.
        var named = Set<String>()
        let files = arguments.filter { named.insert($0).inserted }
        for entry in InputSet(arguments: files, format: reading.format).entries {
            let name = entry.name
            let format: InputFormat
            var opened: OpenedInput
            do {
                format = try entry.shape.get().format
                opened = try entry.source.open()
            } catch {
                Diagnostics.error("--logs: " + error.description)
                failed = true
                continue
            }
            guard !format.isTraceExport else {
                Diagnostics.error("--logs: \(name) is a trace export (\(format.displayName)), not logs")
                failed = true
                continue
            }
            let records = format.isOTLPLogs ? RecordChunks(opened, format: format, chunkSize: reading.blockSize ?? (1 << 20)) : nil
            let reader: any ByteChunkSource =
                records ?? RecordFraming.chunks(opened, format: format, chunkSize: reading.blockSize ?? (2 << 20))
            let locator = LineLocator(countsEveryChunk: true)
            let processors = (0..<reading.workerThreads).map { _ in ChunkProcessor(program: program, options: options) }
            let readError = InputChunks.run(reader, processors: processors, threads: reading.workerThreads) { result in
                reports.record(result, file: name, locator: locator)
                if let strict = result.strictFailure {
                    Diagnostics.error("--logs: \(name):\(locator.lineNumber(ofOffset: strict.offset, in: result)): \(strict.message) (--strict stops at the first bad record)")
                    failed = true
                    return false
                }
                for (row, offset) in zip(result.rows, result.rowOffsets) {
                    let line = records == nil ? locator.lineNumber(ofOffset: offset, in: result) : nil
                    add(row, file: name, line: line, to: &logs, traceFields: traceFields.count, spanFields: spanFields.count)
                }
                locator.advance(past: result)
                return true
            }
            records?.cancel()
            if let failure = records?.report.failures.first {
                Diagnostics.error("--logs: " + failure)
                failed = true
            }
            if let readError {
                Diagnostics.error("--logs: " + readError.description)
                failed = true
            }
        }
        reports.print(program: program, groups: nil)
        if failed { return nil }
        logs.finish()
        return logs
    }

    /// `--logs` files of which no record names a trace: said, so an empty join is not taken
    /// for logs without errors.
    static func sayNone(_ arguments: [String]) {
        Diagnostics.error(
            "--logs: no log record in \(arguments.joined(separator: ", ")) has a trace id (read from \(SpanLogs.traceIDFields.joined(separator: ", ")))"
        )
    }

    /// One projected row: the first trace id and the first span id present, then level, time
    /// and message.
    private static func add(_ row: [RowValue], file: String, line: Int?, to logs: inout SpanLogs, traceFields: Int, spanFields: Int) {
        // Numbers come as their JSON text (`numbersAsText`).
        func text(_ value: RowValue) -> String? {
            if case .string(let s) = value { return s }
            return nil
        }
        guard let traceIndex = (0..<traceFields).first(where: { text(row[$0]) != nil }) else { return }
        let spanIndex = (traceFields..<(traceFields + spanFields)).first { text(row[$0]) != nil }
        let rest = traceFields + spanFields
        let log = SpanLog(spanID: nil, time: text(row[rest + 1]), level: text(row[rest]), message: text(row[rest + 2]), file: file, line: line)
        logs.add(
            traceID: text(row[traceIndex])!, spanID: spanIndex.flatMap { text(row[$0]) },
            decimal: SpanLogs.isDecimal(SpanLogs.traceIDFields[traceIndex]),
            decimalSpan: spanIndex.map { SpanLogs.isDecimal(SpanLogs.spanIDFields[$0 - traceFields]) }, log)
    }

    /// A field name as a path: names that are not plain words are quoted (`["a/b"]`).
    private static func quoted(_ name: String) -> String {
        name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." } ? name : "[\"\(name)\"]"
    }
}
