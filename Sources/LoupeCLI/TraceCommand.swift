import ArgumentParser
import LoupeKit

/// `loupe trace [OPTIONS] [FILE...]`: the per-trace report.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Report each trace: its critical path, the calls that could run in parallel, where its errors start.",
        discussion: """
            Reads OTLP JSON (one document, one request per line, Tempo's "batches"),
            Jaeger JSON and Zipkin v2 JSON, detected from the first bytes. A trace
            split over several files is merged by trace id.

            Examples:
              loupe trace traces.json                          every trace, slowest first
              loupe trace --top 3 traces.json                  the three slowest
              loupe trace --trace 4bf92f3577b34da6a3ce929d0e0e4736 traces.json
              loupe trace --critical-path -o json traces.json  the critical-path document
              loupe trace -o markdown --top 5 traces.json      a report for a pull request
              loupe trace --parallel --min-saving-ms 100 traces.json
              loupe trace --logs app.log traces.json           logs under their spans
              loupe trace --waterfall --top 1 traces.json      spans on a time axis
              loupe trace -o svg --trace 4bf92f35... traces.json > trace.svg
              loupe trace -o html --top 5 traces.json > report.html

            -o svg draws one trace: the one --trace names, else the slowest. -o html
            is one self-contained page (no script, nothing loaded from elsewhere).

            Exit status: 0 when a report was printed, 1 when no --trace ID given is
            in the input, 2 on an error: an input that cannot be read, is not a trace
            export or holds no spans, or any repair under --strict.
            """
    )

    @Argument(help: "Trace exports to read; '-' or none reads standard input. Globs are expanded.")
    var files: [String] = []

    @Option(
        name: .customLong("trace"),
        help: ArgumentHelp(
            "Report only the trace with this id (hex, any case, leading zeros optional); repeat it for several.", valueName: "id"))
    var traceIDs: [String] = []

    @Option(help: ArgumentHelp("Report only the N slowest traces.", valueName: "n"))
    var top: Int?

    @Flag(name: .customLong("critical-path"), help: "Show the critical path (with -o json: its document alone).")
    var criticalPath = false

    @Flag(help: "Show the sequential calls that could run in parallel.")
    var parallel = false

    @Flag(help: "Show where errors start and where they surface.")
    var errors = false

    @Option(
        help: ArgumentHelp(
            "Show the records of this log file (any shape loupe reads, OTLP logs included) under the spans that wrote them; repeat for more files.",
            valueName: "file"))
    var logs: [String] = []

    @Flag(name: .customLong("logs-all"), help: "With --logs: every span's records, not only the critical path's and error origins'.")
    var logsAll = false

    @Flag(help: "Draw each trace's spans on a time axis, the critical path marked (text and markdown; on a terminal --top N draws it too).")
    var waterfall = false

    @Flag(help: "Draw every span: do not collapse repeated calls of one operation into one row (waterfall, svg, html).")
    var expand = false

    @Option(
        help: ArgumentHelp(
            "Columns of the text report and its waterfall (default: the terminal's; a waterfall not on a terminal: 100).", valueName: "n"))
    var width: Int?

    @OptionGroup var analysis: TraceAnalysisFlags

    @OptionGroup var common: CommonOptions

    func validate() throws {
        let format = try analysis.validate(format: common.format)
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        if logsAll && logs.isEmpty { throw ValidationError("--logs-all needs --logs FILE") }
        if !logs.isEmpty && format != .text && format != .json {
            throw ValidationError("--logs shows log records in the text and JSON reports, not in -o \(format.rawValue)")
        }
        if waterfall && format != .text && format != .markdown {
            throw ValidationError("--waterfall draws in the text and markdown reports; -o svg and -o html draw the waterfall as a picture")
        }
        if expand && (format == .json || (format == .markdown && !waterfall)) {
            throw ValidationError("--expand is for the waterfall (--waterfall, svg, html), not -o \(format.rawValue)")
        }
        if let width {
            if format != .text && !(format == .markdown && waterfall) {
                throw ValidationError("--width sets the columns of the text report and of a waterfall, not -o \(format.rawValue)")
            }
            if width < 60 { throw ValidationError("--width must be at least 60") }
            // The waterfall draws every column of every row: a width is a size of memory.
            if width > 10_000 { throw ValidationError("--width must be at most 10000") }
        }
        if (format == .svg || format == .html) && (criticalPath || parallel || errors) {
            throw ValidationError(
                "-o \(format.rawValue) draws the whole trace; --critical-path, --parallel and --errors choose sections of text, markdown and json"
            )
        }
        try common.validate()
    }

    func run() throws {
        var configuration = TraceConfiguration()
        configuration.inputs = files
        configuration.reading = try common.reading()
        configuration.traceIDs = traceIDs
        configuration.top = top
        configuration.criticalPath = criticalPath
        configuration.parallel = parallel
        configuration.errors = errors
        configuration.waterfall = waterfall
        configuration.expand = expand
        configuration.width = width
        configuration.output = try analysis.validate(format: common.format)
        configuration.analysis = analysis.options
        configuration.logs = logs
        configuration.logsAll = logsAll
        throw ExitCode(TracePipeline.run(configuration).rawValue)
    }
}
