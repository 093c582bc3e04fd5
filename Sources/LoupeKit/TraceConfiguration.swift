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
    /// `--format`: nil detects each input's format from its first bytes.
    public var format: String?
    /// `--trace ID`: report only this trace.
    public var traceID: String?
    /// `--top N`: only the N slowest traces.
    public var top: Int?
    /// `--critical-path`, `--parallel`, `--errors`: the parts to report (all when none is set).
    public var criticalPath = false
    public var parallel = false
    public var errors = false
    /// `text`, `json` or `markdown`.
    public var output = "text"
    public var color = "auto"
    public var strict = false
    public var threads: Int?
    public var analysis = TraceAnalysisOptions()

    public init() {}
}

/// Everything `loupe hotspots FILE...` was asked to do.
public struct HotspotsConfiguration: Sendable {
    public var inputs: [String] = []
    public var format: String?
    public var output = "text"
    /// Rows per table in text and Markdown.
    public var top = 15
    public var color = "auto"
    public var strict = false
    public var threads: Int?
    public var analysis = TraceAnalysisOptions()

    public init() {}
}
