import Glibc
import LoupeEngine
import LoupeIO
import LoupeOutput
import LoupeTrace

/// `loupe QUERY FILE...` wired up: the inputs, opened one by one, go to the query execution
/// (LoupeEngine), which drives the printer (LoupeOutput). What it hears about each chunk and
/// input becomes the reports on standard error (`RunReports`), and the exit code.
final class QueryRun {
    let configuration: QueryConfiguration
    let program: Program
    let execution: QueryExecution
    let writer = OutputWriter()
    let color: Bool
    /// The inputs, each told apart once (`InputSet`).
    let inputs: [InputSet.Entry]
    let withFileName: Bool
    var hadError = false
    var reports = RunReports()
    /// The order of the timestamps read so far in the current input (`--sorted`).
    var timeOrder = TimeOrder()
    /// The input being read when its first block looked like plain text (`QueryRun+Inputs`).
    var plainTextInput: PlainTextInput?
    /// The progress line on standard error for long runs.
    let progress: ProgressLine
    /// The next input to open.
    var inputIndex = 0
    /// The current input's span or log records, when it is a trace export or OTLP logs
    /// (`QueryRun+Inputs`).
    var spans: RecordChunks?
    /// Whether the current input's first chunk is still to come (it is probed for plain text).
    var firstChunk = true
    /// Output failed while flushing before a message on standard error.
    var outputError: OutputError?
    /// `--follow`: the input could not be read further.
    var followFailed = false
    /// `--merge`: the merge of the inputs and their names, once opened (`QueryRun+Inputs`).
    var merge: (TimeMerge, [String])?

    init(configuration: QueryConfiguration, program: Program, inputs: InputSet) {
        self.configuration = configuration
        self.program = program
        self.inputs = inputs.entries
        withFileName = configuration.withFileName ?? (self.inputs.count > 1)
        color = configuration.reading.colors(writer)
        progress = ProgressLine(enabled: ProgressLine.allowed(environment: Environment.variables), write: Diagnostics.writeRaw)
        var settings = ExecutionSettings()
        settings.lineOutput = configuration.quiet ? .nothing : (configuration.count ? .count : .lines)
        settings.maxCount = configuration.maxCount
        settings.scan.invert = configuration.invert
        settings.scan.lineNumbers = configuration.lineNumbers
        settings.scan.strict = configuration.reading.strict
        settings.scan.approximatePercentiles = configuration.approximate
        settings.scan.checkTimeOrder = configuration.sorted
        settings.scan.highlight = color
        settings.tallyLines = configuration.stats || progress.enabled
        settings.threads = configuration.reading.workerThreads
        execution = QueryExecution(program: program, settings: settings)
    }

    /// How the printer shows results; `live` when following an input.
    func printer(live: Bool) -> QueryPrinter {
        var options = QueryPrinter.Options()
        options.fileNames = withFileName
        options.lineNumbers = configuration.lineNumbers
        options.color = color
        options.format = configuration.outputFormat.flatMap(TableFormat.init(rawValue:))
        if program.printsRecords { options.recordFormat = options.format }
        options.live = live
        options.chart = chartPrinter()
        return QueryPrinter(writer: writer, options: options)
    }

    func execute() -> ExitCode {
        if configuration.follow { return executeFollowing() }
        if let refusal = chartRefusal {
            Diagnostics.error(refusal)
            return .error
        }
        let clock = Stopwatch()
        defer { progress.clear() }
        var printer = printer(live: false)
        if let failure = write({ () throws(OutputError) in try execution.run(into: &printer, observer: self) }) { return failure }
        if let failure = printer.chartFailure {
            Diagnostics.error("-o \(configuration.outputFormat ?? ""): \(failure)")
            return .error
        }
        report(elapsed: clock.seconds)
        if reports.strictFailure { return .error }
        if configuration.quiet && execution.matched > 0 { return .matched }
        if hadError { return .error }
        return execution.matched > 0 ? .matched : .noMatch
    }

