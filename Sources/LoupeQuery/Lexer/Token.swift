/// One token of a query, with the exact text range it came from.
package struct Token: Equatable, Sendable {
    /// The token's class; literal payloads are decoded by the lexer.
    package enum Kind: Equatable, Sendable {
        case identifier(String)
        case string(String)
        case number(NumberLiteral)
        /// A number with a unit (`250ms`), in nanoseconds.
        case duration(Double)
        /// An unquoted RFC 3339 date or date-time, kept as text for the engine to interpret.
        case timestamp(String)
        case regex(pattern: String, flags: String)
        case op(String)
        case end
    }

    package var kind: Kind
    package var range: SourceRange

    package init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// How the token reads in an error message: `'>='`, `"error"`, `end of query`.
    package var display: String {
        switch kind {
        case .identifier(let name): return "'\(name)'"
        case .string(let s): return "\"\(s)\""
        case .number(let n): return "'\(n.text)'"
        case .duration: return "duration"
        case .timestamp(let text): return "'\(text)'"
        case .regex(let pattern, _): return "/\(pattern)/"
        case .op(let op): return "'\(op)'"
        case .end: return "end of query"
        }
    }

    static func format(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
    }
}
