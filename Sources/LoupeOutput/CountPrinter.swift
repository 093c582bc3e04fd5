import LoupeEngine

/// Prints `-c`'s count of an input, like grep: `N`, or `name:N` with file names on. Following
/// an input, each new count replaces the one before it (`Redraw`).
package struct CountPrinter: Sink {
    let writer: OutputWriter
    let fileNames: Bool
    private var output: Redraw

    package init(writer: OutputWriter, fileNames: Bool, redraws: Bool = false) {
        self.writer = writer
        self.fileNames = fileNames
        output = Redraw(writer: writer, redraws: redraws)
    }

    package mutating func begin() throws(OutputError) {}

    package mutating func consume(_ count: (input: String, matches: Int)) throws(OutputError) -> SinkDecision {
        let text = (fileNames ? TerminalText.fileName(count.input, on: writer) + ":" : "") + String(count.matches) + "\n"
        try output.write(text, isTable: false)
        return .continue
    }

    package mutating func finish() throws(OutputError) { try writer.flush() }
}
