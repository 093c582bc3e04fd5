import ArgumentParser
import LoupeKit

/// `loupe gate`: the CI latency gate; exit 1 when the current run regressed against a baseline
/// or broke a budget.
struct GateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Fail a CI job when latency regressed against a baseline or broke a budget.",
        discussion: """
            Examples:
              # trace exports: span durations by service.name, name
              loupe gate --baseline main.json pr.json
              # JSON logs: a field's values, grouped by other fields
              loupe gate --baseline base.log --value duration_ms \\
                  --by service,http.path --where 'http.status < 500' run.log
              loupe gate --baseline main-traces.json pr-traces.json \\
                  --percentile 95 --min-effect 0.1
              loupe gate --baseline main.json pr.json --percentile 99 \\
                  --min-effect 0.2 --min-abs-ms 5
              # a small summary to commit instead of raw data
              loupe gate --write-baseline baseline.loupe.json main.json
              loupe gate --baseline baseline.loupe.json pr.json \\
                  --report gate.md --junit gate.xml
              loupe gate pr.json --budget 'p99 < 300ms' \\
                  --budget 'service.name == "checkout": p95 < 120ms'

            A group regresses when its gate percentile grew by at least --min-effect
            and at least --min-abs-ms, and a one-sided Mann-Whitney U test (tie and
            continuity corrected) gives p < --alpha after Holm's correction for the
            number of groups compared. With fewer than --min-samples values on a side
            it is 'insufficient', never a failure. Groups on one side only are listed;
            they fail with --fail-on-missing. The correction keeps noise from failing
            runs over many groups: --alpha bounds the chance that any group of a run
            is flagged by chance. --correction none tests each group at --alpha alone.

            A gate never passes on data it could not read: a side with malformed
            lines, a cut or truncated file or spans without ids or start times is an
            error unless --allow-bad-input.

            Exit status: 0 when the gate passes, 1 on a regression or a failed budget,
            2 on an error.
            """
    )

    @Argument(help: "The current run: trace exports or JSON logs ('-' or none reads standard input).")
    var files: [String] = []

    @Option(help: ArgumentHelp("The baseline: raw traces or logs, or a file written by --write-baseline.", valueName: "file"))
    var baseline: [String] = []

    @Option(
        name: .customLong("write-baseline"),
        help: ArgumentHelp("Write a baseline summary of the inputs to this file and exit.", valueName: "file"))
    var writeBaseline: String?

    @Option(
        help: ArgumentHelp(
            "JSON logs: the field whose values are compared, in ms (a dotted path; an exact top-level key wins).", valueName: "path"))
    var value: String?

    @Option(help: ArgumentHelp("Group by these fields, comma-separated (default for spans: service.name,name).", valueName: "fields"))
    var by: [String] = []

    @Option(
        name: .customLong("where"),
        help: ArgumentHelp("Only records (or spans) matching this filter of the query language.", valueName: "filter"))
    var filter: String?

    @Option(help: "The percentile the gate compares.")
    var percentile: Double = 95

    @Option(help: "Significance level of the one-sided Mann-Whitney U test.")
    var alpha: Double = 0.01

    @Option(name: .customLong("min-effect"), help: "Relative growth of the gate percentile that counts (0.1 = 10%).")
    var minEffect: Double = 0.10

    @Option(name: .customLong("min-abs-ms"), help: "Absolute growth of the gate percentile that counts, in ms.")
    var minAbsMs: Double = 1.0

    @Option(name: .customLong("min-samples"), help: "Fewer values than this on a side make a group 'insufficient'.")
    var minSamples: Int = 20

    @Option(
        help:
            "Multiple-comparison correction: holm (--alpha bounds the chance that noise flags any group) or none (each group tested at --alpha alone)."
    )
    var correction = "holm"

    @Option(
        help: ArgumentHelp("An absolute limit, '[FILTER:] pN < DURATION', checked on the current run (repeatable).", valueName: "budget"))
    var budget: [String] = []

    @Flag(name: .customLong("fail-on-missing"), help: "Fail when a group exists only in the baseline or only in the current run.")
    var failOnMissing = false

    @Option(help: ArgumentHelp("Write a Markdown report (for a pull-request comment) to this file.", valueName: "file"))
    var report: String?

    @Option(help: ArgumentHelp("Write a JUnit XML report (one test case per group) to this file.", valueName: "file"))
    var junit: String?

    @Flag(help: "Print GitHub Actions annotations (::error::) for regressions and failed budgets.")
    var github = false

    @Flag(
        name: .customLong("allow-bad-input"),
        help:
            "Compare what could be read when some records could not (malformed lines, a cut file); by default they stop the gate with exit 2."
    )
    var allowBadInput = false

    @Flag(help: "List unchanged groups in the terminal summary too.")
    var all = false

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: "Standard output: text (a summary) or json (the TRACE-SEMANTICS section 6 document).")
    var output = "text"

    @Option(name: .customLong("sample-size"), help: "Values kept per group by --write-baseline for the statistical test (default 1000).")
    var sampleSize: Int?

    @Option(help: "Seed of --write-baseline's sampling (the same data and seed give the same file; default 1).")
    var seed: UInt64?

    @Option(help: "How many critical-path operations the reports name.")
    var blame = 5

    @OptionGroup var common: CommonOptions

    /// Checks the options; run by `run()` rather than `validate()`, which ArgumentParser also
    /// calls for `--help`, so a message printed there would follow the help text.
    private func checkOptions() throws -> [String] {
        if baseline.isEmpty && writeBaseline == nil && budget.isEmpty {
            throw usage("give --baseline FILE to compare against, --budget to check limits, or --write-baseline FILE")
        }
        if writeBaseline != nil && !(baseline.isEmpty && budget.isEmpty) {
            throw usage("--write-baseline only summarizes its inputs; leave out --baseline and --budget")
        }
        guard ["text", "json"].contains(output) else { throw usage("-o must be text or json") }
        guard percentile >= 0 && percentile <= 100 else { throw usage("--percentile must be between 0 and 100") }
        guard alpha > 0 && alpha < 1 else { throw usage("--alpha must be between 0 and 1") }
        guard minEffect >= 0 && minEffect.isFinite else { throw usage("--min-effect must be a finite number, 0 or more (0.1 = 10%)") }
        guard minAbsMs >= 0 && minAbsMs.isFinite else { throw usage("--min-abs-ms must be a finite number, 0 or more") }
        guard ["none", "holm"].contains(correction) else { throw usage("--correction must be none or holm") }
        guard minSamples >= 1 else { throw usage("--min-samples must be at least 1") }
        guard (sampleSize ?? 1) >= 1 else { throw usage("--sample-size must be at least 1") }
        if writeBaseline == nil && (sampleSize != nil || seed != nil) {
            throw usage("--sample-size and --seed set how --write-baseline samples; without it they do nothing")
        }
        if writeBaseline != nil, let report = [report.map { _ in "--report" }, junit.map { _ in "--junit" }, github ? "--github" : nil]
            .compactMap({ $0 }).first
        {
            throw usage("--write-baseline only summarizes its inputs; it has no verdict for \(report) to report")
        }
        if github && output == "json" {
            throw usage("--github writes its annotations to standard output, where -o json's document must be alone: run the gate once for each")
        }
        guard blame >= 0 else { throw usage("--blame must be 0 or more") }
        let fields = by.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces } }
        if fields.contains("") { throw usage("--by has an empty field name") }
        do {
            try common.validate()
        } catch let error as ValidationError {
            throw usage(error.message)
        }
        return fields
    }

    /// A usage error: the message on stderr, exit code 2 as TRACE-SEMANTICS section 6 asks
    /// (ArgumentParser's own validation errors would exit 64).
    private func usage(_ message: String) -> ArgumentParser.ExitCode {
        Diagnostics.error(message + " (see loupe gate --help)")
        return ArgumentParser.ExitCode(LoupeKit.ExitCode.error.rawValue)
    }

    func run() throws {
        let fields = try checkOptions()
        var configuration = GateConfiguration()
        configuration.baseline = baseline
        configuration.inputs = files
        configuration.writeBaseline = writeBaseline
        configuration.value = value
        configuration.by = fields
        configuration.filter = filter
        configuration.percentile = percentile
        configuration.alpha = alpha
        configuration.minEffect = minEffect
        configuration.minAbsMs = minAbsMs
        configuration.minSamples = minSamples
        configuration.correctsForManyGroups = correction == "holm"
        configuration.budgets = budget
        configuration.failOnMissing = failOnMissing
        configuration.report = report
        configuration.junit = junit
        configuration.github = github
        configuration.json = output == "json"
        configuration.all = all
        // --format (shared with the other reading commands) applies to both sides.
        configuration.reading = try common.reading()
        configuration.sampleSize = sampleSize ?? 1000
        configuration.seed = seed ?? 1
        configuration.blameLimit = blame
        configuration.allowBadInput = allowBadInput
        throw ExitCode(GatePipeline.run(configuration).rawValue)
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
