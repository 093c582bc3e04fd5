/// A field path as written in a query: `http.status`, `tags[0]`, `["user-agent"]`, `tags[*]`.
package struct QueryPath: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// One step: a key (with whether it was written after a dot), an array index, or `[*]`,
    /// any element of an array (only in filter expressions; see `Grammar.md`).
    package enum Component: Equatable, Hashable, Sendable {
        case key(String, dotted: Bool)
        case index(Int)
        case anyElement
    }

    package var components: [Component]
    package var range: SourceRange
    /// Functions written around the path, outermost first: `lower(msg)` is `[.lower]` around
    /// `msg`, `lower(message())` is `[.lower, .message]` around no components.
    package var functions: [PathFunction]

    package init(_ components: [Component], range: SourceRange, functions: [PathFunction] = []) {
        self.components = components
        self.range = range
        self.functions = functions
    }

    /// The outermost function, nil for a plain path.
    package var function: PathFunction? { functions.first }

    /// The path without its outermost function (`msg` for `lower(msg)`).
    package var argument: QueryPath {
        QueryPath(components, range: range, functions: Array(functions.dropFirst()))
    }

    /// The path in canonical query syntax; used as a default column name.
    package var description: String {
        functions.reversed().reduce(plainDescription) { inner, function in function.rawValue + "(" + inner + ")" }
    }

    /// The components alone in query syntax.
    private var plainDescription: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let name, let dotted):
                if dotted && Self.isBareName(name) {
                    if !text.isEmpty { text += "." }
                    text += name
                } else {
                    text += "[" + Self.quoted(name) + "]"
                }
            case .index(let i):
                text += "[\(i)]"
            case .anyElement:
                text += "[*]"
            }
        }
        return text
    }

    /// Whether the path holds `[*]`, so it names many values of a record, not one.
    package var hasWildcard: Bool { components.contains(.anyElement) }

    /// The path cut at each `[*]`: the steps before the first, then those between each `[*]` and
    /// the next (or the end). A path without `[*]` is one segment.
    package var segments: [[Component]] {
        components.split(separator: .anyElement, omittingEmptySubsequences: false).map(Array.init)
    }

    package static func == (a: QueryPath, b: QueryPath) -> Bool { a.components == b.components && a.functions == b.functions }
    package func hash(into hasher: inout Hasher) {
        hasher.combine(components)
        hasher.combine(functions)
    }

    /// Whether the lexer reads `name` as one field name (not a keyword), so it needs no quotes.
    package static func isBareName(_ name: String) -> Bool {
        guard let first = name.utf8.first else { return false }
        let isStart = { (c: UInt8) in
            (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F || c == 0x40 || c == 0x24 || c >= 0x80
        }
        return isStart(first) && name.utf8.allSatisfy { isStart($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
            && !Parser.reservedWords.contains(name)
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }
}
