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
    /// `--trace ID`: report only this trace.
    public var traceID: String?
    /// `--top N`: only the N slowest traces.
    public var top: Int?
    /// `--critical-path`, `--parallel`, `--errors`: the parts to report (all when none is set).
    public var criticalPath = false
    public var parallel = false
    public var errors = false
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
    public var analysis = TraceAnalysisOptions()
    /// `--logs FILE`: the most frequent error messages of each error hotspot.
    public var logs: [String] = []

    public init() {}
}
