import Glibc
import LoupeJSON
import LoupeQuery

/// The functions of values (Grammar.md, "Arithmetic"): `coalesce`, `len`, `round`, `floor`,
/// `ceil`, `abs`. Each is null where its argument is not what it takes, never an error.
extension RecordEvaluator {
    mutating func call(
        _ function: ValueExpression.ValueFunction, _ arguments: [Computation], _ slots: UnsafeBufferPointer<ValueSlot>,
        _ base: UnsafePointer<UInt8>
    ) -> Scalar {
        switch function {
        case .coalesce:
            for argument in arguments {
                let value = compute(argument, slots, base)
                switch value {
                case .missing, .null: continue
                default: return value
                }
            }
            return .null
        case .len:
            switch compute(arguments[0], slots, base) {
            case .found(let slot) where slot.kind == .string:
                return .number(withString(slot, base) { p, n in NumberValue(Self.characterCount(p, n)) })
            case .found(let slot) where slot.kind == .array:
                var count = 0
                _ = JSONElements.contains(slot, in: base) { _ in
                    count += 1
                    return false
                }
                return .number(NumberValue(count))
            case .text(let bytes):
                return .number(
                    bytes.withUnsafeBufferPointer { b in NumberValue(b.baseAddress.map { Self.characterCount($0, b.count) } ?? 0) })
            default:
                return .null
            }
        case .abs:
            switch arithmetic(compute(arguments[0], slots, base), base) {
            case .number(let n, _): return .number(n.magnitudeValue)
            case .duration(let d): return .duration(Swift.abs(d))
            default: return .null
            }
        case .round, .floor, .ceil:
            guard case .number(let n, _) = arithmetic(compute(arguments[0], slots, base), base) else { return .null }
            var digits = 0
            if arguments.count == 2, case .constant(.number(.integer(let d), _)) = arguments[1] { digits = Int(d) }
            return .number(n.rounded(function == .round ? .toNearestOrAwayFromZero : (function == .floor ? .down : .up), digits: digits))
        }
    }

    /// Characters as Swift counts them (grapheme clusters); ASCII text byte by byte.
    private static func characterCount(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        let bytes = UnsafeBufferPointer(start: p, count: n)
        if bytes.allSatisfy({ $0 < 0x80 }) { return n }
        return String(decoding: bytes, as: UTF8.self).count
    }
}

extension NumberValue {
    /// `abs(x)`; `abs(Int64.min)` is a double.
    var magnitudeValue: NumberValue {
        switch self {
        case .integer(let i): return i == .min ? .double(-Double(i)) : .integer(Swift.abs(i))
        case .double(let d): return .double(Swift.abs(d))
        }
    }

    /// Rounded to `digits` decimals (negative: to tens, hundreds, ...). Integers stay exact
    /// for digits >= 0; a double whose result is whole (and at most 2^53) becomes that
    /// integer, so `round(2.5)` groups with 3.
    func rounded(_ rule: FloatingPointRoundingRule, digits: Int) -> NumberValue {
        switch self {
        case .integer(let i):
            guard digits < 0 else { return self }
            // A power of ten as a double: 10^19 and beyond overflow Int64 (`round(x, -25)`).
            let scale = pow(10.0, Double(-digits))
            let r = (Double(i) / scale).rounded(rule) * scale
            // Exact where the quotient is: |i| below 2^53 (`magnitude`: `abs(Int64.min)` traps).
            if i.magnitude < 1 << 53 { return NumberValue(nearest: r) }
            return .double(r)
        case .double(let d):
            let scale = pow(10.0, Double(digits))
            let r = digits == 0 ? d.rounded(rule) : (d * scale).rounded(rule) / scale
            guard r.isFinite else { return self }
            return digits <= 0 ? NumberValue(nearest: r) : .double(r)
        }
    }
}
