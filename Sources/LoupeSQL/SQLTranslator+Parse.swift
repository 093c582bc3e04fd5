import LoupeQuery

/// `parse PATH with /REGEX/`: the first match of the regex in the string at PATH, each named
/// group a field holding the text it matched, as JSON string text; no match (or no string)
/// leaves every group missing (SQL NULL). RE2 picks the same submatches as PCRE2
/// (leftmost-first), so the groups are loupe's wherever the pattern translates at all
/// (`RegexTranslation`).
extension SQLTranslator {
    mutating func parse(_ path: QueryPath, _ pattern: Expression.Pattern, after relation: Relation) throws -> Relation {
        guard case .records = relation.shape else {
            // loupe refuses parse after a table before any SQL is written; this is not reached.
            throw TranslationError("parse works on records, before count, stats, fields or distinct", at: path.range)
        }
        let translated = try RegexTranslation.translate(pattern)
        let (regex, groups) = try Self.namedGroups(translated, pattern)
        let subject = try raw(path, in: relation)
        var selected: [String] = []
        var extras = relation.extras
        var made: [(String, String)] = []
        for (k, group) in groups.enumerated() {
            let column = "e\(steps.count)_\(k)"
            let r = names.next("r")
            let text = dialect.stringValue(r)
            let matched = "(\(dialect.isString(r)) AND \(dialect.search(text, dialect.literal(regex))))"
            let value = "(CASE WHEN \(matched) THEN \(dialect.jsonString(dialect.capture(text, regex, group: group.number))) END)"
            selected.append("\(dialect.bind(subject, as: r, in: value)) AS \(column)")
            extras.append(column)
            made.append((group.name, column))
        }
        let step = add(
            "SELECT \(relation.carried), \(selected.joined(separator: ", ")) FROM \(relation.name)", shape: .records,
            ordered: relation.ordered, extras: extras)
        for (name, column) in made { evalColumns[name] = (column, nil) }
        return step
    }

    /// The RE2 pattern with `(?<name>` written `(?P<name>` (the spelling every RE2 reads), and
    /// its named groups with their numbers. A named group that may take no part in a match
    /// (in an alternative, or under `?`, `*` or `{0,`) is refused: RE2's extraction gives ''
    /// for it, where loupe leaves the field missing.
    static func namedGroups(_ pattern: String, _ original: Expression.Pattern) throws -> (String, [(name: String, number: Int)]) {
        let chars = Array(pattern)
        var out = ""
        var groups: [(name: String, number: Int)] = []
        var optional = Set<Int>()
        // Open parentheses: the named groups opened inside each, whether an alternative began.
        var frames: [(named: [Int], alternation: Bool, number: Int?)] = [([], false, nil)]
        var count = 0
        var i = 0
        var inClass = false
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                if chars[i + 1] == "Q" {
                    var j = i + 2
                    while j + 1 < chars.count, !(chars[j] == "\\" && chars[j + 1] == "E") { j += 1 }
                    let end = min(j + 2, chars.count)
                    out += String(chars[i..<end])
                    i = end
                    continue
                }
                out += String(chars[i...(i + 1)])
                i += 2
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                out.append(c)
                i += 1
                continue
            }
            switch c {
            case "[":
                inClass = true
                out.append(c)
                // A ']' first in the class (after an optional '^') is literal.
                if i + 1 < chars.count, chars[i + 1] == "^" {
                    out.append("^")
                    i += 1
                }
                if i + 1 < chars.count, chars[i + 1] == "]" {
                    out.append("]")
                    i += 1
                }
                i += 1
            case "(":
                let rest = String(chars[(i + 1)...].prefix(3))
                var name: String?
                var skip = 1
                if rest.hasPrefix("?P<") || (rest.hasPrefix("?<") && !rest.hasPrefix("?<=") && !rest.hasPrefix("?<!")) || rest.hasPrefix("?'") {
                    let start = i + (rest.hasPrefix("?P<") ? 4 : 3)
                    let close: Character = rest.hasPrefix("?'") ? "'" : ">"
                    var j = start
                    while j < chars.count, chars[j] != close { j += 1 }
                    name = String(chars[start..<min(j, chars.count)])
                    skip = j + 1 - i
                }
                if let name {
                    count += 1
                    groups.append((name, count))
                    for f in frames.indices { frames[f].named.append(groups.count - 1) }
                    if frames[frames.count - 1].alternation { optional.insert(groups.count - 1) }
                    frames.append(([], false, groups.count - 1))
                    out += "(?P<\(name)>"
                    i += skip
                } else {
                    if !rest.hasPrefix("?") { count += 1 }
                    frames.append(([], false, nil))
                    out.append(c)
                    i += 1
                }
            case ")":
                let frame = frames.count > 1 ? frames.removeLast() : (named: [], alternation: false, number: nil)
                out.append(c)
                i += 1
                let next = i < chars.count ? chars[i] : " "
                let after = i + 1 < chars.count ? chars[i + 1] : " "
                if next == "?" || next == "*" || (next == "{" && (after == "0" || after == ",")) {
                    for g in frame.named { optional.insert(g) }
                    if let own = frame.number { optional.insert(own) }
                }
                // A group that is itself in an alternative of its parent.
                if frames[frames.count - 1].alternation, let own = frame.number { optional.insert(own) }
            case "|":
                frames[frames.count - 1].alternation = true
                // Every group before the bar in this parenthesis is one alternative's.
                let frame = frames[frames.count - 1]
                for g in frame.named { optional.insert(g) }
                out.append(c)
                i += 1
            default:
                out.append(c)
                i += 1
            }
        }
        if let g = optional.min() {
            throw TranslationError(
                "parse: the group \(groups[g].name) may take no part in a match (it is in an alternative or optional); ClickHouse and DuckDB give '' for it where loupe leaves the field missing",
                at: original.range)
        }
        return (out, groups)
    }
}
