import LoupeOutput

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

    public init(query: String) {
        self.query = query
    }
}
