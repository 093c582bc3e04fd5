/// How many matching records go on, and when reading can stop: `-m` per input, a record-level
/// `limit` over all inputs, `-q`'s first match. Decided here and nowhere else; the workers'
/// early stop within a chunk (`ScanOptions.stopAfter`) is `chunkCap`, derived from the same
/// numbers.
///
/// A `limit` over records in input order keeps the first N matches and stops the run there
/// (with `-c`, every input is still read and counted, up to N in all). After a record-level
/// `sort` it applies to the sorted records instead (`selected`), so every match is kept until
/// the end. `-m` applies to queries that print or count records; one that aggregates reads
/// every record. Under `--strict` every input is still read to its end (only what is printed
/// is limited), so that a bad record after the limit fails the run as it would without it.
package struct MatchLimit: Sendable, Equatable {
    /// `-m`.
    package let perInput: Int?
    /// A `limit` applied as matches arrive.
    package let streamed: Int?
    /// Reaching `streamed` ends the run (not with `-c`, which counts every input).
    package let stopsAtLimit: Bool
    /// A `limit` applied after the sort (`selected`).
    package let afterSort: Int?
    /// `-q`: the first match ends the run.
    package let firstMatchOnly: Bool
    /// `fields ... | limit N`: the rows after the first N are never used.
    package let rowsNeeded: Int?
    /// The most matches one chunk needs to find: a worker stops the chunk there.
    package let chunkCap: Int?

    /// `--strict`: reaching a limit never stops the reading.
    package let readsEverything: Bool

    /// Matches taken from the current input, and from all inputs.
    package private(set) var inputMatches = 0
    package private(set) var matches = 0

    package init(program: Program, settings: ExecutionSettings) {
        readsEverything = settings.scan.strict
        firstMatchOnly = settings.lineOutput == .nothing
        stopsAtLimit = settings.lineOutput != .count && !readsEverything
        switch program.plan {
        case .lines:
            perInput = settings.maxCount
            let sortsFirst = !program.lineSort.isEmpty && settings.lineOutput == .lines
            streamed = sortsFirst ? nil : program.lineLimit
            afterSort = sortsFirst ? program.lineLimit : nil
            rowsNeeded = nil
        case .rows(let plan):
            (perInput, streamed, afterSort) = (nil, nil, nil)
            if case .project = plan.source, case .limit(let n)? = plan.stages.first { rowsNeeded = n } else { rowsNeeded = nil }
        case .schema:
            (perInput, streamed, afterSort, rowsNeeded) = (nil, nil, nil, nil)
        }
        // A sorted query reads whole chunks: its limit is for the sorted records.
        let unsorted = program.plan.isLines && program.lineSort.isEmpty
        chunkCap = readsEverything ? nil : firstMatchOnly ? 1 : (unsorted ? [perInput, streamed].compactMap { $0 }.min() : nil)
    }

    /// A new input begins.
    package mutating func beginInput() {
        inputMatches = 0
    }

    /// Takes up to `available` matches, in input order; returns how many go on.
    package mutating func take(_ available: Int) -> Int {
        var taken = available
        if let perInput { taken = min(taken, max(0, perInput - inputMatches)) }
        if let streamed { taken = min(taken, max(0, streamed - matches)) }
        inputMatches += taken
        matches += taken
        return taken
    }

    /// The current input needs no more reading (`-m` reached).
    package var inputDone: Bool {
        !readsEverything && perInput.map { inputMatches >= $0 } ?? false
    }

    /// No input needs more reading: the limit or `-q`'s match was reached, or `rows` rows
    /// are all a `fields ... | limit N` can use.
    package func done(rows: Int = 0) -> Bool {
        if readsEverything { return false }
        if firstMatchOnly && matches > 0 { return true }
        if stopsAtLimit, let streamed, matches >= streamed { return true }
        if let rowsNeeded, rows >= rowsNeeded { return true }
        return false
    }

    /// How many of `count` sorted records are shown.
    package func selected(_ count: Int) -> Int {
        min(count, afterSort ?? count)
    }
}
