import Glibc
import LoupeJSON
import LoupeQuery

/// The comparison rules of DESIGN section 4: missing behaves as null; a number literal
/// compares numerically with a string holding a JSON number; a string literal never equals a
/// number; other mixed types are never equal and never ordered. Numbers compare by exact value:
/// integers in Int64's range are never rounded through a double.
extension RecordEvaluator {
    @inline(__always)
    mutating func compare(
        _ value: ValueSlot, _ base: UnsafePointer<UInt8>, _ comparison: Predicate.Comparison, _ operand: Operand, slot: Int
    ) -> Bool {
        switch operand {
        case .null, .bool:
            // Equality-only types: `<`, `<=`, `>`, `>=` are false even between equal values.
            if comparison != .equal && comparison != .notEqual { return false }
        default:
            break
        }
        switch order(value, base, operand, comparison, slot: slot) {
        case .some(let c):
            switch comparison {
            case .equal: return c == 0
            case .notEqual: return c != 0
            case .less: return c < 0
            case .lessOrEqual: return c <= 0
            case .greater: return c > 0
            case .greaterOrEqual: return c >= 0
            }
        case .none:
            // Not comparable: unequal, and unordered.
            return comparison == .notEqual
        }
    }

    /// Three-way comparison of the value with the operand, or nil when they cannot be compared.
    /// Equality-only types (null, booleans) return 0 or nil, so they are never ordered.
    private mutating func order(
        _ value: ValueSlot, _ base: UnsafePointer<UInt8>, _ operand: Operand, _ comparison: Predicate.Comparison, slot: Int
    ) -> Int? {
        switch operand {
        case .null:
            return value.kind == .null || value.kind == .missing ? 0 : nil
        case .bool(let b):
            guard value.kind == .true || value.kind == .false else { return nil }
            return (value.kind == .true) == b ? 0 : nil
        case .number(let n):
            guard let x = numericValue(value, base) else { return nil }
            // Two integers, the common case (`status >= 500`), without a call.
            if case .integer(let a) = x, case .integer(let b) = n { return a < b ? -1 : (a == b ? 0 : 1) }
            return NumberValue.compare(x, n)
        case .string(let literal):
            guard value.kind == .string else { return nil }
            return withString(value, base) { start, count in
                literal.withUnsafeBufferPointer { l in
                    let common = min(count, l.count)
                    let c = common == 0 ? 0 : memcmp(start, l.baseAddress!, common)
                    if c != 0 { return c < 0 ? -1 : 1 }
                    return count == l.count ? 0 : (count < l.count ? -1 : 1)
                }
            }
        case .duration(let ns, let fieldScale):
            switch value.kind {
            case .number:
                guard let fieldScale else {
                    noteBareDuration(slot, comparison, ns)
                    return nil
                }
                let text = UnsafeBufferPointer(start: base + value.start, count: value.end - value.start)
                guard let x = DurationScaling.nanoseconds(text, unit: UInt64(fieldScale)) else { return nil }
                return threeWay(x, ns)
            case .string:
                guard let x = withString(value, base, { DurationText.parse($0, $1) }) else { return nil }
                return threeWay(x, ns)
            default:
                return nil
            }
        case .timestamp(let ns):
            switch value.kind {
            case .number:
                guard let t = Timestamp.fromEpoch(text: base + value.start, count: value.end - value.start) else { return nil }
                return t < ns ? -1 : (t == ns ? 0 : 1)
            case .string:
                guard let t = withString(value, base, { Timestamp.parseText($0, $1) }) else { return nil }
                return t < ns ? -1 : (t == ns ? 0 : 1)
            default:
                return nil
            }
        }
    }

    /// A JSON number, or a string whose whole (decoded) text is a JSON number.
    @inline(__always)
    mutating func numericValue(_ value: ValueSlot, _ base: UnsafePointer<UInt8>) -> NumberValue? {
        switch value.kind {
        case .number:
            return JSONNumber.value(base + value.start, base + value.end)
        case .string where !value.escaped && JSONNumber.isNumber(base + value.start, base + value.end):
            return JSONNumber.value(base + value.start, base + value.end)
        case .string where value.escaped:
            // Comparisons see decoded values: "5\u00303" holds 503.
            return withString(value, base) { p, n in JSONNumber.isNumber(p, p + n) ? JSONNumber.value(p, p + n) : nil }
        default:
            return nil
        }
    }

    /// Remembers the first comparison of a field that met a bare number (a short list, read
    /// only on this path).
    @inline(never)
    private mutating func noteBareDuration(_ slot: Int, _ comparison: Predicate.Comparison, _ ns: Double) {
        guard !bareDurations.contains(where: { $0.slot == slot }) else { return }
        bareDurations.append(BareDuration(slot: slot, comparison: comparison, nanoseconds: ns))
    }

    @inline(__always)
    private func threeWay(_ a: Double, _ b: Double) -> Int? {
        if a < b { return -1 }
        if a > b { return 1 }
        if a == b { return 0 }
        return nil
    }
}
