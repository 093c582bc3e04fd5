/// A path to a value inside a JSON record: object keys and array indexes, outermost first.
package struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    /// One step of a path.
    package enum Component: Hashable, Sendable {
        /// An object key; `dotted` is true when it was written after a `.` (or first), so that it
        /// may join its neighbours into one key that contains dots.
        case key(String, dotted: Bool)
        case index(Int)
    }

    package var components: [Component]

    package init(_ components: [Component]) {
        self.components = components
    }

    /// A path of plain dotted keys, as in `http.status`.
    package init(dotted: String) {
        components = dotted.split(separator: ".", omittingEmptySubsequences: false).map { .key(String($0), dotted: true) }
    }

    /// The path as a user writes it: `http.status`, `tags[0]`, `headers["user-agent"]`.
    package var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let name, let dotted):
                if dotted && Self.isPlainName(name) {
                    if !text.isEmpty { text += "." }
                    text += name
                } else {
                    text += "[\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"]"
                }
            case .index(let i): text += "[\(i)]"
            }
        }
        return text
    }

    /// Whether a name can be written bare in a path.
    package static func isPlainName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(first >= 0x30 && first <= 0x39) else { return false }
        return name.utf8.allSatisfy { b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x40 || b == 0x24
                || b >= 0x80
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
