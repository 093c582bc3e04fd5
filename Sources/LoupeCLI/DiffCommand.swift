import ArgumentParser
import LoupeKit

/// `loupe diff [OPTIONS] BASE CUR`: two runs of one request, compared by operation path.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two runs of a request: what changed per operation path, and what it cost.",
        discussion: """
            Aligns the spans of BASE and CUR (trace exports in any format loupe reads)
            by their operation path, the chain of (service, name) from the root down,
            and reports per path the calls, their total duration, their self time on
            the critical path and their errors. With several traces per side each
            figure is the median per trace. Paths are added, removed, changed (calls
            or errors differ, or critical-path self time moved by --min-change) or
            the same; rows come largest change of critical-path self time first.

            Examples:
              loupe diff before.json after.json                 one trace each
              loupe diff --trace 4bf9... --trace 7a1c... base.json cur.json
              loupe diff --where 'name == "GET /dispatch"' main.json pr.json
              loupe diff -o json base.json cur.json             every path, as JSON
              loupe diff --report diff.md base.json cur.json    Markdown for a pull request

            Exit status, as diff(1): 0 when no operation path changed, 1 when some
            did, 2 on an error (an input that cannot be read or holds no spans, no
            trace picked on a side, any repair under --strict).
            """
    )

    @Argument(help: ArgumentHelp("The baseline run's trace export ('-' reads standard input).", valueName: "base"))
    var base: String

    @Argument(help: ArgumentHelp("The current run's trace export.", valueName: "cur"))
    var cur: String

    @Option(
        name: .customLong("trace"),
        help: ArgumentHelp("Compare this trace: the first --trace picks BASE's, a second CUR's; one alone picks in both.", valueName: "id"))
    var traceIDs: [String] = []

    @Option(
        name: .customLong("where"),
        help: ArgumentHelp("Compare only traces whose root span matches this filter of the query language.", valueName: "filter"))
    var filter: String?

    @Option(
        name: .customLong("min-change"),
        help: ArgumentHelp("A change of critical-path self time counts from this share and this duration on.", valueName: "5%,1ms"))
    var minChange = "5%,1ms"

    @Option(help: ArgumentHelp("Changed paths shown in text and Markdown.", valueName: "n"))
    var top = 20

    @Option(help: ArgumentHelp("Also write the Markdown report to this file.", valueName: "file"))
    var report: String?

    @OptionGroup var analysis: TraceAnalysisFlags

    @OptionGroup var common: CommonOptions

    func validate() throws {
        let format = try analysis.validate(format: common.format)
        if format == .svg || format == .html { throw ValidationError("diff prints text, json or markdown, not -o \(format.rawValue)") }
        if traceIDs.count > 2 { throw ValidationError("--trace is given at most twice (BASE's trace, then CUR's)") }
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if base == "-" && cur == "-" { throw ValidationError("standard input can be read once: give at most one side as -") }
        if let option = analysis.runOptionsGiven.first {
            throw ValidationError("\(option) tunes the sequential runs of trace and hotspots; diff compares operation paths and has none")
        }
        var probe = DiffConfiguration()
        if let problem = probe.setMinChange(minChange) { throw ValidationError(problem) }
        try common.validate()
    }

    func run() throws {
        var configuration = DiffConfiguration()
        configuration.base = base
        configuration.cur = cur
        configuration.reading = try common.reading()
        configuration.traceIDs = traceIDs
        configuration.filter = filter
        _ = configuration.setMinChange(minChange)
        configuration.top = top
        configuration.report = report
        configuration.output = try analysis.validate(format: common.format)
        configuration.analysis = analysis.options
        throw ExitCode(DiffPipeline.run(configuration).rawValue)
    }
}
