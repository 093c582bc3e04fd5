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
    var count = 0

    mutating func insert(_ x: Double) {
        count += 1
        if x == 0 {
            zeros += 1
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
        count += other.count
    }

    static func bucket(_ magnitude: Double) -> Int {
        Int((log(min(magnitude, Double.greatestFiniteMagnitude)) / logGamma).rounded(.up))
    }

    static func value(ofBucket index: Int) -> Double {
        2 * pow(gamma, Double(index)) / (gamma + 1)
    }

    /// The value at rank round((n-1)·p/100); a sketch cannot interpolate inside a bucket.
    func quantile(_ percent: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = Int((Double(count - 1) * percent / 100).rounded())
        var seen = 0
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
        return nil
    }
}
