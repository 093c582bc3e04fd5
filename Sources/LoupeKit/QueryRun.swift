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
    /// The input being read when its first block looked like plain text (`QueryRun+PlainText`).
    var plainTextInput: PlainTextInput?
    /// The progress line on standard error for long runs.
    let progress: ProgressLine
    /// The next input to open.
    var inputIndex = 0
    /// The current input's span or log records, when it is a trace export or OTLP logs
    /// (`QueryRun+Spans`).
    var spans: RecordChunks?
    /// Whether the current input's first chunk is still to come (it is probed for plain text).
    var firstChunk = true
    /// Output failed while flushing before a message on standard error.
    var outputError: OutputError?
    /// `--follow`: the input could not be read further.
    var followFailed = false
    /// `--merge`: the merge of the inputs and their names, once opened (`QueryRun+Merge`).
    var merge: (TimeMerge, [String])?

    init(configuration: QueryConfiguration, program: Program, inputs: InputSet) {
        self.configuration = configuration
        self.program = program
        self.inputs = inputs.entries
        withFileName = configuration.withFileName ?? (self.inputs.count > 1)
        color = configuration.reading.colors(writer)
        progress = ProgressLine(enabled: ProgressLine.allowed(environment: Environment.variables), write: Diagnostics.write)
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
