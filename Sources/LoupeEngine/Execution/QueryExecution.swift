import LoupeIO

/// One run of a compiled query over its inputs: everything after the scan.
///
/// The workers' `ChunkProcessor`s filter each chunk; the execution takes their results in
/// input order and owns the rest of the plan: which matches go on (`MatchLimit`: `-m`,
/// `limit`, `-q`), the records kept for a record-level sort and the stages after it
/// (`LineStages`), the merged groups and projected rows and the row stages
/// (`RowStages`), and following an input (`QueryExecution+Follow`). It drives a sink with
/// `QueryItem`s and never formats text.
///
/// Matching records go out as soon as their chunk is consumed, in input order; sorted
/// records, counts and tables once their input (or every input) was read.
package final class QueryExecution {
    package let program: Program
    package let settings: ExecutionSettings
    /// How the workers scan (a streamed input's also count every newline: `processors`).
    let options: ScanOptions
    var limit: MatchLimit
    private var processors: [Bool: [ChunkProcessor]] = [:]

    /// Matching records so far: what `--stats` and the exit code count.
    package internal(set) var matched = 0
    /// No further input is read (a limit or `-q` reached, the sink or `--strict` stopped it).
    package internal(set) var stopped = false
    /// The merged group table of an aggregation, for the report of left-out values; the one
    /// of the stages after a record-level sort or limit once they ran.
    package internal(set) var groups: GroupTable?
    /// The program whose aggregates made `groups`.
    package internal(set) var tableProgram: Program
    /// Records the stages after a record-level sort or limit left out of every `bucket()`.
    package internal(set) var laterUnbucketed = 0
    var projected: [[RowValue]] = []
    var catalog: FieldCatalog?
    /// Records kept for a record-level sort, or for the stages after a sort or limit, with
    /// their sort keys.
    var kept: [(line: SelectedLine, keys: [RowValue])] = []

    package init(program: Program, settings: ExecutionSettings) {
        self.program = program
        self.settings = settings
        tableProgram = program
        limit = MatchLimit(program: program, settings: settings)
        var options = settings.scan
        options.collectMatches = program.plan.isLines && settings.lineOutput == .lines
        options.highlight = options.highlight && program.plan.isLines
        options.stopAfter = limit.chunkCap
        self.options = options
    }

    /// Whether the prefilter may rule lines out before they are parsed.
    package var prefiltered: Bool { program.needles != nil && options.allowsPrefilter }

    /// The workers' processors for an input; `streamed` ones count every chunk's newlines.
    func processors(streamed: Bool) -> [ChunkProcessor] {
        if let made = processors[streamed] { return made }
        var scan = options
        scan.countAllNewlines = streamed
        let made = (0..<max(1, settings.threads)).map { _ in ChunkProcessor(program: program, options: scan) }
        processors[streamed] = made
        return made
    }

    /// Takes one chunk's result, in input order: its matches go to `sink`, or are kept for
    /// the end, or join the groups. Returns false when the input needs no more reading.
    func consume<S: Sink<QueryItem, Failure>, Failure>(
        _ result: ChunkResult, of input: ExecutionInput, into sink: inout S
    ) throws(Failure) -> Bool {
        switch program.plan {
        case .lines:
            let taken = limit.take(result.matchCount)
            matched += taken
            if settings.lineOutput == .lines && taken > 0 {
                let batch = LineBatch(input: input.name, result: result, count: taken, firstLine: input.locator.linesBefore + 1)
                if !program.lineSort.isEmpty || program.then != nil {
                    keep(batch)
                } else if try sink.consume(.lines(batch)) == .stop {
                    stopped = true
                }
            }
        case .rows:
            // A `fields ... | limit N` counts the matches it keeps, as a record `limit` does:
            // how many more a chunk held depends on where chunks end (the exit code did).
            matched += min(result.matchCount, max(0, (limit.rowsNeeded ?? .max) - matched))
            if let partial = result.groups {
                if let groups { groups.merge(partial) } else { groups = partial }
            }
            // Under --strict the reading goes on past a `fields ... | limit N`'s rows.
            projected += result.rows.prefix(max(0, (limit.rowsNeeded ?? .max) - projected.count))
        case .schema:
            if let partial = result.catalog {
                if let catalog { catalog.merge(partial) } else { catalog = partial }
            }
        }
        if limit.done(rows: projected.count) { stopped = true }
        return !stopped && !limit.inputDone
    }

    /// Keeps a chunk's matches for the end, with their sort keys.
    private func keep(_ batch: LineBatch) {
        let result = batch.result
        for i in 0..<batch.count {
            let line = SelectedLine(
                input: batch.input, lineNumber: options.lineNumbers ? batch.lineNumber(i) : nil, bytes: Array(batch.line(i)),
                record: batch.record(i))
            kept.append((line, i < result.sortKeys.count ? result.sortKeys[i] : []))
        }
    }

    /// The run stops after the current chunk (`--strict`'s first bad record, or the wiring's
    /// reason).
    func stop() {
        stopped = true
    }
}

extension Program.Plan {
    var isLines: Bool {
        if case .lines = self { return true }
        return false
    }
}
