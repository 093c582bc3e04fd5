import Glibc
import LoupeJSON
import LoupeQuery

/// Everything the numeric aggregates of one group need about one field, collected once per
/// record: count, sum, min, max, and the values themselves when a percentile asks (or a
/// sketch of them with `--approx`).
///
/// sum, avg, min, max and every percentile of the same field share one column, so a record's
/// number is parsed once; percentiles select their ranks in linear time. Columns built from consecutive parts of
/// the input merge in order, so results do not depend on the number of threads.
///
/// Integers are summed exactly (in 128 bits, so no intermediate overflow is lost) and min and
/// max keep the integer they saw: while every value is an integer and the sum fits in Int64,
/// sum, min and max are exact integers. Otherwise the sum is a double, compensated (each
/// addition's rounding error is carried along), so it is as good as exact and does not depend
/// on where the input was cut into chunks either. avg and percentiles are doubles.
package final class NumericColumn {
    var count = 0
    /// The exact sum of the integer values.
    var integerSum = WideInteger()
    /// How many values were integers (the rest are in `sum`).
    var integerCount = 0
    /// The sum of the values that are not integers.
    var sum = 0.0
    /// The rounding errors of the additions into `sum` (Knuth's TwoSum), added at the end.
    var compensation = 0.0
    /// `sum` and `compensation` are kept divided by 2^sumScale, once a sum of finite values
    /// would have overflowed (1e308 + 1e308, whose average is 1e308): scaling by a power of two
    /// is exact, and what it pushes under the smallest double lies below the sum's last bit.
    var sumScale: Int32 = 0
    var integerMinimum = Int64.max
    var integerMaximum = Int64.min
    var minimum = Double.infinity
    var maximum = -Double.infinity
    /// Held only when an exact percentile is asked for.
    var values: [Double]?
    /// Held only for `--approx` percentiles.
    var sketch: ValueSketch?
    /// Percentiles already computed (selection reorders `values`, so each is found once).
    private var percentiles: [Double: Double] = [:]
    package private(set) var leftOut = LeftOutCount()

    init(keepsValues: Bool, approximate: Bool) {
        if keepsValues {
            if approximate { sketch = ValueSketch() } else { values = [] }
        }
    }

    /// Takes a record's value: JSON numbers are used, and strings whose whole (decoded) text is
    /// a JSON number, as comparisons read them (nginx writes `"0.123"`); missing, null and
    /// other values are counted as left out.
    @inline(__always)
    func add(_ value: ValueSlot, _ base: UnsafePointer<UInt8>) {
        switch value.kind {
        case .number:
            add(JSONNumber.value(base + value.start, base + value.end))
        case .string where !value.escaped:
            if JSONNumber.isNumber(base + value.start, base + value.end) {
                add(JSONNumber.value(base + value.start, base + value.end))
            } else {
                leftOut.notNumber += 1
            }
        case .string:
            addEscaped(value, base)
        case .missing, .null:
            leftOut.missing += 1
        default:
            leftOut.notNumber += 1
        }
    }

    /// An escaped string (`"5\u00303"` holds 503): decoded first, off the hot path.
    @inline(never)
    private func addEscaped(_ value: ValueSlot, _ base: UnsafePointer<UInt8>) {
        var decoded: [UInt8] = []
        JSONString.decode(base + value.start, base + value.end, into: &decoded)
        let number = decoded.withUnsafeBufferPointer { text -> NumberValue? in
            guard let start = text.baseAddress, JSONNumber.isNumber(start, start + text.count) else { return nil }
            return JSONNumber.value(start, start + text.count)
        }
        if let number { add(number) } else { leftOut.notNumber += 1 }
    }

    @inline(__always)
    private func add(_ number: NumberValue) {
        count += 1
        let x: Double
        switch number {
        case .integer(let i):
            integerCount += 1
            integerSum.add(i)
            if i < integerMinimum { integerMinimum = i }
            if i > integerMaximum { integerMaximum = i }
            x = Double(i)
        case .double(let d):
            add(toSum: d)
            if d < minimum { minimum = d }
            if d > maximum { maximum = d }
            x = d
        }
        values?.append(x)
        sketch?.insert(x)
    }

    /// Adds `x` to the sum, keeping the exact rounding error of the addition.
    @inline(__always)
    private func add(toSum x: Double) {
        addScaled(sumScale == 0 ? x : scalbn(x, -sumScale))
    }

    /// Adds `x`, already divided by 2^sumScale.
    @inline(__always)
    private func addScaled(_ x: Double) {
        let t = sum + x
        if !t.isFinite, sum.isFinite, x.isFinite { return rescaleSum(by: 64, thenAdd: x) }
        let z = t - sum
        compensation += (sum - (t - z)) + (x - z)
        sum = t
    }

    /// Divides the sum by 2^`bits` more (so that adding `x`, in the old scale, fits).
    private func rescaleSum(by bits: Int32, thenAdd x: Double) {
        sumScale += bits
        sum = scalbn(sum, -bits)
        compensation = scalbn(compensation, -bits)
        addScaled(scalbn(x, -bits))
    }

    /// Every value was finite (an infinite sum of them is an overflow, not an answer).
    private var valuesAreFinite: Bool { integerCount == count || (minimum.isFinite && maximum.isFinite) }

    /// The sum: an exact integer while every value is one and the sum fits in Int64, else a
    /// double; nil when a sum of finite values is too big for a double (a sum holding an
    /// infinite value, `1e400`, stays infinite).
    var total: NumberValue? {
        if integerCount == count, let exact = integerSum.exact { return .integer(exact) }
        let (t, scale) = scaledTotal
        let value = scalbn(t, scale)
        return value.isFinite || !valuesAreFinite ? .double(value) : nil
    }

    /// The average as a double; nil as for `total`, and for no values.
    var average: Double? {
        guard count > 0 else { return nil }
        let (t, scale) = scaledTotal
        let value = scalbn(t / Double(count), scale)
        return value.isFinite || !valuesAreFinite ? value : nil
    }

    /// The sum as a double, with the rounding errors put back, divided by 2^scale.
    private var scaledTotal: (Double, Int32) {
        guard integerCount > 0 else { return (sum.isFinite ? sum + compensation : sum, sumScale) }
        // The integer sum enters in parts that are each exact doubles.
        var t = sum
        var c = compensation
        for whole in integerSum.exactDoubleParts {
            let part = sumScale == 0 ? whole : scalbn(whole, -sumScale)
            let next = t + part
            let z = next - t
            c += (t - (next - z)) + (part - z)
            t = next
        }
        return (t.isFinite ? t + c : t, sumScale)
    }

    /// The smallest value, exact (nil for no values).
    var smallest: NumberValue? {
        if integerCount == 0 { return count == 0 ? nil : .double(minimum) }
        if integerCount == count { return .integer(integerMinimum) }
        return NumberValue.compare(.double(minimum), .integer(integerMinimum)) == -1 ? .double(minimum) : .integer(integerMinimum)
    }

    /// The largest value, exact (nil for no values).
    var largest: NumberValue? {
        if integerCount == 0 { return count == 0 ? nil : .double(maximum) }
        if integerCount == count { return .integer(integerMaximum) }
        return NumberValue.compare(.double(maximum), .integer(integerMaximum)) == 1 ? .double(maximum) : .integer(integerMaximum)
    }

    func merge(_ later: NumericColumn) {
        count += later.count
        integerCount += later.integerCount
        integerSum.add(later.integerSum)
        // Both sums in the larger of the two scales.
        if later.sumScale > sumScale {
            sum = scalbn(sum, sumScale - later.sumScale)
            compensation = scalbn(compensation, sumScale - later.sumScale)
            sumScale = later.sumScale
        }
        let shift = later.sumScale - sumScale
        addScaled(shift == 0 ? later.sum : scalbn(later.sum, shift))
        compensation += shift == 0 ? later.compensation : scalbn(later.compensation, shift)
        integerMinimum = min(integerMinimum, later.integerMinimum)
        integerMaximum = max(integerMaximum, later.integerMaximum)
        minimum = min(minimum, later.minimum)
        maximum = max(maximum, later.maximum)
        if let theirs = later.values { values?.append(contentsOf: theirs) }
        if let theirs = later.sketch { sketch?.merge(theirs) }
        leftOut = leftOut + later.leftOut
        percentiles = [:]
    }

    /// Computes the percentile (in percent) from the held values, once.
    func computePercentile(_ percent: Double) {
        guard percentiles[percent] == nil, values != nil, let value = Percentile.interpolated(selecting: &values!, percent: percent) else {
            return
        }
        percentiles[percent] = value
    }

    /// The value of a numeric aggregate; null when the group has no numbers (sum: 0).
    func result(_ function: Aggregate.Function) -> RowValue {
        switch function {
        case .sum: return total.map(RowValue.number) ?? .null
        case .avg: return average.map { .number(.double($0)) } ?? .null
        case .min: return smallest.map(RowValue.number) ?? .null
        case .max: return largest.map(RowValue.number) ?? .null
        case .percentile(let p):
            if let sketch { return sketch.quantile(p).map { .number(.double($0)) } ?? .null }
            computePercentile(p)
            return percentiles[p].map { .number(.double($0)) } ?? .null
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

    var result: RowValue { .number(NumberValue(seen.count)) }
}

/// Percentiles of samples.
package enum Percentile {
    /// The same value as `interpolated(sorted:percent:)`, from samples in any order, in linear
    /// time (the two closest ranks are selected, not the whole array sorted); `x` is reordered.
    package static func interpolated(selecting x: inout [Double], percent: Double) -> Double? {
        guard !x.isEmpty else { return nil }
        let h = Double(x.count - 1) * percent / 100
        let lower = Int(h.rounded(.down))
        let fraction = h - Double(lower)
        return x.withUnsafeMutableBufferPointer { buffer -> Double in
            let low = select(buffer, lower)
            guard lower + 1 < buffer.count, fraction > 0 else { return low }
            // After selection everything right of `lower` is at least x[lower]: the next rank
            // is their minimum.
            var next = buffer[lower + 1]
            for i in (lower + 2)..<buffer.count where buffer[i] < next { next = buffer[i] }
            return between(low, next, fraction)
        }
    }

    /// `a + fraction·(b - a)`, where equal ends give that end: between two infinities of a sign
    /// the arithmetic is NaN, though every sample there is that infinity.
    static func between(_ a: Double, _ b: Double, _ fraction: Double) -> Double {
        a == b || fraction == 0 ? a : a + fraction * (b - a)
    }

    /// Quickselect: puts the k-th smallest value at index k, smaller ones before it and larger
    /// ones after, and returns it. Median-of-three pivots; a range that does not shrink fast
    /// enough is sorted instead, so the worst case stays O(n log n).
    static func select(_ a: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
        var lo = 0
        var hi = a.count - 1
        var rounds = 0
        while hi > lo {
            rounds += 1
            if rounds > 64 {
                var range = UnsafeMutableBufferPointer(rebasing: a[lo...hi])
                range.sort()
                return a[k]
            }
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var i = lo
            var j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                hi = j
            } else if k >= i {
                lo = i
            } else {
                return a[k]
            }
        }
        return a[k]
    }

    /// `h = (n-1)·p/100`, `x[⌊h⌋] + (h-⌊h⌋)(x[⌊h⌋+1] - x[⌊h⌋])` (Hyndman-Fan type 7, numpy's
    /// default, DuckDB's `quantile_cont`); nil for no samples.
    package static func interpolated(sorted x: [Double], percent: Double) -> Double? {
        guard !x.isEmpty else { return nil }
        let h = Double(x.count - 1) * percent / 100
        let lower = Int(h.rounded(.down))
        let fraction = h - Double(lower)
        if lower + 1 >= x.count { return x[x.count - 1] }
        return between(x[lower], x[lower + 1], fraction)
    }
}
