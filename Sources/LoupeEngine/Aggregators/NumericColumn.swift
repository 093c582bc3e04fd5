import LoupeJSON
import LoupeQuery

/// Everything the numeric aggregates of one group need about one field, collected once per
/// record: count, sum, min, max, and the values themselves when a percentile asks (or a
/// sketch of them with `--approx`).
///
/// sum, avg, min, max and every percentile of the same field share one column, so a record's
/// number is parsed once and the values are sorted once. Columns built from consecutive parts of
/// the input merge in order, so results do not depend on the number of threads. The sum is
/// compensated (each addition's rounding error is carried along), so it is as good as exact
/// and does not depend on where the input was cut into chunks either.
package final class NumericColumn {
    var count = 0
    var sum = 0.0
    /// The rounding errors of the additions into `sum` (Knuth's TwoSum), added at the end.
    var compensation = 0.0
    var minimum = Double.infinity
    var maximum = -Double.infinity
    /// Held only when an exact percentile is asked for.
    var values: [Double]?
    /// Held only for `--approx` percentiles.
    var sketch: ValueSketch?
    private var sorted = false
    package private(set) var leftOut = LeftOutCount()

    init(keepsValues: Bool, approximate: Bool) {
        if keepsValues {
            if approximate { sketch = ValueSketch() } else { values = [] }
        }
    }

    /// Takes a record's value: JSON numbers are used; missing, null and other types are
    /// counted as left out.
    @inline(__always)
    func add(_ value: ValueSlot, _ base: UnsafePointer<UInt8>) {
        switch value.kind {
        case .number:
            let x = JSONNumber.parse(base + value.start, base + value.end)
            count += 1
            add(toSum: x)
            if x < minimum { minimum = x }
            if x > maximum { maximum = x }
            values?.append(x)
            sketch?.insert(x)
        case .missing, .null:
            leftOut.missing += 1
        default:
            leftOut.notNumber += 1
        }
    }

    /// Adds `x` to the sum, keeping the exact rounding error of the addition.
    @inline(__always)
    private func add(toSum x: Double) {
        let t = sum + x
        let z = t - sum
        compensation += (sum - (t - z)) + (x - z)
        sum = t
    }

    /// The sum with its rounding errors put back (an infinite sum stays as it is).
    var total: Double { sum.isFinite ? sum + compensation : sum }

    func merge(_ later: NumericColumn) {
        count += later.count
        add(toSum: later.sum)
        compensation += later.compensation
        minimum = min(minimum, later.minimum)
        maximum = max(maximum, later.maximum)
        if let theirs = later.values { values?.append(contentsOf: theirs) }
        if let theirs = later.sketch { sketch?.merge(theirs) }
        leftOut = leftOut + later.leftOut
        sorted = false
    }

    /// Sorts the held values once (percentiles read them sorted); safe to call again.
    func sortValues() {
        guard !sorted else { return }
        values?.sort()
        sorted = true
    }

    /// The value of a numeric aggregate; null when the group has no numbers (sum: 0).
    func result(_ function: Aggregate.Function) -> RowValue {
        switch function {
        case .sum: return .number(total)
        case .avg: return count == 0 ? .null : .number(total / Double(count))
        case .min: return count == 0 ? .null : .number(minimum)
        case .max: return count == 0 ? .null : .number(maximum)
        case .percentile(let p):
            if let sketch { return sketch.quantile(p).map(RowValue.number) ?? .null }
            sortValues()
            return Percentile.interpolated(sorted: values ?? [], percent: p).map(RowValue.number) ?? .null
        case .count, .distinct:
            preconditionFailure("not a numeric aggregate")
        }
    }
}

/// How many values an aggregate left out, by reason.
package struct LeftOutCount: Sendable, Equatable {
    package var missing = 0
    package var notNumber = 0

    package static func + (a: LeftOutCount, b: LeftOutCount) -> LeftOutCount {
        LeftOutCount(missing: a.missing + b.missing, notNumber: a.notNumber + b.notNumber)
    }
}

/// distinct(path): how many distinct non-null values (1 and 1.0 are the same number).
package final class DistinctCounter {
    var seen = Set<EncodedKey>()
    private var scratch: [UInt8] = []

    func add(_ value: ValueSlot, _ base: UnsafePointer<UInt8>) {
        if value.kind == .missing || value.kind == .null { return }
        scratch.removeAll(keepingCapacity: true)
        GroupKeyEncoding.append(value, base, to: &scratch)
        seen.insert(EncodedKey(bytes: scratch))
    }

    func merge(_ later: DistinctCounter) { seen.formUnion(later.seen) }

    var result: RowValue { .number(Double(seen.count)) }
}

/// Percentiles of sorted samples.
package enum Percentile {
    /// `h = (n-1)·p/100`, `x[⌊h⌋] + (h-⌊h⌋)(x[⌊h⌋+1] - x[⌊h⌋])` (Hyndman-Fan type 7, numpy's
    /// default, DuckDB's `quantile_cont`); nil for no samples.
    package static func interpolated(sorted x: [Double], percent: Double) -> Double? {
        guard !x.isEmpty else { return nil }
        let h = Double(x.count - 1) * percent / 100
        let lower = Int(h.rounded(.down))
        let fraction = h - Double(lower)
        if lower + 1 >= x.count { return x[x.count - 1] }
        return x[lower] + fraction * (x[lower + 1] - x[lower])
    }
}
