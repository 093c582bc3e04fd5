/// What a value is known to be before any record is read, and the type errors that are
/// knowable from literals alone (`"a" + 1` is an error with a caret under the `+`; `msg + 1`
/// is null at run time for a record whose `msg` is not a number).
package enum ValueKind: String, Equatable, Sendable {
    case number, duration, string, bool, null, timestamp

    /// How an error message names it: "a number", "null".
    var phrase: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        default: return "a " + rawValue
        }
    }

    /// Whether arithmetic takes it (as an operand, not only as a result).
    var isArithmetic: Bool { self == .number || self == .duration }
}

extension ValueExpression.ArithmeticOperator {
    /// The kind of `a op b` where `a` and `b` are numbers or durations, nil where the operator
    /// does not apply (null at run time). The one table both the parser's check and the
    /// engine's evaluation follow: numbers with numbers; a duration plus or minus a duration;
    /// a duration times a number (either way round); a duration divided by a number; a
    /// duration divided by a duration, which is a number; a duration modulo a duration.
    package func result(_ a: ValueKind, _ b: ValueKind) -> ValueKind? {
        switch (self, a, b) {
        case (_, .number, .number): return .number
        case (.add, .duration, .duration), (.subtract, .duration, .duration), (.remainder, .duration, .duration): return .duration
        case (.multiply, .duration, .number), (.multiply, .number, .duration), (.divide, .duration, .number): return .duration
        case (.divide, .duration, .duration): return .number
        default: return nil
        }
    }

    /// "cannot add a string and a number", "cannot subtract a duration from a number".
    func message(_ a: ValueKind, _ b: ValueKind?) -> String {
        let (verb, joiner) = phrase
        guard let b else { return "cannot \(verb) \(a.phrase) (arithmetic takes numbers and durations)" }
        return self == .subtract ? "cannot subtract \(b.phrase) from \(a.phrase)" : "cannot \(verb) \(a.phrase) \(joiner) \(b.phrase)"
    }
}

extension ValueExpression {
    /// The kind the value has whenever it is not null, where that is known without a record:
    /// constants, and arithmetic whose result kind the operands decide (`duration_ms + 5ms` is
    /// a duration, `errors / n` is not known: a field may hold a duration string).
    package var knownKind: ValueKind? {
        switch self {
        case .path: return nil
        case .literal(let literal, _): return Self.kind(of: literal)
        case .negate(let operand, _): return operand.knownKind
        case .binary(let op, let a, let b, _):
            switch (a.knownKind, b.knownKind) {
            case (let x?, let y?): return op.result(x, y)
            case (.duration?, nil), (nil, .duration?):
                // Whatever the other operand is, a result that is not null is a duration,
                // except for a division, whose kind the divisor decides.
                return op == .divide ? nil : .duration
            default: return nil
            }
        case .call(let function, let arguments, _):
            switch function {
            case .len, .round, .floor, .ceil: return .number
            case .abs: return arguments.first?.knownKind
            case .coalesce:
                let kinds = arguments.map(\.knownKind)
                guard let first = kinds.first, kinds.allSatisfy({ $0 == first }) else { return nil }
                return first
            }
        }
    }

    /// A literal's kind as arithmetic reads it: a string that holds a number is a number, one
    /// that holds a duration (`"250ms"`) a duration.
    package static func kind(of literal: Literal) -> ValueKind {
        switch literal {
        case .number: return .number
        case .duration: return .duration
        case .bool: return .bool
        case .null: return .null
        case .timestamp: return .timestamp
        case .string(let text):
            if NumberLiteral(text) != nil, text.utf8.allSatisfy({ !$0.isLetter || $0 | 0x20 == UInt8(ascii: "e") }) {
                return .number
            }
            return Self.isDurationText(text) ? .duration : .string
        }
    }

    /// `250ms`, `1.5s`: a number and a unit the lexer knows.
    static func isDurationText(_ text: String) -> Bool {
        guard let unitStart = text.firstIndex(where: { $0.isLetter || $0 == "µ" }), unitStart != text.startIndex else { return false }
        return NumberLiteral(String(text[..<unitStart])) != nil && Lexer.durationUnits[String(text[unitStart...])] != nil
    }

    /// Throws the type error of a node whose operands are parsed (their own errors thrown
    /// already): an operand known not to be a number or a duration, a pair the operator does
    /// not take, a function argument of the wrong kind.
    func checkKinds() throws(QueryError) {
        switch self {
        case .path, .literal:
            return
        case .negate(let operand, let range):
            try Self.checkOneValue(operand)
            if let kind = operand.knownKind, !kind.isArithmetic {
                throw QueryError("cannot negate \(kind.phrase)", at: SourceRange(range.start, range.start + 1))
            }
        case .binary(let op, let a, let b, let operatorRange):
            try Self.checkOneValue(a)
            try Self.checkOneValue(b)
            let (x, y) = (a.knownKind, b.knownKind)
            if let x, !x.isArithmetic { throw QueryError(op.message(x, y), at: operatorRange) }
            if let y, !y.isArithmetic {
                throw QueryError(x.map { op.message($0, y) } ?? op.message(y, nil), at: operatorRange)
            }
            if let x, let y, op.result(x, y) == nil { throw QueryError(op.message(x, y), at: operatorRange) }
        case .call(let function, let arguments, let range):
            for argument in arguments { try Self.checkOneValue(argument) }
            let name = SourceRange(range.start, range.start + function.rawValue.utf8.count)
            guard let kind = arguments.first?.knownKind else { return }
            switch function {
            case .round, .floor, .ceil:
                if kind != .number { throw QueryError("\(function.rawValue)() takes a number, not \(kind.phrase)", at: name) }
            case .abs:
                if !kind.isArithmetic { throw QueryError("abs() takes a number or a duration, not \(kind.phrase)", at: name) }
            case .len:
                if kind != .string { throw QueryError("len() takes a string or an array, not \(kind.phrase)", at: name) }
            case .coalesce:
                break
            }
        }
    }

    /// A computed value reads one value per path: `[*]` is refused inside it.
    private static func checkOneValue(_ operand: ValueExpression) throws(QueryError) {
        if case .path(let path) = operand, path.hasWildcard {
            throw QueryError(
                "[*] (any element) works only in a filter test on a plain path; arithmetic and functions take one value (use an index like [0])",
                at: path.range)
        }
    }
}

extension UInt8 {
    fileprivate var isLetter: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") }
}
