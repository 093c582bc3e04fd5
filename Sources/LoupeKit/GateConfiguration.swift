/// Everything `loupe gate` was asked to do; built by the CLI, run by `GatePipeline`.
public struct GateConfiguration: Sendable {
    /// Baseline inputs: raw logs or traces, or one baseline file.
    public var baseline: [String] = []
    /// Current inputs; `-` or none reads standard input.
    public var inputs: [String] = []
    /// Write a baseline summary of the inputs to this file instead of comparing.
    public var writeBaseline: String?
    /// Logs mode: the value's path and the key paths.
    public var value: String?
    /// Key fields; empty means `service.name`, `name` for spans.
    public var by: [String] = []
    /// A query-language filter applied to records (or spans) before grouping.
    public var filter: String?
    public var percentile = 95.0
    public var alpha = 0.01
    public var minEffect = 0.10
    public var minAbsMs = 1.0
    public var minSamples = 20
    /// Multiple-comparison correction: Holm's (the default of section 6) or none.
    public var correctsForManyGroups = true
    public var budgets: [String] = []
    public var failOnMissing = false
    /// Files for the Markdown and JUnit reports.
    public var report: String?
    public var junit: String?
    /// Print GitHub Actions annotations.
    public var github = false
    /// List unchanged groups in the terminal summary too.
    public var all = false
    /// JSON (the section 6 document) instead of the text summary on standard output.
    public var json = false
    /// `--format` applies to the raw inputs of both sides.
    public var reading = ReadingOptions()
    /// Values kept per group in a written baseline, and the sampling seed.
    public var sampleSize = 1000
    public var seed: UInt64 = 1
    /// How many critical-path operations the reports name.
    public var blameLimit = 5
    /// Compare what could be read when some records could not (they are still reported).
    public var allowBadInput = false

    public init() {}
}
