import LoupeIO

/// `-f/--follow`: one input read as it grows. Matching records go out as they come; an
/// aggregation's table (or `-c`'s count) goes out again every `every` seconds when it changed,
/// until `interrupted()`, the end of a pipe, or a stop (`-m`, `-q`, `limit`, `--strict`);
/// then the final results, as for any run.
extension QueryExecution {
    package func follow<S: Sink<QueryItem, Failure>, Failure>(
        _ input: ExecutionInput, every: Double, interrupted: () -> Bool, into sink: inout S, observer: some ExecutionObserver
    ) throws(Failure) {
        guard case .followed(let reader) = input.source else { return }
        try sink.begin()
        limit.beginInput()
        var loop = FollowLoop(execution: self, reader: reader, input: input, every: every)
        let end = try loop.run(interrupted: interrupted, into: &sink, observer: observer)
        _ = observer.ended(input, end)
        observer.inputsDone()
        if !observer.failedStrictly {
            try loop.snapshot(final: true, into: &sink)
            try finishLines(into: &sink)
        }
        try sink.finish()
    }
}

/// The state of one `--follow` run: when the table was last sent, and when it is next due.
struct FollowLoop {
    let execution: QueryExecution
    let reader: FollowReader
    let input: ExecutionInput
    let every: Double
    /// `matched` when the table or count last went out.
    private var sentAt = 0
    private var sentOnce = false
    private let clock = ContinuousClock.now
    private var nextTick: Double

    init(execution: QueryExecution, reader: FollowReader, input: ExecutionInput, every: Double) {
        self.execution = execution
        self.reader = reader
        self.input = input
        self.every = every
        nextTick = every
    }

    private var seconds: Double {
        let elapsed = ContinuousClock.now - clock
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Reads until interrupted, the end of a pipe, a read error or a stop.
    mutating func run<S: Sink<QueryItem, Failure>, Failure>(
        interrupted: () -> Bool, into sink: inout S, observer: some ExecutionObserver
    ) throws(Failure) -> InputEnd {
        var end = InputEnd()
        while !execution.stopped && !interrupted() {
            let event: FollowReader.Event
            do {
                event = try reader.next(wait: max(0, min(0.25, nextTick - seconds)))
            } catch {
                end.readError = error
                return end
            }
            switch event {
            case .lines(let chunk):
                if try !burst(from: chunk, interrupted: interrupted, into: &sink, observer: observer, end: &end) { return end }
            case .idle:
                break
            case .restarted(let message):
                restart(message, observer: observer)
            case .ended:
                return end
            }
            if seconds >= nextTick {
                try snapshot(final: false, into: &sink)
                nextTick = seconds + every
            }
        }
        return end
    }

    /// Processes `first` and whatever else is ready now, on all workers when the reader is
    /// behind; false when the run should stop.
    private mutating func burst<S: Sink<QueryItem, Failure>, Failure>(
        from first: ByteChunk, interrupted: () -> Bool, into sink: inout S, observer: some ExecutionObserver, end: inout InputEnd
    ) throws(Failure) -> Bool {
        var pending: ByteChunk? = first
        var deferred: FollowReader.Event?
        var keepGoing = true
        var failure: Failure?
        let reader = self.reader
        let execution = self.execution
        let input = self.input
        let processors = execution.processors(streamed: true)
        // Small appends go through one worker: no threads to start for a line or two.
        let map = OrderedParallelMap<ByteChunk, ChunkResult>(threads: first.count >= 256 << 10 ? max(1, execution.settings.threads) : 1)
        do {
            try map.run(
                produce: {
                    if let chunk = pending {
                        pending = nil
                        return chunk
                    }
                    guard deferred == nil, !interrupted() else { return nil }
                    let event = try reader.next(wait: 0)
                    if case .lines(let chunk) = event { return chunk }
                    if case .idle = event { return nil }
                    deferred = event
                    return nil
                },
                transform: { chunk, worker in processors[worker].process(chunk) },
                consume: { result in
                    keepGoing = execution.handle(result, of: input, into: &sink, observer: observer, end: &end, failure: &failure)
                    observer.didConsume(result, of: input)
                    return keepGoing
                })
        } catch let error as InputError {
            end.readError = error
            return false
        } catch {}
        if let failure { throw failure }
        switch deferred {
        case .restarted(let message)?:
            restart(message, observer: observer)
        case .ended?:
            return false
        default:
            break
        }
        return keepGoing
    }

    private func restart(_ message: String, observer: some ExecutionObserver) {
        if observer.restarted(input, message: message) == .stop { execution.stop() }
        input.locator.restart()
    }

    /// Sends the aggregation's table (or `-c`'s count) when it changed since it last went out.
    mutating func snapshot<S: Sink<QueryItem, Failure>, Failure>(final: Bool, into sink: inout S) throws(Failure) {
        guard execution.settings.lineOutput != .nothing else { return }
        let matched = execution.matched
        // Nothing new since the last one: the same table again says nothing.
        if sentOnce && matched == sentAt { return }
        // Before anything matched, an empty table every tick is noise; the final one still goes out.
        if !sentOnce && matched == 0 && !final { return }
        let item: QueryItem
        switch execution.program.plan {
        case .rows(let plan):
            item = .rows(
                plan.rowSet(groups: execution.groups, projected: execution.projected, approximate: execution.options.approximatePercentiles)
            )
        case .lines where execution.settings.lineOutput == .count:
            item = .count(input: input.name, execution.limit.inputMatches)
        default:
            return
        }
        _ = try sink.consume(item)
        sentOnce = true
        sentAt = matched
    }
}
