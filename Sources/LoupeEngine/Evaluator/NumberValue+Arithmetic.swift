import Glibc
import LoupeJSON
import LoupeQuery

/// Arithmetic on numbers: exact on integers while the result fits Int64 (so sums and
/// differences of 19-digit ids keep every digit), doubles once an operand is one or the result
/// would overflow. A division by zero, a remainder by zero and a result that is no finite
/// double are nil (null to the query).
extension NumberValue {
    static func apply(_ op: ValueExpression.ArithmeticOperator, _ a: NumberValue, _ b: NumberValue) -> NumberValue? {
        if case .integer(let x) = a, case .integer(let y) = b {
            switch op {
            case .add:
                let (r, overflow) = x.addingReportingOverflow(y)
                if !overflow { return .integer(r) }
            case .subtract:
                let (r, overflow) = x.subtractingReportingOverflow(y)
                if !overflow { return .integer(r) }
            case .multiply:
                let (r, overflow) = x.multipliedReportingOverflow(by: y)
                if !overflow { return .integer(r) }
            case .divide:
                if y == 0 { return nil }
                // Whole quotients stay exact; others are the nearest double of the quotient.
                let (q, overflow) = x.dividedReportingOverflow(by: y)
                if !overflow, x % y == 0 { return .integer(q) }
            case .remainder:
                if y == 0 { return nil }
                let (r, overflow) = x.remainderReportingOverflow(dividingBy: y)
                return .integer(overflow ? 0 : r)
            }
        }
        let (x, y) = (a.doubleValue, b.doubleValue)
        let r: Double
        switch op {
        case .add: r = x + y
        case .subtract: r = x - y
        case .multiply: r = x * y
        case .divide:
            if y == 0 { return nil }
            r = x / y
        case .remainder:
            if y == 0 { return nil }
            r = fmod(x, y)
        }
        return r.isFinite ? .double(r) : nil
    }

    /// `-x`; `-Int64.min` is a double.
    var negated: NumberValue {
        switch self {
        case .integer(let i): return i == .min ? .double(-Double(i)) : .integer(-i)
        case .double(let d): return .double(-d)
        }
    }
}
