import LoupeEngine

/// The printer of `loupe QUERY`: what the execution hands out, as text. Matching records go
/// to a `LinePrinter` (or, with an `-o` format, a `RecordPrinter`), counts to a
/// `CountPrinter`, tables to a `TablePrinter`.
package struct QueryPrinter: Sink {
    /// How the output looks.
    package struct Options {
        /// Prefix records and counts with their input's name.
        package var fileNames = false
        package var lineNumbers = false
        package var color = false
        /// nil: a table on a terminal, tsv in a pipe.
        package var format: TableFormat?
        /// The format of matching records (`-o` on a query without row stages); nil prints them
        /// as they were.
        package var recordFormat: TableFormat?
        /// `--follow`: records show as they come; counts and tables replace the last one.
        package var live = false
        /// `-o chart|svg|html`: the rows are drawn as a time series instead of a table.
        package var chart: TimeChartPrinter?

        package init() {}
    }

    private var lines: LinePrinter
    private var counts: CountPrinter
    private var tables: TablePrinter
    private var chart: TimeChartPrinter?

    /// Why the result could not be drawn as a chart (it is no time series), if so.
    package var chartFailure: String? { chart?.failure }
    /// Records in the format `-o` names; nil prints them as they were.
    private var records: RecordPrinter?

    package init(writer: OutputWriter, options: Options) {
        lines = LinePrinter(
            writer: writer, fileNames: options.fileNames, lineNumbers: options.lineNumbers, color: options.color,
            flushesEachBatch: options.live)
        counts = CountPrinter(writer: writer, fileNames: options.fileNames, redraws: options.live)
        tables = TablePrinter(writer: writer, format: options.format, color: options.color, redraws: options.live)
        chart = options.chart
        records = options.recordFormat.map {
            RecordPrinter(writer: writer, format: $0, color: options.color, flushesEachBatch: options.live)
        }
    }

    package mutating func begin() throws(OutputError) {}

    package mutating func consume(_ item: QueryItem) throws(OutputError) -> SinkDecision {
        switch item {
        case .lines(let batch):
            if records != nil {
                try records!.consume(batch)
                return .continue
            }
            return try lines.consume(batch)
        case .selected(let line):
            if records != nil {
                try records!.print(line.record ?? line.bytes)
            } else {
                try lines.print(line)
            }
            return .continue
        case .count(let input, let matches):
            return try counts.consume((input, matches))
        case .rows(let rows):
            if chart != nil { return try chart!.consume(rows) }
            return try tables.consume(rows)
        }
    }

    package mutating func finish() throws(OutputError) {
        // A JSON array or CSV table of records is closed or written even when nothing matched.
        try records?.finish()
        try lines.finish()
        try chart?.finish()
    }
}