    /// Runs `body`, which writes the results; nil when it went well, else the exit code.
    func write(_ body: () throws(OutputError) -> Void) -> ExitCode? {
        ExitCode.ofWriting(closedPipe: execution.matched > 0 ? .matched : .noMatch) {
            try body()
            if let outputError { throw outputError }
        }
    }

    /// The reports on standard error once the results are out.
    func report(elapsed: Double) {
        reports.unbucketed += execution.laterUnbucketed
        reports.print(program: execution.tableProgram, groups: execution.groups, filter: program)
        if configuration.stats {
            reports.printStats(elapsed: elapsed, matched: execution.matched, prefiltered: execution.prefiltered)
        }
    }

    /// Flushes what was printed before a message on standard error, so the two keep their
    /// order on a terminal; false (and the run ends) when output failed.
    func flushBeforeMessage() -> Bool {
        do throws(OutputError) {
            try writer.flush()
            return true
        } catch {
            outputError = outputError ?? error
            return false
        }
    }
}

/// `-f/--follow`: the run keeps reading its input as it grows (`QueryExecution.follow`),
/// printing matching lines as they come and an aggregation's table every `--every`, until
/// Ctrl-C (or the end of a pipe); then it prints the final results like any run.
extension QueryRun {
    func executeFollowing() -> ExitCode {
        guard inputs.count == 1, let source = inputs.first?.source else {
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
        // Lines, with or without a prefix, are followed; values that span lines are not.
        let format = inputs.first?.format ?? .jsonLines
        guard ![.json, .wrapped, .jsonSeq].contains(format) else {
            Diagnostics.error("--follow reads JSON lines; \(source.displayName) holds \(format.displayName) (read it without --follow)")
            return .error
        }
        let reader: FollowReader
        do {
            reader = try FollowReader(source, readSize: configuration.reading.blockSize ?? (1 << 20))
            reader.framesPrefixedLines = format == .prefixedLines
        } catch {
            Diagnostics.error(error.description)
            return .error
        }
        InterruptSignal.install()
        let clock = Stopwatch()
        // Line numbers of a followed input are counted chunk by chunk, as for streams.
        let input = ExecutionInput(
            name: reader.name, source: .followed(reader), locator: LineLocator(countsEveryChunk: true), streamed: true)
        var printer = printer(live: true)
        let written = write { () throws(OutputError) in
            try execution.follow(input, every: every, interrupted: { InterruptSignal.isSet }, into: &printer, observer: self)
        }
        if let failure = written { return failure }
        report(elapsed: clock.seconds)
        if reports.strictFailure || followFailed { return .error }
        return execution.matched > 0 ? .matched : .noMatch
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

/// `-o chart|svg|html` on a query: its rows drawn as a time series. The time axis is the
/// query's `bucket(PATH, WIDTH)` key; a query without one is refused before anything is read.
extension QueryRun {
    var chartFormat: ChartFormat? { configuration.outputFormat.flatMap(ChartFormat.init(rawValue:)) }

    /// The `bucket()` key of the query's grouping, when it has one.
    var chartAxis: ChartAxis? {
        guard case .rows(let plan) = program.plan, case .group(let keys, _) = plan.source else { return nil }
        guard let key = keys.first(where: { $0.bucketWidth != nil }), let width = key.bucketWidth else { return nil }
        return ChartAxis(column: key.name, width: width, keys: keys.filter { $0.bucketWidth == nil }.map(\.name))
    }

    /// Why this query cannot be drawn, or nil.
    var chartRefusal: String? {
        guard let format = chartFormat, chartAxis == nil else { return nil }
        return
            "-o \(format.rawValue) draws a time series: group by a bucket of time, as in 'count by bucket(ts, 1m)' or 'count by bucket(ts, 5m), level'"
    }

    func chartPrinter() -> TimeChartPrinter? {
        guard let format = chartFormat, let axis = chartAxis else { return nil }
        return TimeChartPrinter(
            writer: writer, format: format, axis: axis, color: color, width: Environment.columns(writer: writer), title: configuration.query
        )
    }
}
