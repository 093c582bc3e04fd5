import LoupeEngine

/// Prints a result table in one of the `TableFormat`s (`RowPrinter` renders it). Following
/// an input, each new table replaces the one before it (`Redraw`).
package struct TablePrinter: Sink {
    let writer: OutputWriter
    let renderer: RowPrinter
    private var output: Redraw

    /// `format` nil: a table on a terminal, tsv in a pipe. `redraws`: each table replaces the last.
    package init(writer: OutputWriter, format: TableFormat?, color: Bool, redraws: Bool = false) {
        self.writer = writer
        renderer = RowPrinter(format: format ?? (writer.isTerminal ? .table : .tsv), color: color, forTerminal: writer.isTerminal)
        output = Redraw(writer: writer, redraws: redraws)
    }

    package mutating func begin() throws(OutputError) {}

    package mutating func consume(_ rows: RowSet) throws(OutputError) -> SinkDecision {
        let text = renderer.render(rows)
        try output.write(text, isTable: true)
        return .continue
    }

    package mutating func finish() throws(OutputError) { try writer.flush() }
}
