import LoupeJSON
import LoupeQuery

/// Comparisons of computed values (`Predicate.computed`), and computed values as the cells
/// of result rows.
extension RecordEvaluator {
    /// `a OP b` on computed values, by the rules of comparisons (DESIGN section 4): missing is
    /// null; null and booleans are equal or not, never ordered; a number compares with a
    /// number or a string holding one; durations with durations, strings holding one, and
    /// numbers whose field names their unit; strings with strings, byte by byte. Anything else
    /// is unequal and unordered.
    mutating func compareComputed(
        _ a: Computation, _ comparison: Predicate.Comparison, _ b: Computation, _ slots: UnsafeBufferPointer<ValueSlot>,
        _ base: UnsafePointer<UInt8>
    ) -> Bool {
        let x = compute(a, slots, base)
        let y = compute(b, slots, base)
        guard let (c, ordered) = order(x, y, base) else { return comparison == .notEqual }
        switch comparison {
        case .equal: return c == 0
        case .notEqual: return c != 0
        case .less: return ordered && c < 0
        case .lessOrEqual: return ordered && c <= 0
        case .greater: return ordered && c > 0
        case .greaterOrEqual: return ordered && c >= 0
        }
    }

    /// Three-way order and whether the kinds are ordered at all; nil when not comparable.
    private mutating func order(_ x: Scalar, _ y: Scalar, _ base: UnsafePointer<UInt8>) -> (Int, Bool)? {
        switch (x, y) {
        case (.missing, .missing), (.missing, .null), (.null, .missing), (.null, .null):
            return (0, false)
        case (.missing, _), (.null, _), (_, .missing), (_, .null):
            return nil
        case (.bool(let p), .bool(let q)):
            return p == q ? (0, false) : nil
        case (.number(let m, _), .number(let n, _)):
            return NumberValue.compare(m, n).map { ($0, true) }
        case (.number(let m, _), .found(let s)), (.found(let s), .number(let m, _)):
            guard s.kind == .string, case .number(let n, _) = arithmetic(.found(s), base), let c = NumberValue.compare(m, n) else {
                return nil
            }
            if case .number = x { return (c, true) }
            return (-c, true)
        case (.duration, _), (_, .duration):
            var left = x
            var right = y
            if case .duration = left {} else { left = asDuration(left, base) }
            if case .duration = right {} else { right = asDuration(right, base) }
            guard case .duration(let d) = left, case .duration(let e) = right else { return nil }
            if d < e { return (-1, true) }
            if d > e { return (1, true) }
            return d == e ? (0, true) : nil
        case (.timestamp(let t), .found(let s)), (.found(let s), .timestamp(let t)):
            guard s.kind == .string, let u = withString(s, base, { Timestamp.parseText($0, $1) }) else { return nil }
            let c = u < t ? -1 : (u == t ? 0 : 1)
            if case .timestamp = x { return (-c, true) }
            return (c, true)
        case (.timestamp(let t), .timestamp(let u)):
            return (t < u ? -1 : (t == u ? 0 : 1), true)
        case (.found, .found), (.found, .text), (.text, .found), (.text, .text):
            guard let p = stringBytes(x, base), let q = stringBytes(y, base) else { return nil }
            return (p.lexicographicallyPrecedes(q) ? -1 : (p == q ? 0 : 1), true)
        default:
            return nil
        }
    }

    /// A number whose field names its unit, or a string holding a duration, as a duration.
    private mutating func asDuration(_ value: Scalar, _ base: UnsafePointer<UInt8>) -> Scalar {
        switch value {
        case .number(let n, let scale?): return .duration(n.nanoseconds(unit: scale))
        case .found(let s) where s.kind == .string:
            return withString(s, base) { p, n in DurationText.parse(p, n).map(Scalar.duration) ?? .null }
        case .text(let bytes):
            return bytes.withUnsafeBufferPointer { b in
                b.baseAddress.flatMap { DurationText.parse($0, b.count) }.map(Scalar.duration) ?? .null
            }
        default: return .null
        }
    }

    /// A string's decoded bytes (a copy: two strings may each need the decoding scratch).
    private mutating func stringBytes(_ value: Scalar, _ base: UnsafePointer<UInt8>) -> [UInt8]? {
        switch value {
        case .text(let bytes): return bytes
        case .found(let s) where s.kind == .string: return withString(s, base) { Array(UnsafeBufferPointer(start: $0, count: $1)) }
        default: return nil
        }
    }
}

extension RecordEvaluator {
    /// A computed value as a cell of a result row: durations in nanoseconds where the column
    /// has that unit, else as duration text (`"1500ms"`); a timestamp as RFC 3339.
    mutating func rowValue(_ value: Scalar, _ base: UnsafePointer<UInt8>, durationsAsNumbers: Bool) -> RowValue {
        switch value {
        case .missing, .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n, _): return .number(n)
        case .duration(let ns):
            return durationsAsNumbers ? .number(NumberValue(nearest: ns)) : .string(DurationText.literal(nanoseconds: ns))
        case .timestamp(let ns): return .string(Timestamp.format(ns))
        case .text(let bytes): return .string(String(decoding: bytes, as: UTF8.self))
        case .found(let slot): return RowValue(slot, base)
        }
    }
}
