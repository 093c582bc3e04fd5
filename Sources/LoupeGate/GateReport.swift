import LoupeTrace

/// Everything one gate run found, ready for the printers, and its verdict.
///
/// The gate fails (exit 1) when a group regressed, when a budget failed, or, with
/// `--fail-on-missing`, when a group has values on one side only. `insufficient`,
/// `improvement` and groups on one side only never fail it otherwise.
package struct GateReport: Sendable {
    package var parameters: GateParameters
    package var mode: GateMode
    package var fields: [String]
    /// The comparison against the baseline; nil when only budgets were checked.
    package var comparison: GateComparison?
    package var budgets: [Budget] = []
    package var budgetResults: [BudgetResult] = []
    /// Critical-path blame (spans mode, both sides with trace structure), most growth first.
    package var blame: [BlameRow]?
    /// Both sides' raw traces compared by operation path (`loupe diff`); nil when a side is
    /// logs or a baseline file.
    package var diff: TraceDiff?
    /// How many blame rows the reports name.
    package var blameLimit = 5
    package var failOnMissing = false
    /// Facts a reader should know (estimated percentiles, values left out).
    package var notes: [String] = []

    package init(parameters: GateParameters, mode: GateMode, fields: [String]) {
        self.parameters = parameters
        self.mode = mode
        self.fields = fields
    }

    package var rows: [GroupComparison] { comparison?.rows ?? [] }
    package var regressions: Int { comparison?.regressions ?? 0 }
    package var budgetFailures: Int { budgetResults.count { $0.status == .failed } }
    package var missing: Int { comparison?.missing ?? 0 }

    package var failed: Bool {
        regressions > 0 || budgetFailures > 0 || (failOnMissing && missing > 0)
    }

    /// The operations the reports name (`Blame.named`): significant growth of their median
    /// critical-path self time, most first.
    package var namedBlame: [BlameRow] {
        Blame.named(blame ?? [], parameters: parameters, limit: blameLimit)
    }

    /// The regressed groups that are async: all their current spans are in detached fragments,
    /// off the requests' critical path, so blame cannot name them (in report order).
    package var asyncRegressions: [GroupComparison] {
        guard let comparison else { return [] }
        return rows(.regression).filter { comparison.detachedGroups.contains($0.key) }
    }

    /// The rows of one status.
    package func rows(_ status: GateStatus) -> [GroupComparison] {
        rows.filter { $0.status == status }
    }
}
