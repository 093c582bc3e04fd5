import LoupeQuery

/// The verdict of one budget on one group.
package struct BudgetResult: Sendable, Equatable {
    /// Whether the group kept the budget.
    package enum Status: String, Sendable {
        case failed, passed
        /// Fewer than `--min-samples` values: like the comparison, never a failure.
        case insufficient
    }

    /// The budget's position among the `--budget` options.
    package var budget: Int
    package var key: GroupKey
    package var n: Int
    /// The group's percentile in ms.
    package var valueMs: Double
    package var status: Status
}

/// Checks every budget against every current group it applies to.
package struct BudgetCheck {
    package let budgets: [Budget]
    private var filters: [RecordFilter?]

    /// Compiles the budgets' filters.
    package init(_ budgets: [Budget]) throws(GateError) {
        self.budgets = budgets
        filters = []
        for budget in budgets {
            guard let filter = budget.filter else {
                filters.append(nil)
                continue
            }
            do {
                filters.append(try RecordFilter(filter))
            } catch {
                throw GateError(description: "--budget '\(budget.text)': " + error.rendered(query: budget.filterText ?? ""))
            }
        }
    }

    /// The results, failures first, then by budget and key; also the budgets that matched no
    /// group at all (probably a typo in the filter), by index.
    package mutating func check(_ side: GateSide, minSamples: Int) -> (results: [BudgetResult], unmatched: [Int]) {
        var results: [BudgetResult] = []
        var unmatched: [Int] = []
        let keys = side.groups.keys.sorted()
        for (index, budget) in budgets.enumerated() {
            var matchedAny = false
            for key in keys {
                if filters[index] != nil {
                    guard filters[index]!.matches(RecordFilter.record(fields: side.fields, key: key)) else { continue }
                }
                matchedAny = true
                let group = side.groups[key]!
                let value = group.percentile(budget.percentile)
                let status: BudgetResult.Status =
                    group.summary.n < minSamples ? .insufficient : (budget.allows(value) ? .passed : .failed)
                results.append(BudgetResult(budget: index, key: key, n: group.summary.n, valueMs: value, status: status))
            }
            if !matchedAny { unmatched.append(index) }
        }
        let rank: [BudgetResult.Status: Int] = [.failed: 0, .insufficient: 1, .passed: 2]
        results.sort { a, b in
            if a.status != b.status { return rank[a.status]! < rank[b.status]! }
            if a.budget != b.budget { return a.budget < b.budget }
            return a.key < b.key
        }
        return (results, unmatched)
    }
}
