import LoupeEngine
import Testing

@testable import LoupeOutput

/// A cell value and how one format writes it (in a one-column table, header `h`).
struct CellCase: CustomTestStringConvertible, Sendable {
    let value: RowValue
    let cell: String
    var testDescription: String { "\(value) → \(cell.debugDescription)" }

    init(_ value: RowValue, _ cell: String) {
        self.value = value
        self.cell = cell
    }
}

@Suite("Row printer formatting")
struct RowPrinterFormattingTests {
    static func render(_ format: TableFormat, _ columns: [String], _ rows: [[RowValue]], color: Bool = false) -> String {
        RowPrinter(format: format, color: color).render(RowSet(columns: columns, rows: rows))
    }

    // MARK: - CSV (RFC 4180 quoting)

    static let csvCases: [CellCase] = [
        CellCase(.string("plain"), "plain"),
        // Types stay apart (CellText): "" and null, "1" and 1.
        CellCase(.string(""), #""""""""#),
        CellCase(.null, "null"),
        CellCase(.string("1"), #""""1""""#),
        CellCase(.number(1), "1"),
        // Control characters other than tab and newline: the string JSON-quoted, escaped.
        CellCase(.string("\u{1B}[2J"), #""""\u001b[2J""""#),
        CellCase(.string("a,b"), #""a,b""#),
        CellCase(.string(#"say "hi""#), #""say ""hi""""#),
        CellCase(.string(#"""#), #""""""#),
        CellCase(.string("two\nlines"), "\"two\nlines\""),
        CellCase(.string("cr\r"), #""""cr\r""""#),
        CellCase(.string("tab\there"), "tab\there"),
        CellCase(.string(" padded "), " padded "),
        CellCase(.string("semi;colon"), "semi;colon"),
        CellCase(.number(-1.5), "-1.5"),
        CellCase(.number(1e21), "1e+21"),
        CellCase(.bool(false), "false"),
        CellCase(.json(#"{"a":"b,c"}"#), #""{""a"":""b,c""}""#),
        CellCase(.json("[1,2]"), #""[1,2]""#),
    ]

    @Test(arguments: csvCases)
    func csv(_ c: CellCase) {
        #expect(Self.render(.csv, ["h"], [[c.value]]) == "h\n\(c.cell)\n")
    }

    /// Label columns (the path and types of `loupe fields`) are text, never JSON-quoted.
    @Test func labelColumnsAreWrittenAsTheyAre() {
        var set = RowSet(columns: ["field", "types"], rows: [[.string(#"["a b"]"#), .string("null")]])
        set.labelColumns = [0, 1]
        #expect(RowPrinter(format: .tsv, color: false).render(set) == "field\ttypes\n[\"a b\"]\tnull\n")
        #expect(RowPrinter(format: .table, color: false).render(set) == "field    types\n[\"a b\"]  null\n")
    }

    @Test func csvHeaderIsQuotedToo() {
        #expect(Self.render(.csv, ["a,b", #"p99("x")"#, "c"], []) == #""a,b","p99(""x"")",c"# + "\n")
    }

    // MARK: - TSV (backslash escapes for tab, newline, CR and backslash)

    static let tsvCases: [CellCase] = [
        CellCase(.string("plain"), "plain"),
        CellCase(.null, "null"),
        CellCase(.string(""), #""""#),
        CellCase(.string("1"), #""1""#),
        CellCase(.string("-2.5e3"), #""-2.5e3""#),
        CellCase(.string("true"), #""true""#),
        CellCase(.string(" 7 "), #"" 7 ""#),
        CellCase(.string(#""q""#), #""\\"q\\"""#),
        CellCase(.string("[1]"), #""[1]""#),
        CellCase(.string("[INFO] up"), "[INFO] up"),
        CellCase(.string("1st"), "1st"),
        CellCase(.string("\u{1B}[2J\u{7}"), #"\u001b[2J\u0007"#),
        CellCase(.string("del\u{7F} c1\u{85}"), #"del\u007f c1\u0085"#),
        CellCase(.string("crlf\r\n"), #"crlf\r\n"#),
        CellCase(.string("a\tb"), #"a\tb"#),
        CellCase(.string("a\nb"), #"a\nb"#),
        CellCase(.string("a\rb"), #"a\rb"#),
        CellCase(.string(#"back\slash"#), #"back\\slash"#),
        CellCase(.string(#"\t literally"#), #"\\t literally"#),
        CellCase(.string(#"a,"b""#), #"a,"b""#),
        CellCase(.json(#"{"k":"\t"}"#), #"{"k":"\\t"}"#),
        CellCase(.number(0.1), "0.1"),
    ]

    @Test(arguments: tsvCases)
    func tsv(_ c: CellCase) {
        #expect(Self.render(.tsv, ["h"], [[c.value]]) == "h\n\(c.cell)\n")
    }

    @Test func tsvHeaderIsEscapedToo() {
        #expect(Self.render(.tsv, ["a\tb", "c"], []) == "a\\tb\tc\n")
    }

    // MARK: - JSON and JSON lines

    static let jsonCases: [CellCase] = [
        CellCase(.string("plain"), #""plain""#),
        CellCase(.string("q\"b\\"), #""q\"b\\""#),
        // Control characters below U+0020 are escaped; DEL and U+2028 are valid JSON as they are.
        CellCase(.string("\u{1B}[31m\n\t\u{0}\u{7F}"), "\"\\u001b[31m\\n\\t\\u0000\u{7F}\""),
        CellCase(.string("é日本😀"), #""é日本😀""#),
        CellCase(.string("\u{2028}"), "\"\u{2028}\""),
        CellCase(.null, "null"),
        CellCase(.bool(true), "true"),
        CellCase(.number(3), "3"),
        CellCase(.number(-0.0), "0"),
        CellCase(.number(2.5e-8), "2.5e-08"),
        CellCase(.number(.double(.infinity)), "1e999"),
        CellCase(.json(#"{"a":[1,{"b":null}]}"#), #"{"a":[1,{"b":null}]}"#),
    ]

    @Test(arguments: jsonCases)
    func jsonLines(_ c: CellCase) {
        #expect(Self.render(.jsonl, ["h"], [[c.value]]) == #"{"h":"# + c.cell + "}\n")
        #expect(Self.render(.json, ["h"], [[c.value]]) == "[\n" + #"{"h":"# + c.cell + "}\n]\n")
    }

    @Test func jsonKeysFollowTheColumnsAndAreEscaped() {
        let rows: [[RowValue]] = [[.number(1), .string("x"), .null], [.number(2), .string("y"), .bool(true)]]
        let columns = ["b", #"p99("d")"#, "a\n"]
        #expect(
            Self.render(.jsonl, columns, rows) == #"{"b":1,"p99(\"d\")":"x","a\n":null}"# + "\n" + #"{"b":2,"p99(\"d\")":"y","a\n":true}"#
                + "\n")
        #expect(
            Self.render(.json, columns, rows) == "[\n" + #"{"b":1,"p99(\"d\")":"x","a\n":null},"# + "\n"
                + #"{"b":2,"p99(\"d\")":"y","a\n":true}"# + "\n]\n")
    }

    // MARK: - Empty results

    static let emptyCases: [(TableFormat, String)] = [
        (.table, "service  count\n"),
        (.json, "[]\n"),
        (.jsonl, ""),
        (.csv, "service,count\n"),
        (.tsv, "service\tcount\n"),
        (.markdown, "| service | count |\n|---|---|\n"),
    ]

    @Test(arguments: emptyCases)
    func empty(_ format: TableFormat, _ expected: String) {
        #expect(Self.render(format, ["service", "count"], []) == expected)
    }

    // MARK: - Table alignment

    static let tableCases: [(String, [String], [[RowValue]], String)] = [
        (
            "text left, numbers right, two spaces between, no padding after the last column",
            ["service", "count"], [[.string("api"), .number(12)], [.string("authentication"), .number(3)]],
            "service         count\napi                12\nauthentication      3\n"
        ),
        (
            "a column of numbers and nulls is numeric; its header is right-aligned; null is spelled out",
            ["n", "p99(ms)", "x"], [[.number(1), .null, .string("a")], [.null, .number(-12.25), .string("bb")]],
            "   n  p99(ms)  x\n   1     null  a\nnull   -12.25  bb\n"
        ),
        (
            "numbers for people: three decimals, six significant digits below 1; integers as they are",
            ["avg", "rate", "big"],
            [
                [.number(.double(200.0 / 3)), .number(.double(1.0 / 3)), .number(1e21)],
                [.number(.double(0.1 + 0.2)), .number(2.5e-7), .number(12)],
            ],
            "   avg        rate    big\n66.667    0.333333  1e+21\n   0.3  0.00000025     12\n"
        ),
        (
            "one string makes a column text; booleans and JSON are text",
            ["v", "b", "j"], [[.number(100), .bool(true), .json("[1]")], [.string("x"), .bool(false), .json("{}")]],
            "v    b      j\n100  true   [1]\nx    false  {}\n"
        ),
        (
            "a header wider than its cells",
            ["a_very_long_header", "k"], [[.number(1), .string("v")]],
            "a_very_long_header  k\n                 1  v\n"
        ),
        (
            "wide characters take two columns, combining marks none",
            ["name", "n"], [[.string("日本"), .number(1)], [.string("e\u{301}t\u{e9}"), .number(22)], [.string("😀x"), .number(3)]],
            "name   n\n日本   1\ne\u{301}t\u{e9}   22\n😀x    3\n"
        ),
        (
            "control characters are shown escaped and counted as shown",
            ["msg", "n"],
            [
                [.string("a\tb"), .number(1)], [.string("\u{1B}[2J"), .number(2)], [.string("cr\r"), .number(3)],
                [.string("\u{85}"), .number(4)],
            ],
            "msg        n\na\\tb       1\n\\u001b[2J  2\ncr\\r       3\n\\u0085     4\n"
        ),
        (
            "empty strings are written \"\"",
            ["a", "b", "c"], [[.string("x"), .string(""), .string("")], [.string("y"), .string("z"), .string("")]],
            "a  b   c\nx  \"\"  \"\"\ny  z   \"\"\n"
        ),
        (
            "nulls are spelled out; a blank string is quoted",
            ["a", "b", "c"], [[.string("x"), .null, .null], [.string("y"), .string("z"), .string(" ")]],
            "a  b     c\nx  null  null\ny  z     \" \"\n"
        ),
    ]

    @Test(arguments: tableCases)
    func table(_ name: String, _ columns: [String], _ rows: [[RowValue]], _ expected: String) {
        #expect(Self.render(.table, columns, rows) == expected, "\(name)")
    }

    /// With colors the header is bold and level-like columns are colored; padding stays inside
    /// the styled text so the columns still line up.
    @Test func tableColors() {
        let rendered = Self.render(
            .table, ["level", "n"], [[.string("error"), .number(1)], [.string("custom"), .number(20)]], color: true)
        let bold = "\u{1B}[1m", red = "\u{1B}[31m", reset = "\u{1B}[0m"
        #expect(rendered == "\(bold)level \(reset)  \(bold) n\(reset)\n\(red)error \(reset)   1\ncustom  20\n")
    }

    // MARK: - Markdown

    static let markdownCases: [CellCase] = [
        CellCase(.string("a|b"), #"a\|b"#),
        // Shown as written, never markup: the escapes of controls and every `\` and `[` are
        // backslash-escaped, so they render as the text `\n`, `\u001b[1m`.
        CellCase(.string("two\nlines"), #"two\\nlines"#),
        CellCase(.string("\u{1B}[1m"), #"\\u001b\[1m"#),
        CellCase(.string("<img src=x> [a](b) *c* _d_ snake_case ~~e~~ &amp; `f`"), #"\<img src=x> \[a](b) \*c\* \_d\_ snake_case \~\~e\~\~ \&amp; \`f\`"#),
        CellCase(.string(""), #""""#),
        CellCase(.json(#"{"a":"|"}"#), #"{"a":"\|"}"#),
    ]

    @Test(arguments: markdownCases)
    func markdown(_ c: CellCase) {
        #expect(Self.render(.markdown, ["h"], [[c.value]]) == "| h |\n|---|\n| \(c.cell) |\n")
    }

    @Test func markdownAlignsNumericColumnsRight() {
        #expect(
            Self.render(.markdown, ["s", "n", "p|q"], [[.string("a"), .number(1), .null]])
                == "| s | n | p\\|q |\n|---|---:|---:|\n| a | 1 | null |\n")
    }

    // MARK: - Cells for people (table and markdown)

    static let humanCases: [(RowValue, String)] = [
        (.null, "null"), (.string(""), #""""#), (.string("1"), #""1""#), (.string("null"), #""null""#), (.string("x"), "x"),
        (.bool(true), "true"), (.json("[1]"), "[1]"),
        (.number(12), "12"), (.number(-3), "-3"), (.number(1e21), "1e+21"), (.number(9_007_199_254_740_993), "9007199254740993"),
        (.number(.double(9_007_199_254_740_992)), "9007199254740992"), (.number(.double(9_007_199_254_740_994)), "9.007199254740994e+15"),
        (.number(1_712_790_000_123_000_001), "1712790000123000001"),
        (.number(12.5), "12.5"), (.number(-0.25), "-0.25"), (.number(1234.56789), "1234.568"), (.number(2.9996), "3"),
        (.number(.double(200.0 / 3)), "66.667"), (.number(.double(0.1 + 0.2)), "0.3"), (.number(.double(1.0 / 3)), "0.333333"),
        (.number(0.0005), "0.0005"),
        (.number(1e-7), "0.0000001"), (.number(-0.0004999), "-0.0004999"), (.number(0.99999999), "1"),
        (.number(1e-20), "0"), (.number(-1e-20), "0"), (.number(.double(.infinity)), "1e999"),
    ]

    @Test(arguments: humanCases)
    func humanText(_ value: RowValue, _ text: String) {
        #expect(RowPrinter.humanText(value) == text)
    }

    /// Machine formats keep every digit.
    @Test func machineFormatsKeepFullPrecision() {
        let rows: [[RowValue]] = [[.number(.double(200.0 / 3)), .null]]
        #expect(Self.render(.csv, ["a", "b"], rows) == "a,b\n66.66666666666667,null\n")
        #expect(Self.render(.tsv, ["a", "b"], rows) == "a\tb\n66.66666666666667\tnull\n")
        #expect(Self.render(.jsonl, ["a", "b"], rows) == #"{"a":66.66666666666667,"b":null}"# + "\n")
    }

    /// Integers beyond 2^53 keep every digit in every format (the user's report: nanosecond
    /// timestamps printed as `1.7127900001e+18`).
    @Test func bigIntegersKeepEveryDigit() {
        let columns = ["id", "count"]
        let rows: [[RowValue]] = [
            [.number(1_712_790_000_123_000_001), .number(2)], [.number(.integer(Int64.min)), .number(.integer(Int64.max))],
        ]
        #expect(Self.render(.csv, columns, rows) == "id,count\n1712790000123000001,2\n-9223372036854775808,9223372036854775807\n")
        #expect(Self.render(.tsv, columns, rows) == "id\tcount\n1712790000123000001\t2\n-9223372036854775808\t9223372036854775807\n")
        #expect(
            Self.render(.jsonl, columns, rows)
                == #"{"id":1712790000123000001,"count":2}"# + "\n" + #"{"id":-9223372036854775808,"count":9223372036854775807}"# + "\n")
        #expect(
            Self.render(.json, columns, rows)
                == "[\n" + #"{"id":1712790000123000001,"count":2}"# + ",\n" + #"{"id":-9223372036854775808,"count":9223372036854775807}"#
                + "\n]\n")
        #expect(
            Self.render(.table, columns, rows)
                == "                  id                count\n 1712790000123000001                    2\n-9223372036854775808  9223372036854775807\n"
        )
        #expect(
            Self.render(.markdown, columns, rows)
                == "| id | count |\n|---:|---:|\n| 1712790000123000001 | 2 |\n| -9223372036854775808 | 9223372036854775807 |\n")
    }

    // MARK: - Terminal text

    static let sanitizeCases: [(String, String)] = [
        ("plain", "plain"), ("tab\t", "tab\\t"), ("nl\n", "nl\\n"), ("cr\r", "cr\\r"), ("\u{0}", "\\u0000"), ("\u{7}", "\\u0007"),
        ("\u{1B}[31m", "\\u001b[31m"), ("\u{7F}", "\\u007f"), ("\u{85}", "\\u0085"), ("\u{9B}", "\\u009b"), ("\u{A0}", "\u{A0}"),
        ("é日本😀", "é日本😀"), ("\\", "\\"),
    ]

    @Test(arguments: sanitizeCases)
    func sanitize(_ text: String, _ shown: String) {
        #expect(TerminalText.sanitize(text) == shown)
    }

    static let widthCases: [(String, Int)] = [
        ("", 0), ("abc", 3), ("é", 1), ("e\u{301}", 1), ("日本", 4), ("ｶﾀｶﾅ", 4), ("ＡＢ", 4), ("한국어", 6), ("😀", 2), ("👍🏽", 2),
        ("a😀b", 4), ("\u{A0}", 1),
    ]

    @Test(arguments: widthCases)
    func width(_ text: String, _ columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }
}
