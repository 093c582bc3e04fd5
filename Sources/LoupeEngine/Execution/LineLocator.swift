import LoupeIO

/// Turns byte offsets of one input into line numbers, for messages about skipped records and
/// for `-n`.
///
/// When workers count the newlines of every chunk (`-n`, or streamed input whose bytes are gone
/// later), it adds them up; otherwise it counts lazily in the mapped file, only up to the
/// offsets it is asked about.
package final class LineLocator {
    package let countsEveryChunk: Bool
    /// Lines before the chunk being consumed (kept when `countsEveryChunk`).
    package private(set) var linesBefore = 0
    private var countedOffset = 0
    private var countedLines = 0

    package init(countsEveryChunk: Bool) {
        self.countsEveryChunk = countsEveryChunk
    }

    /// The input starts again from its first line (a followed file was truncated or replaced).
    package func restart() {
        linesBefore = 0
        countedOffset = 0
        countedLines = 0
    }

    /// Reading starts at `offset` (a `--since` seek): the lines before it still count.
    package func skipLines(before offset: Int, of input: OpenedInput) {
        guard case .mapped(let file) = input.body, let base = file.base else { return }
        linesBefore += LineFraming.countNewlines(from: base, to: base + offset)
    }

    /// The input's first chunk starts at 0-based line `line` of its file (a `--merge` run).
    package func start(atLine line: Int) {
        linesBefore = line
    }

    package func advance(past result: ChunkResult) {
        if countsEveryChunk { linesBefore += result.newlineCount }
    }

    /// The 1-based line number of the byte at `offset`, which lies in `result`'s chunk.
    package func lineNumber(ofOffset offset: Int, in result: ChunkResult) -> Int {
        let chunk = result.chunk
        if countsEveryChunk {
            let at = chunk.base + (offset - chunk.inputOffset)
            return linesBefore + LineFraming.countNewlines(from: chunk.base, to: at) + 1
        }
        // A mapped file: every earlier byte is still mapped.
        let fileBase = chunk.base - chunk.inputOffset
        if offset < countedOffset {
            countedOffset = 0
            countedLines = 0
        }
        countedLines += LineFraming.countNewlines(from: fileBase + countedOffset, to: fileBase + offset)
        countedOffset = offset
        return countedLines + 1
    }
}
