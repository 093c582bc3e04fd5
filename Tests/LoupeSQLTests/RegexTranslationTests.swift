import LoupeQuery
import Testing

@testable import LoupeSQL

/// PCRE2 patterns that RE2 reads alike pass (flags inline); the rest are refused with what and
/// where.
struct RegexTranslationTests {
    static let accepted: [(String, String, String)] = [
        ("timeout|refused", "i", "(?i)timeout|refused"),
        ("^a.b$", "ms", "(?ms)^a.b$"),
        ("[(?=]x", "", "[(?=]x"),
        ("\\(?=", "", "\\(?="),
        ("\\Q(?=\\E", "", "\\Q(?=\\E"),
        ("(?P<name>a)(?:b)(?i:c)", "", "(?P<name>a)(?:b)(?i:c)"),
        ("a+?b*?", "", "a+?b*?"),
        ("\\d{2,3}\\p{L}", "", "\\d{2,3}\\p{L}"),
    ]

    @Test(arguments: accepted)
    func translatesInline(_ source: String, _ flags: String, _ expected: String) throws {
        let pattern = Expression.Pattern(source: source, flags: flags, range: SourceRange(0, source.utf8.count + 2 + flags.count))
        #expect(try RegexTranslation.translate(pattern) == expected)
    }

    static let refused: [(String, String)] = [
        ("a(?=b)", "lookahead (?= at column 9"),
        ("(?!b)", "negative lookahead (?! at column 8"),
        ("(?<=a)b", "lookbehind (?<= at column 8"),
        ("(?<!a)b", "negative lookbehind (?<! at column 8"),
        ("(a)\\1", "the backreference \\1 at column 11"),
        ("a*+", "a possessive quantifier *+ at column 9"),
        ("(?>ab)", "an atomic group (?> at column 8"),
        ("(a)(?(1)a|b)", "a conditional group (?( at column 11"),
        ("(?R)", "recursion (?R) at column 8"),
        ("(a)(?1)", "a subroutine call (?N) at column 11"),
        ("a\\Kb", "\\K (reset of the match start) at column 9"),
        ("(*SKIP)", "a backtracking verb (*...) at column 8"),
    ]

    @Test(arguments: refused)
    func isRefusedWithWhere(_ source: String, _ message: String) throws {
        let query = "msg ~ /\(source)/"
        do {
            _ = try SQLTranslator.translate(query, dialect: .duckdb, source: SQLSource("x"))
            Issue.record("translated \(query)")
        } catch let error as TranslationError {
            let rendered = error.rendered(query: query)
            #expect(
                rendered.hasPrefix(
                    message.replacingOccurrences(
                        of: " at column", with: " has no equivalent in RE2, the regex engine of ClickHouse and DuckDB at column")),
                "\(rendered)")
        }
    }

    @Test func extendedFlagIsRefused() {
        #expect(throws: TranslationError.self) { try SQLTranslator.translate("msg ~ /a b/x", dialect: .clickhouse, source: SQLSource("x")) }
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        var copy = self
        copy.replaceSubrange(range, with: replacement)
        return copy
    }
}
