import LoupeEngine
import LoupeIO
import LoupeOutput

/// `-f/--follow`: the run keeps reading its input as it grows (`QueryExecution.follow`),
/// printing matching lines as they come and an aggregation's table every `--every`, until
/// Ctrl-C (or the end of a pipe); then it prints the final results like any run.
extension QueryRun {
    func executeFollowing() -> ExitCode {
        guard inputs.count == 1, let source = inputs.first?.source else {
            Diagnostics.error("--follow reads one file (or standard input), not \(inputs.count)")
            return .error
        }
        let every: Double
        switch Self.followInterval(configuration.every) {
        case .success(let seconds): every = seconds
        case .failure(let error):
            Diagnostics.error(error.message)
            return .error
        }
        // Lines, with or without a prefix, are followed; values that span lines are not.
        let format = inputs.first?.format ?? .jsonLines
        guard format != .json && format != .jsonSeq else {
            Diagnostics.error("--follow reads JSON lines; \(source.displayName) holds \(format.displayName) (read it without --follow)")
            return .error
        }
        let reader: FollowReader
        do {
            reader = try FollowReader(source, readSize: configuration.reading.blockSize ?? (1 << 20))
            reader.framesPrefixedLines = format == .prefixedLines
        } catch {
            Diagnostics.error(error.description)
            return .error
        }
        InterruptSignal.install()
        let clock = Stopwatch()
        // Line numbers of a followed input are counted chunk by chunk, as for streams.
        let input = ExecutionInput(
            name: reader.name, source: .followed(reader), locator: LineLocator(countsEveryChunk: true), streamed: true)
        var printer = printer(live: true)
        let written = write { () throws(OutputError) in
            try execution.follow(input, every: every, interrupted: { InterruptSignal.isSet }, into: &printer, observer: self)
        }
        if let failure = written { return failure }
        report(elapsed: clock.seconds)
        if reports.strictFailure || followFailed { return .error }
        return execution.matched > 0 ? .matched : .noMatch
    }

    /// `--every` in seconds (default 2s).
    static func followInterval(_ text: String?) -> Result<Double, QueryPipeline.OptionError> {
        guard let text else { return .success(2) }
        let bytes = Array(text.utf8)
        guard let ns = bytes.withUnsafeBufferPointer({ $0.isEmpty ? nil : DurationText.parse($0.baseAddress!, $0.count) }), ns >= 1e7 else {
            return .failure(.init(message: "--every: cannot read '\(text)' (use a duration of at least 10ms, like 500ms, 2s, 1m)"))
        }
        return .success(ns / 1e9)
    }
}
