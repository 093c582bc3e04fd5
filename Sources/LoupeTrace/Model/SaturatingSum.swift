/// Sums of span times over many spans or traces, held at Int64's bounds instead of trapping.
/// Each span lies within 2^62 ns of 1970, so one trace's own arithmetic fits; but a total over
/// traces of hostile data (each spanning a century) passes 2^63, and must not crash a report.
extension Int64 {
    /// `self + other`, or the bound it passed.
    package func addingSaturated(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}

extension Sequence where Element == Int64 {
    /// The sum, held at Int64's bounds (see `Int64.addingSaturated`).
    package func saturatingSum() -> Int64 { reduce(0) { $0.addingSaturated($1) } }
}
