/// Quoting for each dialect: every string literal, regex, identifier and `--from` name that
/// comes from a user goes through here, so that it reaches the engine as data and never as
/// SQL (`'); DROP TABLE logs; --` is a string that matches itself).
extension SQLDialect {
    /// A string literal holding exactly `text`.
    ///
    /// Standard SQL (DuckDB) only doubles the quote: a backslash is an ordinary character.
    /// ClickHouse reads backslash escapes in literals, so a backslash is doubled too, and the
    /// quote is escaped the same way; NUL and line breaks are written as escapes so that a
    /// printed query stays on its lines.
    package func literal(_ text: String) -> String {
        switch self {
        case .duckdb:
            // chr() keeps a NUL (which DuckDB strings cannot hold in a literal) out of the text.
            if text.unicodeScalars.contains("\0") {
                return text.split(separator: "\0", omittingEmptySubsequences: false).map { literal(String($0)) }
                    .joined(separator: " || chr(0) || ")
            }
            return "'" + text.replacingAll("'", with: "''") + "'"
        case .clickhouse:
            return Self.clickHouseQuoted(text, quote: "'")
        }
    }

    /// An identifier (a column name) holding exactly `name`.
    package func identifier(_ name: String) -> String {
        switch self {
        case .duckdb:
            return "\"" + name.replacingAll("\"", with: "\"\"") + "\""
        case .clickhouse:
            return Self.clickHouseQuoted(name, quote: "\"")
        }
    }

    /// `text` inside `quote` as ClickHouse reads quoted literals and identifiers: the backslash
    /// and the quote escaped with a backslash, NUL and line breaks as escapes (so a printed
    /// query stays on its lines).
    private static func clickHouseQuoted(_ text: String, quote: Unicode.Scalar) -> String {
        var out = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", quote: out += "\\" + String(scalar)
            case "\0": out += "\\0"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + String(quote)
    }

    /// A table name, possibly qualified (`db.logs`): each part an identifier.
    package func tableName(_ name: String) -> String {
        name.split(separator: ".", omittingEmptySubsequences: false).map { identifier(String($0)) }.joined(separator: ".")
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation in this module).
    func replacingAll(_ target: String, with replacement: String) -> String {
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
