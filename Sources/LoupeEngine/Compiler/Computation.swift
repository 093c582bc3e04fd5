import LoupeJSON
import LoupeQuery

/// A compiled value (`ValueExpression`): paths replaced by slots, constants decoded once.
///
/// The evaluator computes it per record or per row (`RecordEvaluator.compute`) into a
/// `Scalar`; the rules of each operator and function are written in `Grammar.md`.
package indirect enum Computation: Sendable {
    /// A slot's value; `unitScale` is the unit (ns per unit) its field's name says, used when
    /// a number there meets a duration (`duration_ms + 5ms`).
    case slot(Int, unitScale: Double?)
    case constant(Scalar)
    case negate(Computation)
    case binary(ValueExpression.ArithmeticOperator, Computation, Computation)
    case call(ValueExpression.ValueFunction, [Computation])

    /// The slot when the value is a plain path (the fast path of comparisons and aggregates).
    var plainSlot: Int? {
        if case .slot(let slot, _) = self { return slot }
        return nil
    }
}

/// A value the evaluator computed, or found at a slot.
///
/// Missing and null are kept apart only for `exists`-like uses; arithmetic treats both as
/// null. Strings and JSON values from a record stay where they are (`found`, offsets from the
/// evaluation's base); only a query's own string constants carry bytes.
package enum Scalar: Sendable {
    case missing
    case null
    case bool(Bool)
    case number(NumberValue, unitScale: Double?)
    /// Nanoseconds.
    case duration(Double)
    /// Nanoseconds since the epoch (an unquoted timestamp constant).
    case timestamp(Int64)
    /// A string constant's bytes.
    case text([UInt8])
    /// A string, object or array value at a slot (a number there reads as `.number`).
    case found(ValueSlot)

    package static func number(_ n: NumberValue) -> Scalar { .number(n, unitScale: nil) }
}
