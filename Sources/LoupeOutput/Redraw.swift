/// Where a count or a table is written: once, or (`--follow`, `redraws`) again each time it
/// changed, replacing what was written last. On a terminal the new text takes the old one's
/// place (when the old one still fits on the screen); in a pipe each table stands on its own,
/// after a blank line.
struct Redraw {
    let writer: OutputWriter
    let redraws: Bool
    /// Lines of the text written last; nil before the first.
    private var lastLines: Int?

    init(writer: OutputWriter, redraws: Bool) {
        self.writer = writer
        self.redraws = redraws
    }

    /// Writes `text`, in place of the previous one when redrawing; `isTable` separates tables
    /// in a pipe.
    mutating func write(_ text: String, isTable: Bool) throws(OutputError) {
        guard redraws else {
            try writer.write(text)
            return
        }
        if let lastLines {
            if writer.isTerminal, let rows = TerminalControl.size(of: 1)?.rows, lastLines < rows {
                try writer.write(TerminalControl.eraseLinesAbove(lastLines))
            } else if isTable {
                try writer.write("\n")
            }
        }
        try writer.write(text)
        try writer.flush()
        lastLines = text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
    }
}
