/// An expression in canonical query syntax: the default column name of a conditional count
/// (`count(level() >= "error")`).
extension Expression: CustomStringConvertible {
    package var description: String {
        switch self {
        case .all: return "*"
        case .and(let a, let b): return "\(a.operand(of: 2)) and \(b.operand(of: 2))"
        case .or(let a, let b): return "\(a) or \(b)"
        case .not(let inner, _): return "not \(inner.operand(of: 3))"
        case .compare(let path, let op, let literal, _): return "\(path) \(op.rawValue) \(literal)"
        case .compareValues(let a, let op, let b, _): return "\(a) \(op.rawValue) \(b)"
        case .regex(let path, let pattern, let negated, _):
            let slashed = pattern.source.split(separator: "/", omittingEmptySubsequences: false).joined(separator: "\\/")
            return "\(path) \(negated ? "!~" : "~") /\(slashed)/\(pattern.flags)"
        case .member(let path, let values, _):
            return "\(path) in [" + values.map(\.description).joined(separator: ", ") + "]"
        case .function(let function, let path, let argument, _):
            return "\(function.rawValue)(\(path)" + (argument.map { ", " + QueryPath.quoted($0) } ?? "") + ")"
        }
    }

    /// The text with parentheses when it binds looser than an operator of `precedence`
    /// (1 or, 2 and, 3 not).
    private func operand(of precedence: Int) -> String {
        switch self {
        case .or where precedence > 1, .and where precedence > 2: return "(\(self))"
        default: return description
        }
    }
}
