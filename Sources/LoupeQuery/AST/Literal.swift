/// A constant in a query: the right-hand side of a comparison or a member of an `in` list.
package enum Literal: Equatable, Hashable, Sendable, CustomStringConvertible {
    case string(String)
    /// A number, as written (the engine reads its exact value).
    case number(NumberLiteral)
    case bool(Bool)
    case null
    /// A duration in nanoseconds (`250ms`).
    case duration(Double)
    /// An unquoted RFC 3339 timestamp, as written.
    case timestamp(String)

    package var description: String {
        switch self {
        case .string(let s): return QueryPath.quoted(s)
        case .number(let n): return n.text
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .duration(let ns): return Literal.formatDuration(ns)
        case .timestamp(let text): return text
        }
    }

    /// The shortest exact spelling of a duration in the largest whole unit.
    package static func formatDuration(_ ns: Double) -> String {
        let units: [(String, Double)] = [("d", 86400e9), ("h", 3600e9), ("m", 60e9), ("s", 1e9), ("ms", 1e6), ("us", 1e3)]
        for (unit, scale) in units where ns != 0 && abs(ns) >= scale && (ns / scale).rounded() == ns / scale {
            return Token.format(ns / scale) + unit
        }
        return Token.format(ns) + "ns"
    }
}
