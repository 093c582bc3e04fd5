import Glibc
import LoupeJSON
import LoupeQuery

/// Computed values (Grammar.md, "Arithmetic"): evaluated per record or row from the slots,
/// never failing. An operand that is missing, null, a boolean, a non-numeric string, an object
/// or an array makes the operation null; so does a division or a remainder by zero. Numbers
/// and strings that hold a JSON number are numbers; strings that hold a duration (`"804ms"`)
/// are durations; a number whose field names its unit (`duration_ms`) is that duration where
/// it meets a duration in `+`, `-`, `/` or `%`.
extension RecordEvaluator {
    /// The value of `computation` for the record or row whose values are `slots` over `base`.
    mutating func compute(_ computation: Computation, _ slots: UnsafeBufferPointer<ValueSlot>, _ base: UnsafePointer<UInt8>) -> Scalar {
        switch computation {
        case .slot(let slot, let unitScale):
            return scalar(slots[slot], base, unitScale: unitScale)
        case .constant(let value):
            return value
        case .negate(let inner):
            switch arithmetic(compute(inner, slots, base), base) {
            case .number(let n, _): return .number(n.negated)
            case .duration(let d): return .duration(-d)
            default: return .null
            }
        case .binary(let op, let a, let b):
            return apply(op, compute(a, slots, base), compute(b, slots, base), base)
        case .call(let function, let arguments):
            return call(function, arguments, slots, base)
        }
    }

    /// A slot's value: numbers decoded (exactly), other values left where they are.
    @inline(__always)
    func scalar(_ value: ValueSlot, _ base: UnsafePointer<UInt8>, unitScale: Double?) -> Scalar {
        switch value.kind {
        case .missing: return .missing
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .number: return .number(JSONNumber.value(base + value.start, base + value.end), unitScale: unitScale)
        case .string, .object, .array: return .found(value)
        }
    }

    /// The value as an operand of arithmetic: a number or a duration, else null.
    mutating func arithmetic(_ value: Scalar, _ base: UnsafePointer<UInt8>) -> Scalar {
        switch value {
        case .number, .duration:
            return value
        case .found(let slot) where slot.kind == .string:
            return withString(slot, base) { p, n in Self.reading(p, n) }
        case .text(let bytes):
            return bytes.withUnsafeBufferPointer { b in b.baseAddress.map { Self.reading($0, b.count) } ?? .null }
        default:
            return .null
        }
    }

    /// A string read as a number or a duration, as comparisons read strings.
    private static func reading(_ p: UnsafePointer<UInt8>, _ n: Int) -> Scalar {
        if JSONNumber.isNumber(p, p + n) { return .number(JSONNumber.value(p, p + n)) }
        if let ns = DurationText.parse(p, n) { return .duration(ns) }
        return .null
    }

    /// `a op b` by `ArithmeticOperator.result`'s table.
    mutating func apply(_ op: ValueExpression.ArithmeticOperator, _ a: Scalar, _ b: Scalar, _ base: UnsafePointer<UInt8>) -> Scalar {
        var x = arithmetic(a, base)
        var y = arithmetic(b, base)
        if case .number(let m, _) = x, case .number(let n, _) = y {
            return NumberValue.apply(op, m, n).map(Scalar.number) ?? .null
        }
        // A number whose field says its unit, met by a duration: that duration.
        if op != .multiply {
            if case .number(let n, let scale?) = x, case .duration = y { x = .duration(n.nanoseconds(unit: scale)) }
            if case .duration = x, case .number(let n, let scale?) = y { y = .duration(n.nanoseconds(unit: scale)) }
        }
        let result: Scalar
        switch (x, y) {
        case (.duration(let d), .duration(let e)):
            switch op {
            case .add: result = .duration(d + e)
            case .subtract: result = .duration(d - e)
            case .remainder: result = e == 0 ? .null : .duration(fmod(d, e))
            case .divide: result = e == 0 || !(d / e).isFinite ? .null : .number(NumberValue(nearest: d / e))
            case .multiply: result = .null
            }
        case (.duration(let d), .number(let n, _)):
            switch op {
            case .multiply: result = .duration(d * n.doubleValue)
            case .divide: result = n.doubleValue == 0 ? .null : .duration(d / n.doubleValue)
            default: result = .null
            }
        case (.number(let n, _), .duration(let d)):
            result = op == .multiply ? .duration(d * n.doubleValue) : .null
        default:
            result = .null
        }
        if case .duration(let d) = result, !d.isFinite { return .null }
        return result
    }
}
