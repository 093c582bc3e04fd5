import LoupeEngine

/// The printer of `loupe QUERY`: what the execution hands out, as text. Matching records go
/// to a `LinePrinter`, counts to a `CountPrinter`, tables to a `TablePrinter`.
package struct QueryPrinter: Sink {
    /// How the output looks.
    package struct Options {
        /// Prefix records and counts with their input's name.
        package var fileNames = false
        package var lineNumbers = false
        package var color = false
        /// nil: a table on a terminal, tsv in a pipe.
        package var format: TableFormat?
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

    package init(writer: OutputWriter, options: Options) {
        lines = LinePrinter(
            writer: writer, fileNames: options.fileNames, lineNumbers: options.lineNumbers, color: options.color,
            flushesEachBatch: options.live)
        counts = CountPrinter(writer: writer, fileNames: options.fileNames, redraws: options.live)
        tables = TablePrinter(writer: writer, format: options.format, color: options.color, redraws: options.live)
        chart = options.chart
    }

    package mutating func begin() throws(OutputError) {}

    package mutating func consume(_ item: QueryItem) throws(OutputError) -> SinkDecision {
        switch item {
        case .lines(let batch):
            return try lines.consume(batch)
        case .selected(let line):
            try lines.print(line)
            return .continue
        case .count(let input, let matches):
            return try counts.consume((input, matches))
        case .rows(let rows):
            if chart != nil { return try chart!.consume(rows) }
            return try tables.consume(rows)
        }
    }

    package mutating func finish() throws(OutputError) {
        try lines.finish()
        try chart?.finish()
    }
}
