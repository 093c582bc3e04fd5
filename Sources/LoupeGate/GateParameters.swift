/// The knobs of the gate's decision rule (TRACE-SEMANTICS section 6), with its defaults.
package struct GateParameters: Sendable, Equatable {
    /// The percentile the effect-size gates compare (`--percentile`).
    package var percentile = 95.0
    /// The significance level of the one-sided test (`--alpha`).
    package var alpha = 0.01
    /// The relative growth of the gate percentile a regression needs (`--min-effect`, 0.1 = 10%).
    package var minEffect = 0.10
    /// The absolute growth of the gate percentile a regression needs, in ms (`--min-abs-ms`).
    package var minAbsMs = 1.0
    /// Fewer values than this on a side make the group `insufficient` (`--min-samples`).
    package var minSamples = 20
    /// How p-values account for testing many groups at once (`--correction`).
    package var correction = Correction.holm

    /// A multiple-comparison correction (section 6). With many groups some pass `alpha` by
    /// chance, so `holm` (the default) makes `alpha` bound the chance that any group of the run
    /// is flagged by noise (Holm 1979); `none` tests each group at `alpha` on its own.
    package enum Correction: String, Sendable, CaseIterable {
        case none, holm
    }

    package init() {}

    /// The rule in one line, for the reports.
    package var ruleText: String {
        "a group regresses when its p\(Self.percentText(percentile)) grew by at least \(Self.percentText(minEffect * 100))%"
            + " and at least \(Self.percentText(minAbsMs)) ms, and a one-sided Mann-Whitney U test gives p < \(alpha)"
            + (correction == .holm ? " after Holm's correction for the number of groups" : "")
            + " (at least \(minSamples) values on each side)"
    }

    /// `95`, `99.9`: a number without a trailing `.0`.
    package static func percentText(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
