import Testing

@testable import LoupeQuery

/// One lexer case: query text and the token kinds it must produce (the final `.end` left out).
struct LexCase: CustomTestStringConvertible, Sendable {
    let text: String
    let kinds: [Token.Kind]
    var testDescription: String { text }
    init(_ text: String, _ kinds: [Token.Kind]) {
        self.text = text
        self.kinds = kinds
    }
}

/// One lexer error: query text and the whole `description` (message and column) it must throw.
struct LexErrorCase: CustomTestStringConvertible, Sendable {
    let text: String
    let error: String
    var testDescription: String { text }
    init(_ text: String, _ error: String) {
        self.text = text
        self.error = error
    }
}

private func id(_ s: String) -> Token.Kind { .identifier(s) }
private func op(_ s: String) -> Token.Kind { .op(s) }
private func num(_ text: String) -> Token.Kind { .number(NumberLiteral(text)!) }

@Suite("Lexer")
struct LexerTests {
    static let tokenCases: [LexCase] = [
        // Operators, each alone and glued to their operands.
        LexCase(#"level == "error""#, [id("level"), op("=="), .string("error")]),
        LexCase("a!=1", [id("a"), op("!="), num("1")]),
        LexCase("a<1", [id("a"), op("<"), num("1")]),
        LexCase("a<=1", [id("a"), op("<="), num("1")]),
        LexCase("a>1", [id("a"), op(">"), num("1")]),
        LexCase("a>=1", [id("a"), op(">="), num("1")]),
        LexCase("a && b || !c", [id("a"), op("&&"), id("b"), op("||"), op("!"), id("c")]),
        LexCase(
            "( ) [ ] , . | * ! = < > ~",
            [
                op("("), op(")"), op("["), op("]"), op(","), op("."), op("|"), op("*"), op("!"), op("="), op("<"), op(">"), op("~"),
            ]),
        LexCase("a and b or not c in", [id("a"), id("and"), id("b"), id("or"), id("not"), id("c"), id("in")]),
        // Arithmetic: + - * / %; a '-' before a digit is a sign only where no value ends before
        // it; '-' inside a name belongs to it; '/' divides except after ~, !~ and with.
        LexCase("a + b % c", [id("a"), op("+"), id("b"), op("%"), id("c")]),
        LexCase("a - b", [id("a"), op("-"), id("b")]),
        LexCase("a-b", [id("a-b")]),
        LexCase("a -b", [id("a"), op("-"), id("b")]),
        LexCase("-a", [op("-"), id("a")]),
        LexCase("x -1", [id("x"), op("-"), num("1")]),
        LexCase("1-2", [num("1"), op("-"), num("2")]),
        LexCase("1 - -2", [num("1"), op("-"), num("-2")]),
        LexCase("(a) -1", [op("("), id("a"), op(")"), op("-"), num("1")]),
        LexCase("[0] -1", [op("["), num("0"), op("]"), op("-"), num("1")]),
        LexCase("> -1", [op(">"), num("-1")]),
        LexCase("and -1", [id("and"), num("-1")]),
        LexCase("5ms-1ms", [.duration(5e6), op("-"), .duration(1e6)]),
        LexCase("x > -5ms", [id("x"), op(">"), .duration(-5e6)]),
        LexCase(#""a" -1"#, [.string("a"), op("-"), num("1")]),
        LexCase("a / b", [id("a"), op("/"), id("b")]),
        LexCase("a ~ /b/", [id("a"), op("~"), .regex(pattern: "b", flags: "")]),
        LexCase("a with /b/i", [id("a"), id("with"), .regex(pattern: "b", flags: "i")]),
        // Whitespace of every kind separates tokens and is otherwise ignored.
        LexCase(" \t\r\na\n==\t1 ", [id("a"), op("=="), num("1")]),
        LexCase("", []),
        // Names: letters, digits, _, @, $, - inside, non-ASCII.
        LexCase("@timestamp", [id("@timestamp")]),
        LexCase("$x _y a-b c9", [id("$x"), id("_y"), id("a-b"), id("c9")]),
        LexCase("héllo.wörld", [id("héllo"), op("."), id("wörld")]),
        LexCase("tags[0]", [id("tags"), op("["), num("0"), op("]")]),
        LexCase(#"headers["user-agent"]"#, [id("headers"), op("["), .string("user-agent"), op("]")]),
        // Numbers in every spelling the grammar allows.
        LexCase("0", [num("0")]),
        LexCase("-1", [num("-1")]),
        LexCase("1.5", [num("1.5")]),
        LexCase(".5", [num(".5")]),
        LexCase("1e3", [num("1e3")]),
        LexCase("1E+3", [num("1E+3")]),
        LexCase("2.5e-3", [num("2.5e-3")]),
        LexCase("-0", [num("-0")]),
        LexCase("1000.0", [num("1000.0")]),
        LexCase("1.", [num("1"), op(".")]),
        LexCase("x>-5", [id("x"), op(">"), num("-5")]),
        // Durations: a number glued to a unit, in nanoseconds.
        LexCase("10ns", [.duration(10)]),
        LexCase("5us", [.duration(5_000)]),
        LexCase("5µs", [.duration(5_000)]),
        LexCase("250ms", [.duration(250_000_000)]),
        LexCase("1.5s", [.duration(1_500_000_000)]),
        LexCase("2m", [.duration(120_000_000_000)]),
        LexCase("1h", [.duration(3_600_000_000_000)]),
        LexCase("1d", [.duration(86_400_000_000_000)]),
        LexCase("ms", [id("ms")]),
        // Timestamps: RFC 3339 dates and date-times, unquoted.
        LexCase("2024-03-11", [.timestamp("2024-03-11")]),
        LexCase("2024-03-11T08:00:00Z", [.timestamp("2024-03-11T08:00:00Z")]),
        LexCase("ts>=2024-03-11T08:00:00.5+02:00", [id("ts"), op(">="), .timestamp("2024-03-11T08:00:00.5+02:00")]),
        // Strings: both quotes, every escape, decoded.
        LexCase(#""error""#, [.string("error")]),
        LexCase("'error'", [.string("error")]),
        LexCase(#""""#, [.string("")]),
        LexCase(#""a\"b""#, [.string("a\"b")]),
        LexCase(#"'it\'s'"#, [.string("it's")]),
        LexCase(#""it's""#, [.string("it's")]),
        LexCase(#"'say "hi"'"#, [.string("say \"hi\"")]),
        LexCase(#""\n\t\r\b\f\\\/""#, [.string("\n\t\r\u{08}\u{0C}\\/")]),
        LexCase(#""\u0041\u00e9\u00E9""#, [.string("Aéé")]),
        LexCase(#""\ud83d\ude00""#, [.string("😀")]),
        LexCase(#""😀 é""#, [.string("😀 é")]),
        LexCase(#""a and b""#, [.string("a and b")]),
        // A slash starts a regex only after ~ or !~.
        LexCase("msg ~ /timeout|refused/i", [id("msg"), op("~"), .regex(pattern: "timeout|refused", flags: "i")]),
        LexCase("msg !~ /x/", [id("msg"), op("!~"), .regex(pattern: "x", flags: "")]),
        LexCase("msg~/x/imsx", [id("msg"), op("~"), .regex(pattern: "x", flags: "imsx")]),
        LexCase(#"msg ~ /a\/b/"#, [id("msg"), op("~"), .regex(pattern: "a/b", flags: "")]),
        LexCase(#"msg ~ /\d+\.\w/"#, [id("msg"), op("~"), .regex(pattern: #"\d+\.\w"#, flags: "")]),
        LexCase(#"msg ~ /"quoted" and/ and x"#, [id("msg"), op("~"), .regex(pattern: #""quoted" and"#, flags: ""), id("and"), id("x")]),
        LexCase("msg ~ //", [id("msg"), op("~"), .regex(pattern: "", flags: "")]),
        LexCase(#"msg ~ "str""#, [id("msg"), op("~"), .string("str")]),
    ]

    @Test(arguments: tokenCases)
    func tokens(_ c: LexCase) throws {
        let tokens = try Lexer.tokenize(c.text)
        #expect(tokens.map(\.kind) == c.kinds + [.end])
    }

    /// A number token keeps its text, for the engine to read exactly, and its nearest double.
    static let numberValues: [(String, Double)] = [
        ("0", 0), ("-1", -1), ("1.5", 1.5), (".5", 0.5), ("1e3", 1000), ("1E+3", 1000), ("2.5e-3", 0.0025), ("1000.0", 1000),
        ("1712790000123000001", 1_712_790_000_123_000_064), ("9223372036854775807", 9_223_372_036_854_775_808),
    ]

    @Test(arguments: numberValues)
    func numberText(_ text: String, _ value: Double) throws {
        let tokens = try Lexer.tokenize(text)
        guard case .number(let literal) = tokens.first?.kind else {
            Issue.record("not a number: \(tokens)")
            return
        }
        #expect(literal.text == text)
        #expect(literal.value == value)
    }

    @Test func rangesAreUTF8ByteOffsets() throws {
        let tokens = try Lexer.tokenize(#"é == "x" ~ 250ms"#)
        #expect(
            tokens.map(\.range) == [
                SourceRange(0, 2), SourceRange(3, 5), SourceRange(6, 9), SourceRange(10, 11), SourceRange(12, 17), SourceRange(17, 17),
            ])
    }

    @Test func regexRangeCoversSlashesAndFlags() throws {
        let tokens = try Lexer.tokenize("m ~ /ab/i x")
        #expect(tokens[2].range == SourceRange(4, 9))
        #expect(tokens[3].range == SourceRange(10, 11))
    }

    static let errorCases: [LexErrorCase] = [
        LexErrorCase(#"level == "error"#, "unterminated string at column 10"),
        LexErrorCase(#"'abc"#, "unterminated string at column 1"),
        LexErrorCase(#""abc\"#, "unterminated string at column 1"),
        LexErrorCase(#"x == "a\qb""#, #"invalid escape '\q' at column 8"#),
        LexErrorCase(#""\u12""#, #"invalid \u escape at column 2"#),
        LexErrorCase(#""\u12"#, #"invalid \u escape at column 2"#),
        LexErrorCase(#""\u+041""#, #"invalid \u escape at column 2"#),
        LexErrorCase(#""\u 041""#, #"invalid \u escape at column 2"#),
        LexErrorCase(#""\uzzzz""#, #"invalid \u escape at column 2"#),
        LexErrorCase(#""\ud800""#, #"invalid \u escape at column 2"#),
        LexErrorCase(#""\ude00\ud83d""#, #"invalid \u escape at column 2"#),
        LexErrorCase("msg ~ /abc", "unterminated regex at column 7"),
        LexErrorCase(#"msg ~ /abc\/"#, "unterminated regex at column 7"),
        LexErrorCase("msg ~ /abc/iq", "unknown regex flag 'q' (use i, m, s or x) at column 12"),
        LexErrorCase("msg ~ /abc/g", "unknown regex flag 'g' (use i, m, s or x) at column 12"),
        LexErrorCase("d > 5xs", "unknown duration unit 'xs' (use ns, us, ms, s, m, h or d) at column 6"),
        LexErrorCase("d > 5sec", "unknown duration unit 'sec' (use ns, us, ms, s, m, h or d) at column 6"),
        LexErrorCase("d > 1e", "unknown duration unit 'e' (use ns, us, ms, s, m, h or d) at column 6"),
        LexErrorCase("a # b", "unexpected character '#' at column 3"),
        LexErrorCase("a & b", "unexpected character '&' at column 3"),
        LexErrorCase("a ; b", "unexpected character ';' at column 3"),
        LexErrorCase("a ^ b", "unexpected character '^' at column 3"),
        LexErrorCase("a == {", "unexpected character '{' at column 6"),
    ]

    @Test(arguments: errorCases)
    func errors(_ c: LexErrorCase) {
        #expect(throws: QueryError.self) { try Lexer.tokenize(c.text) }
        do {
            _ = try Lexer.tokenize(c.text)
        } catch {
            #expect(error.description == c.error)
        }
    }

    @Test func tokenDisplayNamesTheToken() throws {
        let tokens = try Lexer.tokenize(#"a >= "s" 1.5 2 250ms 2024-03-11 ~ /r/"#)
        #expect(
            tokens.map(\.display) == ["'a'", "'>='", #""s""#, "'1.5'", "'2'", "duration", "'2024-03-11'", "'~'", "/r/", "end of query"])
    }
}
