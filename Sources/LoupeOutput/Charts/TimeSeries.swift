import LoupeEngine
import LoupeJSON

/// A query result read as a time series: the rows of `count by bucket(ts, 1m)` (optionally with
/// one more key, the series), every bucket from the first to the last, empty ones included.
///
/// Guarantees: `buckets` are consecutive multiples of `width` with no gap; `series` keep the
/// order of their first appearance in the rows; a value missing for a (bucket, series) is nil,
/// drawn as empty, never as 0 and never skipped. Building fails with a sentence that says why
/// when the rows are not a time series.
package struct TimeSeries: Sendable {
    /// Bucket starts (ns since the epoch).
    package let buckets: [Int64]
    package let width: Int64
    package let series: [String]
    /// `values[s][b]`: series s in bucket b.
    package let values: [[Double?]]
    /// The name of the charted value's column (`count`).
    package let valueName: String
    /// The series key's column, when there is one.
    package let seriesName: String?

    /// Buckets drawn at most; a wider range is refused (a one-second bucket over a month).
    package static let maxBuckets = 10_000

    /// The bucket key is the column named `timeColumn`. `keys`, the query's other grouping keys,
    /// name the series (one at most) and every other column is a value, of which a chart draws
    /// one; without `keys`, the value is the last column of numbers and the rest the series.
    package init(_ set: RowSet, timeColumn: String, width: Int64, keys groupKeys: [String]? = nil) throws(ChartError) {
        guard let t = set.columns.firstIndex(of: timeColumn) else {
            throw ChartError("the result has no column '\(timeColumn)' to draw on the time axis")
        }
        let others = set.columns.indices.filter { $0 != t }
        let v: Int
        let keys: [Int]
        if let groupKeys {
            keys = others.filter { groupKeys.contains(set.columns[$0]) }
            let values = others.filter { !groupKeys.contains(set.columns[$0]) }
            guard values.count == 1 else {
                throw ChartError(
                    values.isEmpty
                        ? "the result has no value to draw"
                        : "a chart draws one value over time; this query computes \(values.map { set.columns[$0] }.joined(separator: ", ")): keep one")
            }
            v = values[0]
        } else {
            let numeric = others.filter { c in set.rows.allSatisfy { row in Self.number(row[c]) != nil || row[c] == .null } }
            guard let last = numeric.last else { throw ChartError("the result has no column of numbers to draw") }
            v = last
            keys = others.filter { $0 != v }
        }
        guard keys.count <= 1 else {
            throw ChartError(
                "a chart draws one value over time, for at most one more key (here: \(keys.map { set.columns[$0] }.joined(separator: ", ")))"
            )
        }
        let s = keys.first
        var points: [(time: Int64, series: String, value: Double?)] = []
        var names: [String] = []
        var seen: Set<String> = []
        for row in set.rows {
            guard case .string(let text) = row[t], let time = Self.time(text) else { continue }
            let name = s.map { RowPrinter.humanText(row[$0]) } ?? ""
            if seen.insert(name).inserted { names.append(name) }
            points.append((time, name, Self.number(row[v])))
        }
        guard let first = points.map(\.time).min(), let last = points.map(\.time).max() else {
            throw ChartError("no row has a time to draw")
        }
        let width = max(1, width)
        let start = first - ((first % width) + width) % width
        let count = Int((last - start) / width) + 1
        guard count <= Self.maxBuckets else {
            throw ChartError("\(count) buckets are too many to draw (\(Self.maxBuckets) at most): use a wider bucket")
        }
        var values = [[Double?]](repeating: [Double?](repeating: nil, count: count), count: names.count)
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() { index[n] = i }
        for p in points {
            let b = Int((p.time - start) / width)
            if let value = p.value { values[index[p.series]!][b] = (values[index[p.series]!][b] ?? 0) + value }
        }
        buckets = (0..<count).map { start + Int64($0) * width }
        self.width = width
        series = names
        self.values = values
        valueName = set.columns[v]
        seriesName = s.map { set.columns[$0] }
    }

    /// The bucket width as a query writes it: `1m`, `30s`, `250ms`, `1h`, `1d`.
    package var widthText: String {
        for (unit, ns) in [
            ("d", Int64(86_400_000_000_000)), ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000), ("ms", 1_000_000),
            ("us", 1_000),
        ]
        where width % ns == 0 {
            return "\(width / ns)\(unit)"
        }
        return "\(width)ns"
    }

    /// The largest value of any series in any bucket (0 when none).
    package var maximum: Double { values.joined().compactMap { $0 }.max() ?? 0 }

    static func number(_ value: RowValue) -> Double? {
        if case .number(let n) = value { return n.doubleValue }
        return nil
    }

    static func time(_ text: String) -> Int64? {
        var bytes = Array(text.utf8)
        let count = bytes.count
        return bytes.withUnsafeMutableBufferPointer { Timestamp.parseRFC3339($0.baseAddress!, count) }
    }

    /// `2024-03-11 08:05`, `08:05`, `08:05:30`, `08:05:30.250`: a bucket start as a label, the date
    /// only when `withDate`, seconds and fractions only when the width needs them.
    package func label(_ ns: Int64, withDate: Bool) -> String {
        let text = Timestamp.format(ns, fractionDigits: width % 1_000_000_000 == 0 ? 0 : width % 1_000_000 == 0 ? 3 : 9)
        // 2024-03-11T08:05:30Z
        var date = String(text.prefix(10))
        var time = String(text.dropFirst(11).dropLast())
        if width % 60_000_000_000 == 0 { time = String(time.prefix(5)) }
        if width % 86_400_000_000_000 == 0 { return date }
        date += " "
        return (withDate ? date : "") + time
    }
}

/// Why a result cannot be drawn as a chart.
package struct ChartError: Error, Sendable {
    package let message: String

    init(_ message: String) {
        self.message = message
    }
}
