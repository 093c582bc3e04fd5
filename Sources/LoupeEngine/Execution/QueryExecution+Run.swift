import LoupeIO

/// Reading the inputs one after another, each on all workers, and the end of the plan.
extension QueryExecution {
    /// Reads every input the observer hands out, in order, then sends the final results:
    /// `sink` sees `begin`, the items, and `finish` (also when a limit, `-q` or `--strict`
    /// stopped the reading early; after a `--strict` failure without the final results). An
    /// output failure ends the run at once.
    package func run<S: Sink<QueryItem, Failure>, Failure>(into sink: inout S, observer: some ExecutionObserver) throws(Failure) {
        try sink.begin()
        while !stopped, let input = observer.nextInput() {
            try read(input, into: &sink, observer: observer)
        }
        observer.inputsDone()
        if !observer.failedStrictly { try finish(into: &sink) }
        try sink.finish()
    }

    /// Reads one input to its end, or until the run or the input needs no more.
    private func read<S: Sink<QueryItem, Failure>, Failure>(
        _ input: ExecutionInput, into sink: inout S, observer: some ExecutionObserver
    ) throws(Failure) {
        guard case .chunks(let reader) = input.source else { return }
        limit.beginInput()
        // Lines are tallied for --stats and the progress line only: counting costs a pass,
        // made on the worker; with -n or a stream the scan counts them anyway.
        let tally = settings.tallyLines && !(options.lineNumbers || input.streamed)
        var end = InputEnd()
        var failure: Failure?
        end.readError = InputChunks.run(
            reader, processors: processors(streamed: input.streamed), threads: max(1, settings.threads),
            finish: { tally ? $0.countingLines() : $0 }
        ) { result in
            let goOn = self.handle(result, of: input, into: &sink, observer: observer, end: &end, failure: &failure)
            observer.didConsume(result, of: input)
            return goOn
        }
        end.runStopped = stopped
        end.outputFailed = failure != nil
        if observer.ended(input, end) == .stop { stopped = true }
        if let failure { throw failure }
        if program.plan.isLines && settings.lineOutput == .count && !observer.failedStrictly {
            if try sink.consume(.count(input: input.name, limit.inputMatches)) == .stop { stopped = true }
        }
    }

    /// One chunk's result in input order: the observer hears of it, its matches go on
    /// (`consume`), a `--strict` failure in it stops the run. False when the input needs no
    /// more reading.
    func handle<S: Sink<QueryItem, Failure>, Failure>(
        _ result: ChunkResult, of input: ExecutionInput, into sink: inout S, observer: some ExecutionObserver,
        end: inout InputEnd, failure: inout Failure?
    ) -> Bool {
        observer.willConsume(result, of: input)
        defer {
            input.locator.advance(past: result)
            result.chunk.discardMappedPages()
        }
        var goOn: Bool
        do throws(Failure) {
            goOn = try consume(result, of: input, into: &sink)
        } catch {
            failure = error
            return false
        }
        if let bad = result.strictFailure {
            end.strictFailure = (input.locator.lineNumber(ofOffset: bad.offset, in: result), bad.message)
            stop()
            goOn = false
        }
        return goOn
    }

    /// After the last input: the sorted or limited records, or the table, go to `sink`.
    func finish<S: Sink<QueryItem, Failure>, Failure>(into sink: inout S) throws(Failure) {
        switch program.plan {
        case .lines:
            try finishLines(into: &sink)
        case .rows(let plan):
            guard settings.lineOutput != .nothing else { return }
            _ = try sink.consume(.rows(plan.rowSet(groups: groups, projected: projected, approximate: options.approximatePercentiles)))
        case .schema:
            let found = catalog ?? FieldCatalog()
            matched = found.records
            guard settings.lineOutput != .nothing else { return }
            _ = try sink.consume(.rows(found.rowSet()))
        }
    }

    /// The records kept for a record-level sort or limit: sorted, limited, and through the
    /// stages after them (`LineStages`), which may make a table of them.
    func finishLines<S: Sink<QueryItem, Failure>, Failure>(into sink: inout S) throws(Failure) {
        guard !program.lineSort.isEmpty || program.then != nil, settings.lineOutput == .lines else { return }
        let order = program.lineOrder.permutation(of: kept) { $0.keys }
        var selected = Array(order.prefix(limit.selected(order.count)))
        matched = selected.count
        if let following = program.then?.program {
            switch LineStages.run(
                following, over: selected.map { kept[$0].line.record ?? kept[$0].line.bytes }, approximate: options.approximatePercentiles)
            {
            case .lines(let inner):
                selected = inner.map { selected[$0] }
                matched = selected.count
            case .rows(let rows, let program, let table, let unbucketed):
                tableProgram = program
                groups = table
                laterUnbucketed += unbucketed
                _ = try sink.consume(.rows(rows))
                return
            }
        }
        for i in selected {
            if try sink.consume(.selected(kept[i].line)) == .stop { break }
        }
    }
}
