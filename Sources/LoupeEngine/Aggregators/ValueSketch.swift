import Glibc

/// A mergeable quantile sketch in bounded memory (`--approx`): values are counted in
/// logarithmic buckets, and a quantile is answered within `relativeError` of a true sample at
/// the requested rank.
///
/// Buckets are powers of γ = (1+α)/(1-α); a bucket reports its midpoint 2γ^i/(γ+1), which is
/// within α of every value in it. Sketches merge by adding bucket counts, so the answer does
/// not depend on how the input was split.
package struct ValueSketch {
    /// The relative accuracy promised in docs/GUIDE.md and `--help`.
    package static let relativeError = 0.01
    static let gamma = (1 + relativeError) / (1 - relativeError)
    static let logGamma = log(gamma)

    var positive: [Int: Int] = [:]
    var negative: [Int: Int] = [:]
    var zeros = 0
    /// Infinite values (`1e999`) are themselves, not the last bucket's midpoint.
    var positiveInfinities = 0
    var negativeInfinities = 0
    var count = 0

    mutating func insert(_ x: Double) {
        count += 1
        if x == 0 {
            zeros += 1
        } else if x.isInfinite {
            if x > 0 { positiveInfinities += 1 } else { negativeInfinities += 1 }
        } else if x > 0 {
            positive[Self.bucket(x), default: 0] += 1
        } else {
            negative[Self.bucket(-x), default: 0] += 1
        }
    }

    mutating func merge(_ other: ValueSketch) {
        positive.merge(other.positive, uniquingKeysWith: +)
        negative.merge(other.negative, uniquingKeysWith: +)
        zeros += other.zeros
        positiveInfinities += other.positiveInfinities
        negativeInfinities += other.negativeInfinities
        count += other.count
    }

    static func bucket(_ magnitude: Double) -> Int {
        Int((log(min(magnitude, Double.greatestFiniteMagnitude)) / logGamma).rounded(.up))
    }

    /// The factor first, and at most the largest double: `2 * γ^i` overflowed for values near
    /// it (1e308 came out as infinity), and the top bucket's bound γ^i may pass it.
    static func value(ofBucket index: Int) -> Double {
        min(pow(gamma, Double(index)) * (2 / (gamma + 1)), .greatestFiniteMagnitude)
    }

    /// The value at rank round((n-1)·p/100); a sketch cannot interpolate inside a bucket.
    func quantile(_ percent: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = Int((Double(count - 1) * percent / 100).rounded())
        var seen = negativeInfinities
        if seen > rank { return -.infinity }
        for index in negative.keys.sorted(by: >) {
            seen += negative[index]!
            if seen > rank { return -Self.value(ofBucket: index) }
        }
        seen += zeros
        if seen > rank { return 0 }
        for index in positive.keys.sorted() {
            seen += positive[index]!
            if seen > rank { return Self.value(ofBucket: index) }
        }
        return positiveInfinities > 0 ? .infinity : nil
    }
}
