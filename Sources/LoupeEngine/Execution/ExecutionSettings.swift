/// How a query execution treats records beyond what the query says: the flags of `loupe QUERY`
/// that the engine acts on (the rest are the printers' and the inputs').
package struct ExecutionSettings: Sendable {
    /// What a query that prints records (no aggregation) hands its sink.
    package enum LineOutput: Sendable {
        /// The matching records themselves.
        case lines
        /// `-c`: how many records matched, per input.
        case count
        /// `-q`: nothing; the run stops at the first match.
        case nothing
    }

    package var lineOutput = LineOutput.lines
    /// `-v`: the records that do not match are the matches.
    package var invert = false
    /// `-m`: at most this many matching records of each input go on; the rest of the input
    /// is not read. Queries that aggregate read every record.
    package var maxCount: Int?
    /// `-n`: matches carry their line numbers.
    package var lineNumbers = false
    /// `--strict`: the first bad record stops the run.
    package var strict = false
    /// `--approx`: percentiles from a mergeable sketch.
    package var approximate = false
    /// `--sorted`: watch the timestamps the time filter reads for one that goes back.
    package var checkTimeOrder = false
    /// Record where the tested values lie in each matching record (for colored output).
    package var highlight = false
    /// Count the lines of every chunk (for `--stats` and the progress line) even when nothing
    /// else needs them.
    package var tallyLines = false
    /// Worker threads.
    package var threads = 1

    package init() {}
}
