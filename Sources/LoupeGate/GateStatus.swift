/// A group's verdict, in the order reports list them (TRACE-SEMANTICS section 6).
package enum GateStatus: String, Sendable, CaseIterable, Comparable {
    case regression
    case improvement
    case unchanged
    case insufficient
    case onlyBase = "only_base"
    case onlyCur = "only_cur"

    /// The position in the report: regressions first, groups present on one side only last.
    package var order: Int {
        switch self {
        case .regression: return 0
        case .improvement: return 1
        case .unchanged: return 2
        case .insufficient: return 3
        case .onlyBase: return 4
        case .onlyCur: return 5
        }
    }

    package static func < (a: GateStatus, b: GateStatus) -> Bool { a.order < b.order }
}
