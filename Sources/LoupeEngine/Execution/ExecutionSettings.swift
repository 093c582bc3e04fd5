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
    /// How the workers read records: `-v` (`invert`), `-n` (`lineNumbers`), `--strict`,
    /// `--approx` (`approximatePercentiles`), `--sorted` (`checkTimeOrder`), and `highlight`
    /// for colored output. The execution decides the rest (which matches are kept, where a
    /// chunk stops, which newlines are counted).
    package var scan = ScanOptions()
    /// `-m`: at most this many matching records of each input go on; the rest of the input
    /// is not read. Queries that aggregate read every record.
    package var maxCount: Int?
    /// Count the lines of every chunk (for `--stats` and the progress line) even when nothing
    /// else needs them.
    package var tallyLines = false
    /// Worker threads.
    package var threads = 1

    package init() {}
}
