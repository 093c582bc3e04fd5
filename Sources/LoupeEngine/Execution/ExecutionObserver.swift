import LoupeIO

/// The wiring around a query execution: it opens the inputs one by one, and hears about every
/// chunk read and every input's end, for what it reports on standard error (skipped records,
/// the progress line, `--stats`). Called only on the thread that runs the execution.
package protocol ExecutionObserver: AnyObject {
    /// The next input to read; nil when none is left.
    func nextInput() -> ExecutionInput?
    /// A chunk's result, in input order, before its matches go to the sink.
    func willConsume(_ result: ChunkResult, of input: ExecutionInput)
    /// After the chunk's matches went to the sink.
    func didConsume(_ result: ChunkResult, of input: ExecutionInput)
    /// A followed input was truncated or replaced: line numbers start again (`message` says
    /// why); `.stop` ends the run.
    func restarted(_ input: ExecutionInput, message: String) -> SinkDecision
    /// The input is done; `.stop` ends the run (no further input is read).
    func ended(_ input: ExecutionInput, _ end: InputEnd) -> SinkDecision
    /// Every input was read: the final results go out next.
    func inputsDone()
    /// `--strict` failed (a bad record, an input cut short, a repaired span): the final results
    /// (a table, `-c`'s count, sorted records) would be about part of the input, so they are
    /// left out; the lines already printed stay, as grep's do.
    var failedStrictly: Bool { get }
}

/// One input as the execution reads it.
package struct ExecutionInput {
    /// Where the chunks come from.
    package enum Source {
        /// An input read to its end: a file, a stream, the span records of a trace export.
        case chunks(any ByteChunkSource)
        /// An input followed as it grows (`--follow`).
        case followed(FollowReader)
    }

    /// The name as given (`-` for standard input).
    package var name: String
    package var source: Source
    /// Line numbers of the input's chunks; for a seek, it already counts the lines before it.
    package var locator: LineLocator
    /// The bytes of earlier chunks are gone (a stream, or records made from a trace export),
    /// so every chunk's newlines are counted as it is read.
    package var streamed: Bool

    package init(name: String, source: Source, locator: LineLocator, streamed: Bool) {
        self.name = name
        self.source = source
        self.locator = locator
        self.streamed = streamed
    }
}

/// How an input ended.
package struct InputEnd {
    /// The read error that cut the input short; what came before it was read.
    package var readError: InputError?
    /// `--strict`: the first bad record, its line number and what is wrong with it.
    package var strictFailure: (line: Int, message: String)?
    /// The run stops after this input (a limit or `-q` was reached, a sink or `--strict`
    /// stopped it), so the input may not have been read to its end.
    package var runStopped = false
    /// Output failed while the input was read (a closed pipe): the run ends without results.
    package var outputFailed = false
}
