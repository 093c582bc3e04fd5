import LoupeEngine
import LoupeIO
import LoupeOutput

/// The consumer loop's hooks for the progress line and the line tally of `--stats`, and file
/// names as shown on a terminal.
extension QueryRun {
    /// Before a chunk's matches are printed: a progress line on the same terminal is erased
    /// first, so lines never land on it.
    func beforeOutput(_ result: ChunkResult) {
        guard progress.isVisible, writer.isTerminal, !result.matches.isEmpty else { return }
        progress.clear()
    }

    /// After a chunk: counts its lines and lets the progress line catch up.
    func afterChunk(_ result: ChunkResult, name: String, reader: any ByteChunkSource) {
        let lines = Self.lines(in: result)
        reports.linesRead += lines
        if progress.isVisible || writer.isTerminal {
            // Printed lines must reach the terminal before the progress line is drawn under them.
            try? writer.flush()
        }
        progress.update(input: name, read: reader.bytesDelivered, size: reader.knownSize, lines: lines, matches: matched)
    }

    /// Lines in a chunk: its newlines, plus a last line without one.
    static func lines(in result: ChunkResult) -> Int {
        let chunk = result.chunk
        let unterminated = chunk.count > 0 && chunk.base[chunk.count - 1] != 0x0A ? 1 : 0
        return result.newlineCount + unterminated
    }

    /// A worker's result with `newlineCount` filled in when the scan did not count newlines
    /// (it does with `-n` and for streams); counted on the worker, off the consumer thread.
    static func withLineCount(_ result: ChunkResult, count: Bool) -> ChunkResult {
        guard count else { return result }
        var counted = result
        counted.newlineCount = LineFraming.countNewlines(from: result.chunk.base, to: result.chunk.end)
        return counted
    }

    /// A file name as printed to standard output: escaped on a terminal, where a name holding
    /// ESC could otherwise act on the screen.
    func shownName(_ name: String) -> String {
        writer.isTerminal ? TerminalText.sanitize(name) : name
    }
}
