import LoupeEngine
import LoupeIO
import LoupeQuery

/// `--merge`: the inputs' lines interleaved by `time()` (`TimeMerge`), handed to the execution
/// as runs of consecutive lines of one file, each an input of its own under that file's name,
/// so `-H` and `-n` show where every line came from.
extension QueryRun {
    func nextMergedInput() -> ExecutionInput? {
        if merge == nil { merge = openMerge() }
        guard let (timeMerge, names) = merge else { return nil }
        do {
            guard let run = try timeMerge.nextRun() else { return nil }
            let locator = LineLocator(countsEveryChunk: true)
            locator.start(atLine: run.firstLine)
            firstChunk = false
            return ExecutionInput(name: names[run.input], source: .chunks(MergedRunChunks(run)), locator: locator, streamed: true)
        } catch {
            Diagnostics.error(error.description)
            hadError = true
            return nil
        }
    }

    /// Opens every input; one that cannot be opened, or is not JSON lines, is reported and
    /// left out.
    private func openMerge() -> (TimeMerge, [String])? {
        let timeField = configuration.timeField.flatMap { try? Parser.parsePath($0) }
        let program = TimeMerge.timeProgram(timeField: timeField)
        var lines: [TimedLines] = []
        var names: [String] = []
        for entry in inputs {
            let name = entry.source.displayName
            if let format = entry.format, format.isTraceExport {
                Diagnostics.error("\(name): --merge interleaves log lines; this is a trace export")
                hadError = true
                continue
            }
            do {
                let opened = try entry.source.open()
                lines.append(TimedLines(ChunkReader(opened, chunkSize: configuration.reading.blockSize ?? (1 << 20)), program: program))
                names.append(name)
            } catch {
                Diagnostics.error(error.description)
                hadError = true
            }
        }
        return (TimeMerge(lines), names)
    }
}
