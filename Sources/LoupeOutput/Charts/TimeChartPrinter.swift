import LoupeEngine

/// The picture formats of a query whose result is a time series (`-o chart|svg|html`).
package enum ChartFormat: String, CaseIterable, Sendable {
    /// Bars (or sparklines per series) in the terminal.
    case chart
    case svg
    /// One self-contained page holding the SVG and the rows as a table.
    case html
}

/// Which column of the result is the time axis, and its bucket width: what the query's
/// `bucket(PATH, WIDTH)` key says.
package struct ChartAxis: Sendable {
    package var column: String
    package var width: Int64
    /// The query's other grouping keys (the series); nil when unknown.
    package var keys: [String]?

    package init(column: String, width: Int64, keys: [String]? = nil) {
        self.column = column
        self.width = width
        self.keys = keys
    }
}

/// Prints the result rows of a time-series query as a chart: a sink like `TablePrinter`.
/// A result that is not a time series is reported as an error (`failure`), and nothing is
/// printed for it.
package struct TimeChartPrinter: Sink {
    let writer: OutputWriter
    let format: ChartFormat
    let axis: ChartAxis
    let color: Bool
    let width: Int
    let title: String
    /// Why the last result could not be drawn.
    package private(set) var failure: String?

    package init(writer: OutputWriter, format: ChartFormat, axis: ChartAxis, color: Bool, width: Int, title: String) {
        self.writer = writer
        self.format = format
        self.axis = axis
        self.color = color
        self.width = width
        self.title = title
    }

    package mutating func begin() throws(OutputError) {}

    package mutating func consume(_ rows: RowSet) throws(OutputError) -> SinkDecision {
        if rows.rows.isEmpty { return .continue }
        let series: TimeSeries
        do {
            series = try TimeSeries(rows, timeColumn: axis.column, width: axis.width, keys: axis.keys)
        } catch {
            failure = error.message
            return .stop
        }
        try writer.write(render(series, rows))
        return .continue
    }

    package func render(_ series: TimeSeries, _ rows: RowSet) -> String {
        switch format {
        case .chart: return TimeChartText(width: width, color: color).render(series)
        case .svg: return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + TimeChartSVG().svg(series, title: title)
        case .html:
            let table = HTMLPage.table(rows.columns, rows.rows.map { $0.map { RowPrinter.humanText($0) } }, numeric: [])
            return HTMLPage.document(
                title: "loupe: " + title,
                body: "<h1>\(Markup.escape(title))</h1>\n" + TimeChartSVG().svg(series, title: "") + "<h2>Rows</h2>\n" + table)
        }
    }

    package mutating func finish() throws(OutputError) { try writer.flush() }
}
