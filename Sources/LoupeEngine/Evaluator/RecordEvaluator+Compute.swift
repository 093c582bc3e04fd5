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
            if case .number(let n, let scale?) = x, case .duration = y { x = .duration(n.doubleValue * scale) }
            if case .duration = x, case .number(let n, let scale?) = y { y = .duration(n.doubleValue * scale) }
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

    // MARK: - Functions

    private mutating func call(
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

    // MARK: - Comparison

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
        case .number(let n, let scale?): return .duration(n.doubleValue * scale)
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
            var scale: Int64 = 1
            for _ in 0..<(-digits) { scale *= 10 }
            let d = Double(i) / Double(scale)
            let r = d.rounded(rule) * Double(scale)
            // Exact where the quotient is: |i| below 2^53.
            if Swift.abs(i) < 1 << 53 { return NumberValue(nearest: r) }
            return .double(r)
        case .double(let d):
            let scale = pow(10.0, Double(digits))
            let r = digits == 0 ? d.rounded(rule) : (d * scale).rounded(rule) / scale
            guard r.isFinite else { return self }
            return digits <= 0 ? NumberValue(nearest: r) : .double(r)
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
