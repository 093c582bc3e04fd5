import Glibc

/// The one-sided Mann-Whitney U test of TRACE-SEMANTICS section 6: normal approximation with
/// tie correction and continuity correction, for "current is slower than base" and for
/// "current is faster".
package enum MannWhitney {
    /// The test's numbers for one group.
    package struct Result: Sendable, Equatable {
        /// U of the current sample: its rank sum minus n_c(n_c+1)/2.
        package var u: Double
        /// U/(n_b·n_c): P(cur > base) + ½·P(tie).
        package var a12: Double
        /// z of "current is slower", with continuity correction; nil when all values are equal.
        package var z: Double?
        package var pGreater: Double
        package var pLess: Double
    }

    /// Tests ascending `base` against ascending `current`; both must be non-empty.
    ///
    /// Runs in O(n_b + n_c): the two sorted lists are merged, and a run of equal values
    /// shares the average of its ranks.
    package static func test(base: [Double], current: [Double]) -> Result {
        precondition(!base.isEmpty && !current.isEmpty, "the test needs values on both sides")
        let nb = Double(base.count)
        let nc = Double(current.count)
        let total = nb + nc
        var rankSumCurrent = 0.0
        var tieTerm = 0.0
        var i = 0
        var j = 0
        var rank = 1.0
        while i < base.count || j < current.count {
            // The smallest value not yet ranked, and how many of each side hold it.
            let value: Double
            if j >= current.count || (i < base.count && base[i] <= current[j]) {
                value = base[i]
            } else {
                value = current[j]
            }
            var fromBase = 0.0
            while i < base.count && base[i] == value {
                fromBase += 1
                i += 1
            }
            var fromCurrent = 0.0
            while j < current.count && current[j] == value {
                fromCurrent += 1
                j += 1
            }
            let t = fromBase + fromCurrent
            // Ranks rank ... rank+t-1 share their average.
            rankSumCurrent += fromCurrent * (rank + (t - 1) / 2)
            tieTerm += t * t * t - t
            rank += t
        }
        let u = rankSumCurrent - nc * (nc + 1) / 2
        let mu = nb * nc / 2
        let variance = nb * nc / 12 * ((total + 1) - tieTerm / (total * (total - 1)))
        guard variance > 0 else {
            return Result(u: u, a12: u / (nb * nc), z: nil, pGreater: 1, pLess: 1)
        }
        let sigma = variance.squareRoot()
        let zGreater = (u - mu - 0.5) / sigma
        let zLess = (mu - u - 0.5) / sigma
        return Result(
            u: u, a12: u / (nb * nc), z: zGreater,
            pGreater: 0.5 * erfc(zGreater / 2.0.squareRoot()),
            pLess: 0.5 * erfc(zLess / 2.0.squareRoot()))
    }
}
