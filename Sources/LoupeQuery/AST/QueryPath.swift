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

    package init(_ components: [Component], range: SourceRange) {
        self.components = components
        self.range = range
    }

    /// The path in canonical query syntax; used as a default column name.
    package var description: String {
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

    package static func == (a: QueryPath, b: QueryPath) -> Bool { a.components == b.components }
    package func hash(into hasher: inout Hasher) { hasher.combine(components) }

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
