import LoupeJSON

/// A compiled filter: paths replaced by slot numbers, literals pre-encoded, regexes compiled.
package indirect enum Predicate: Sendable {
    case all
    case and(Predicate, Predicate)
    case or(Predicate, Predicate)
    case not(Predicate)
    case compare(slot: Int, Comparison, Operand)
    /// Two computed values compared (`duration_ms / 1000 > 2`); see `RecordEvaluator.compute`.
    case computed(Computation, Comparison, Computation)
    /// `~` (or `!~` when negated); `regex` indexes `Program.regexes`.
    case regex(slot: Int, regex: Int, negated: Bool)
    case member(slot: Int, [Operand])
    case exists(slot: Int)
    case contains(slot: Int, [UInt8])
    case startsWith(slot: Int, [UInt8])
    case endsWith(slot: Int, [UInt8])
    /// A test on `path[*]...`: true when any element reached from the array in `slot` through
    /// `Program.elementPaths[path]` passes `test`, which reads that element in `slot`.
    case anyElement(slot: Int, path: Int, test: Predicate)

    /// The comparison operators, evaluated after a three-way comparison.
    package enum Comparison: Sendable, Equatable {
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual

        /// The operator as a query writes it.
        package var symbol: String {
            switch self {
            case .equal: return "=="
            case .notEqual: return "!="
            case .less: return "<"
            case .lessOrEqual: return "<="
            case .greater: return ">"
            case .greaterOrEqual: return ">="
            }
        }
    }
}

/// A duration literal met a bare number in a field whose name does not say its unit, so the
/// comparison could not be made: the field's slot and the first such comparison, for the
/// message that says why nothing matched.
package struct BareDuration: Sendable, Equatable {
    package var slot: Int
    package var comparison: Predicate.Comparison
    package var nanoseconds: Double
}

/// The right-hand side of a comparison, in the form the evaluator compares fastest.
package enum Operand: Sendable {
    /// A string's UTF-8 bytes, and its value when the string holds a JSON number.
    case string([UInt8])
    /// A number literal's exact value (see `NumberValue`).
    case number(NumberValue)
    case bool(Bool)
    case null
    /// Nanoseconds; `fieldScale` is the unit (ns per unit) of a numeric field, from its name.
    case duration(Double, fieldScale: Double?)
    /// Nanoseconds since the epoch.
    case timestamp(Int64)
}
