import LoupeJSON

/// An exact percentile: holds every number of the group and interpolates linearly between
/// the closest ranks (Hyndman-Fan type 7, numpy's default, DuckDB's `quantile_cont`).
package final class PercentileAccumulator: NumericAccumulator, Accumulator {
    let percent: Double
    var values: [Double] = []

    package init(percent: Double) { self.percent = percent }

    package func add(_ value: ValueSlot, _ base: UnsafePointer<UInt8>) {
        if let x = number(value, base) { values.append(x) }
    }

    package func merge(_ other: any Accumulator) {
        values += (other as! PercentileAccumulator).values
        mergeLeftOut(other)
    }

    package func result() -> RowValue {
        values.sort()
        return Percentile.interpolated(sorted: values, percent: percent).map(RowValue.number) ?? .null
    }
}

/// Percentiles of sorted samples.
package enum Percentile {
    /// `h = (n-1)·p/100`, `x[⌊h⌋] + (h-⌊h⌋)(x[⌊h⌋+1] - x[⌊h⌋])`; nil for no samples.
    package static func interpolated(sorted x: [Double], percent: Double) -> Double? {
        guard !x.isEmpty else { return nil }
        let h = Double(x.count - 1) * percent / 100
        let lower = Int(h.rounded(.down))
        let fraction = h - Double(lower)
        if lower + 1 >= x.count { return x[x.count - 1] }
        return x[lower] + fraction * (x[lower + 1] - x[lower])
    }
}

/// An approximate percentile in bounded memory (`--approx`): a log-bucketed sketch whose
/// answer is within `relativeError` of a true sample value at the requested rank.
///
/// Buckets are powers of γ = (1+α)/(1-α); a value is reported as the bucket's midpoint, so the
/// error is at most α relative. Sketches merge by adding bucket counts.
package final class SketchPercentileAccumulator: NumericAccumulator, Accumulator {
    /// The relative accuracy promised in the README and `--help`.
    package static let relativeError = 0.01
    static let gamma = (1 + relativeError) / (1 - relativeError)
    static let logGamma = log(gamma)

    let percent: Double
    var positive: [Int: Int] = [:]
    var negative: [Int: Int] = [:]
    var zeros = 0
    var count = 0

    package init(percent: Double) { self.percent = percent }

    package func add(_ value: ValueSlot, _ base: UnsafePointer<UInt8>) {
        guard let x = number(value, base) else { return }
        insert(x)
    }

    func insert(_ x: Double) {
        count += 1
        if x == 0 {
            zeros += 1
        } else if x > 0 {
            positive[Self.bucket(x), default: 0] += 1
        } else {
            negative[Self.bucket(-x), default: 0] += 1
        }
    }

    static func bucket(_ magnitude: Double) -> Int {
        let m = min(magnitude, Double.greatestFiniteMagnitude)
        return Int((log(m) / logGamma).rounded(.up))
    }

    static func value(ofBucket index: Int) -> Double {
        2 * pow(gamma, Double(index)) / (gamma + 1)
    }

    package func merge(_ other: any Accumulator) {
        let o = other as! SketchPercentileAccumulator
        positive.merge(o.positive, uniquingKeysWith: +)
        negative.merge(o.negative, uniquingKeysWith: +)
        zeros += o.zeros
        count += o.count
        mergeLeftOut(other)
    }

    package func result() -> RowValue {
        guard count > 0 else { return .null }
        // The rank of the lower closest sample; the sketch cannot interpolate inside a bucket.
        let rank = Int((Double(count - 1) * percent / 100).rounded())
        var seen = 0
        for index in negative.keys.sorted(by: >) {
            seen += negative[index]!
            if seen > rank { return .number(-Self.value(ofBucket: index)) }
        }
        seen += zeros
        if seen > rank { return .number(0) }
        for index in positive.keys.sorted() {
            seen += positive[index]!
            if seen > rank { return .number(Self.value(ofBucket: index)) }
        }
        return .null
    }
}

import Glibc
