import LoupeEngine
import LoupeIO
import LoupeOutput
import LoupeTrace
import LoupeSQL

/// What every reading command shares (`--color`, `--strict`, `--threads`, `--block-size`,
/// `--input-format`, `--no-prefix`), read from the command line once into types: nothing downstream parses a
/// string again or falls back silently.
public struct ReadingOptions: Sendable {
    package var color = ColorChoice.auto
    /// Stop at the first bad or repaired record (exit 2) instead of skipping it.
    public var strict = false
    /// Worker threads; nil is one per core.
    public var threads: Int?
    /// `--block-size` (hidden, for tests): the bytes per chunk of a log query; for a trace
    /// export, the size from which a file is decoded on several threads and of each piece.
    public var blockSize: Int?
    /// nil detects each input's format from its first bytes.
    package var format: InputFormat?
    /// Whether text before the JSON of a line is detected (`--no-prefix` turns it off).
    package var prefixes = true

    public init() {}

    /// The options from their command-line text; the error says which one is wrong and why.
    public init(color: String, strict: Bool, threads: Int?, blockSize: Int?, format: String?, noPrefix: Bool = false) throws(OptionError) {
        guard let color = ColorChoice(rawValue: color) else { throw OptionError("--color must be auto, always or never") }
        if let threads, threads < 1 { throw OptionError("--threads must be at least 1") }
        // Each worker keeps its own tables; thousands cost memory and gain nothing.
        if let threads, threads > 1024 { throw OptionError("--threads must be at most 1024") }
        if let blockSize, blockSize < 1 { throw OptionError("--block-size must be at least 1") }
        self.color = color
        self.strict = strict
        self.threads = threads
        self.blockSize = blockSize
        prefixes = !noPrefix
        if let format {
            guard let parsed = InputFormat(rawValue: format) else {
                throw OptionError("unknown input format '\(format)' (use \(InputFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            self.format = parsed
        }
    }

    /// The worker threads to run: as asked, else one per core.
    var workerThreads: Int { max(1, threads ?? Environment.processorCount) }

    /// How a big trace export is split over threads: `--block-size` sets both the size from
    /// which a file is split and the size of each piece.
    var decodeSizes: ParallelDecode.Sizes {
        guard let blockSize else { return ParallelDecode.Sizes() }
        return ParallelDecode.Sizes(minimum: blockSize, piece: blockSize)
    }

    /// Whether standard output gets colors.
    func colors(_ writer: OutputWriter) -> Bool { Environment.colors(color, writer: writer) }
}

/// A command-line value that is not one loupe accepts; the message names the option.
public struct OptionError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// The formats of `trace` and `hotspots` reports, for the command line.
public typealias ReportFormat = TraceOutputFormat

/// Everything `loupe QUERY FILE...` was asked to do; built by the CLI, run by `QueryPipeline`.
public struct QueryConfiguration: Sendable {
    public var query: String
    /// File arguments as given; `-` or none means standard input.
    public var inputs: [String] = []
    public var count = false
    public var invert = false
    public var maxCount: Int?
    public var lineNumbers = false
    /// nil: on when several inputs are given.
    public var withFileName: Bool?
    public var quiet = false
    /// `--color`, `--strict`, `--threads`, `--block-size` and `--format` (a trace export's
    /// spans become records).
    public var reading = ReadingOptions()
    /// nil: `table` on a terminal, `tsv` when piped.
    public var outputFormat: String?
    public var approximate = false
    public var since: String?
    public var until: String?
    /// The inputs' timestamps never decrease: `--since`/`--until` may binary-search them.
    public var sorted = false
    public var timeField: String?
    /// `--merge`: the inputs' records interleaved by `time()` into one ordered stream.
    public var merge = false
    public var stats = false
    /// `-f`: keep reading the input as it grows (one file, or standard input).
    public var follow = false
    /// With `--follow`, how often an aggregation's table is printed again (a duration: `2s`).
    public var every: String?
    /// `--engine`: run the query translated to SQL in ClickHouse or DuckDB instead.
    public var engine: SQLDialect?

    public init(query: String) {
        self.query = query
    }
}

/// The thresholds of TRACE-SEMANTICS 4, as the command line gives them (milliseconds).
public struct TraceAnalysisOptions: Sendable {
    public var minCount = 2
    public var maxGapMs = 5.0
    public var minSavingMs = 1.0
    public var nPlusOneMin = 3

    public init() {}
}

/// Everything `loupe trace FILE...` was asked to do; built by the CLI, run by `TracePipeline`.
public struct TraceConfiguration: Sendable {
    /// File arguments as given; `-` or none means standard input.
    public var inputs: [String] = []
    public var reading = ReadingOptions()
    /// `--trace ID`, once per trace: report only these traces.
    public var traceIDs: [String] = []
    /// `--top N`: only the N slowest traces.
    public var top: Int?
    /// `--critical-path`, `--parallel`, `--errors`: the parts to report (all when none is set).
    public var criticalPath = false
    public var parallel = false
    public var errors = false
    /// `--waterfall`: draw each trace's spans on a time axis (text output).
    public var waterfall = false
    /// `--expand`: draw every span, collapsing no repeated siblings.
    public var expand = false
    /// `--width N`: columns of the text report and its waterfall (default: the terminal's,
    /// and 100 for a waterfall that is not on a terminal).
    public var width: Int?
    public var output = ReportFormat.text
    public var analysis = TraceAnalysisOptions()
    /// `--logs FILE`: log files whose records are shown under the spans that wrote them.
    public var logs: [String] = []
    /// `--logs-all`: every span's records, not only the critical path's and error origins'.
    public var logsAll = false

    public init() {}
}

/// Everything `loupe hotspots FILE...` was asked to do.
public struct HotspotsConfiguration: Sendable {
    public var inputs: [String] = []
    public var reading = ReadingOptions()
    public var output = ReportFormat.text
    /// Rows per table in text and Markdown.
    public var top = 15
    /// `--folded`: write critical-path time by operation path as folded stacks instead.
    public var folded = false
    public var analysis = TraceAnalysisOptions()
    /// `--logs FILE`: the most frequent error messages of each error hotspot.
    public var logs: [String] = []

    public init() {}
}

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

/// Everything `loupe diff BASE CUR` was asked to do; built by the CLI, run by `DiffPipeline`.
public struct DiffConfiguration: Sendable {
    public var base = ""
    public var cur = ""
    public var reading = ReadingOptions()
    /// `--trace ID`: the first picks the base side's trace, the second the current side's; one
    /// alone picks in both.
    public var traceIDs: [String] = []
    /// `--where FILTER`: only traces whose root span matches.
    public var filter: String?
    /// `--min-change`: a change of critical-path self time counts from this share of the base
    /// and this many milliseconds on.
    public var minChangePercent = 5.0
    public var minChangeMs = 1.0
    /// Changed rows in text and Markdown.
    public var top = 20
    public var output = ReportFormat.text
    /// `--report FILE`: the Markdown report, besides standard output.
    public var report: String?
    public var analysis = TraceAnalysisOptions()

    public init() {}

    /// `--min-change 5%,1ms`: a share, a duration, or both; nil and the text of the error when
    /// it is not one.
    public mutating func setMinChange(_ text: String) -> String? {
        for part in text.split(separator: ",").map({ $0.trimmingBlanks() }) {
            if part.hasSuffix("%"), let percent = Double(part.dropLast()), percent >= 0 {
                minChangePercent = percent
            } else if let ns = Array(part.utf8).withUnsafeBufferPointer({ $0.isEmpty ? nil : DurationText.parse($0.baseAddress!, $0.count) }),
                ns >= 0
            {
                minChangeMs = ns / 1e6
            } else {
                return "--min-change takes a percentage, a duration or both (5%,1ms), not '\(part)'"
            }
        }
        return nil
    }
}

extension Substring {
    /// Without the blanks around it (`--min-change '5%, 1ms'`).
    fileprivate func trimmingBlanks() -> Substring {
        var text = self
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}
