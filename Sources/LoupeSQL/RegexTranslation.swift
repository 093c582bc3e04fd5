import LoupeQuery

/// loupe's regexes are PCRE2; ClickHouse's `match` and DuckDB's `regexp_matches` are RE2,
/// which guarantees linear time by leaving out what needs backtracking. A pattern translates
/// when it uses only what both read alike; anything else is refused, pointing at it:
/// lookahead and lookbehind, backreferences, atomic groups, possessive quantifiers,
/// recursion and subroutine calls, conditionals, backtracking verbs, branch reset, `\K`,
/// `\G`, `\Z`, `\R`, `\X`, `\h`, `\v`, `\N` and the `x` flag.
///
/// One difference is accepted and documented rather than refused: PCRE2's `$` without the
/// `m` flag also matches before a final newline; RE2's only at the very end.
enum RegexTranslation {
    /// The RE2 pattern (flags written inline as `(?ims)`), or why it cannot be one.
    static func translate(_ pattern: Expression.Pattern) throws -> String {
        if pattern.flags.contains("x") {
            throw TranslationError(
                "the regex flag x (extended syntax) has no equivalent in RE2, which ClickHouse and DuckDB use", at: pattern.range)
        }
        let bytes = Array(pattern.source.utf8)
        // Where the pattern's bytes start in the query, when it was written as /.../ verbatim.
        let exact = pattern.range.end - pattern.range.start == bytes.count + 2 + pattern.flags.utf8.count
        func refuse(_ what: String, at offset: Int, length: Int) -> TranslationError {
            let range =
                exact ? SourceRange(pattern.range.start + 1 + offset, pattern.range.start + 1 + offset + length) : pattern.range
            return TranslationError("\(what) has no equivalent in RE2, the regex engine of ClickHouse and DuckDB", at: range)
        }
        var i = 0
        var inClass = false
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\\"), i + 1 < bytes.count {
                let next = bytes[i + 1]
                if next == UInt8(ascii: "Q") {
                    // \Q...\E: literal text, read alike by both.
                    var j = i + 2
                    while j + 1 < bytes.count, !(bytes[j] == UInt8(ascii: "\\") && bytes[j + 1] == UInt8(ascii: "E")) { j += 1 }
                    i = j + 2
                    continue
                }
                if !inClass, next >= UInt8(ascii: "1"), next <= UInt8(ascii: "9") {
                    throw refuse("the backreference \\\(Character(UnicodeScalar(next)))", at: i, length: 2)
                }
                if let name = unsupportedEscapes[next] {
                    throw refuse("\\\(Character(UnicodeScalar(next))) (\(name))", at: i, length: 2)
                }
                i += 2
                continue
            }
            if inClass {
                if c == UInt8(ascii: "]") { inClass = false }
                i += 1
                continue
            }
            switch c {
            case UInt8(ascii: "["):
                inClass = true
                i += 1
                // A `]` first in the class (or after `^`) is a literal.
                if i < bytes.count, bytes[i] == UInt8(ascii: "^") { i += 1 }
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1 }
                continue
            case UInt8(ascii: "("):
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "*") {
                    throw refuse("a backtracking verb (*...)", at: i, length: 2)
                }
                if i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "?") {
                    let rest = String(decoding: bytes[(i + 2)...].prefix(3), as: UTF8.self)
                    for (prefix, name) in unsupportedGroups where rest.hasPrefix(prefix) {
                        throw refuse("\(name) (?\(prefix)", at: i, length: 2 + prefix.utf8.count)
                    }
                    if let d = rest.utf8.first,
                        (d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9")) || d == UInt8(ascii: "+")
                            || d == UInt8(ascii: "-") && rest.utf8.dropFirst().first.map({ $0 >= 0x30 && $0 <= 0x39 }) == true
                    {
                        throw refuse("a subroutine call (?N)", at: i, length: 3)
                    }
                }
            case UInt8(ascii: "+"):
                if i > 0, [UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "}")].contains(bytes[i - 1]),
                    !(i > 1 && bytes[i - 2] == UInt8(ascii: "\\")),
                    !(i > 1 && bytes[i - 1] == UInt8(ascii: "?") && bytes[i - 2] == UInt8(ascii: "("))
                {
                    throw refuse("a possessive quantifier \(Character(UnicodeScalar(bytes[i - 1])))+", at: i - 1, length: 2)
                }
            default:
                break
            }
            i += 1
        }
        let flags = pattern.flags.filter { "ims".contains($0) }
        return (flags.isEmpty ? "" : "(?\(flags))") + pattern.source
    }

    /// Groups PCRE2 has and RE2 lacks, by what follows `(?`.
    static let unsupportedGroups: [(String, String)] = [
        ("<=", "lookbehind"), ("<!", "negative lookbehind"), ("=", "lookahead"), ("!", "negative lookahead"),
        (">", "an atomic group"), ("|", "a branch reset group"), ("R)", "recursion"), ("&", "a subroutine call"),
        ("P>", "a subroutine call"), ("(", "a conditional group"), ("#", "a comment group"),
    ]

    /// Escapes PCRE2 reads and RE2 rejects or reads otherwise.
    static let unsupportedEscapes: [UInt8: String] = [
        UInt8(ascii: "K"): "reset of the match start", UInt8(ascii: "G"): "the anchor at the previous match",
        UInt8(ascii: "Z"): "end or before a final newline", UInt8(ascii: "R"): "any line break",
        UInt8(ascii: "X"): "an extended grapheme cluster", UInt8(ascii: "h"): "horizontal white space",
        UInt8(ascii: "H"): "not horizontal white space", UInt8(ascii: "v"): "vertical white space",
        UInt8(ascii: "V"): "not vertical white space", UInt8(ascii: "N"): "not a newline",
        UInt8(ascii: "g"): "a backreference", UInt8(ascii: "k"): "a named backreference",
    ]
}
