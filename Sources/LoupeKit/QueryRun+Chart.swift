import LoupeEngine
import LoupeOutput

/// `-o chart|svg|html` on a query: its rows drawn as a time series. The time axis is the
/// query's `bucket(PATH, WIDTH)` key; a query without one is refused before anything is read.
extension QueryRun {
    var chartFormat: ChartFormat? { configuration.outputFormat.flatMap(ChartFormat.init(rawValue:)) }

    /// The `bucket()` key of the query's grouping, when it has one.
    var chartAxis: ChartAxis? {
        guard case .rows(let plan) = program.plan, case .group(let keys, _) = plan.source else { return nil }
        guard let key = keys.first(where: { $0.bucketWidth != nil }), let width = key.bucketWidth else { return nil }
        return ChartAxis(column: key.name, width: width, keys: keys.filter { $0.bucketWidth == nil }.map(\.name))
    }

    /// Why this query cannot be drawn, or nil.
    var chartRefusal: String? {
        guard let format = chartFormat, chartAxis == nil else { return nil }
        return
            "-o \(format.rawValue) draws a time series: group by a bucket of time, as in 'count by bucket(ts, 1m)' or 'count by bucket(ts, 5m), level'"
    }

    func chartPrinter() -> TimeChartPrinter? {
        guard let format = chartFormat, let axis = chartAxis else { return nil }
        return TimeChartPrinter(
            writer: writer, format: format, axis: axis, color: color, width: Environment.columns(writer: writer), title: configuration.query
        )
    }
}
