import LoupeEngine

/// Prints `-c`'s count of an input, like grep: `N`, or `name:N` with file names on. Following
/// an input, each new count replaces the one before it (`Redraw`).
package struct CountPrinter: Sink {
    let writer: OutputWriter
    let fileNames: Bool
    private var redraw: Redraw?

    package init(writer: OutputWriter, fileNames: Bool, redraws: Bool = false) {
        self.writer = writer
        self.fileNames = fileNames
        redraw = redraws ? Redraw(writer: writer) : nil
    }

    package mutating func begin() throws(OutputError) {}

    package mutating func consume(_ count: (input: String, matches: Int)) throws(OutputError) -> SinkDecision {
        // A name holding ESC could act on a terminal: there it is shown escaped.
        let name = writer.isTerminal ? TerminalText.sanitize(count.input) : count.input
        let text = (fileNames ? name + ":" : "") + String(count.matches) + "\n"
        if redraw != nil {
            try redraw!.write(text, isTable: false)
        } else {
            try writer.write(text)
        }
        return .continue
    }

    package mutating func finish() throws(OutputError) { try writer.flush() }
}
