import LoupeTestSupport
import Testing

@testable import LoupeQuery

/// Grammar.md, "Arithmetic": precedence and associativity of `+ - * / %` and unary `-`, how
/// they sit among comparisons, `not`, `and` and `or`, the lexer's `-` and `/`, the stages that
/// compute (`eval`, `parse`, `count(EXPR)`, computed aggregates and sort keys), and every
/// error the parser gives for them.
@Suite("Arithmetic parsing")
struct ArithmeticParsingTests {
    static let filterCases: [ParseCase] = [
        // Left-associative, * / % above + -, unary minus above both.
        ParseCase("1 - 2 - 3 < x", "(< (- (- 1 2) 3) x)"),
        ParseCase("x / 2 / 4 > 1", "(> (/ (/ x 2) 4) 1)"),
        ParseCase("2 * 3 % 4 == x", "(== (% (* 2 3) 4) x)"),
        ParseCase("x % 4 * 2 == 0", "(== (* (% x 4) 2) 0)"),
        ParseCase("a + b * c > 1", "(> (+ a (* b c)) 1)"),
        ParseCase("a * b + c > 1", "(> (+ (* a b) c) 1)"),
        ParseCase("a - b + c > 1", "(> (+ (- a b) c) 1)"),
        ParseCase("-x * y > 1", "(> (* (neg x) y) 1)"),
        ParseCase("-(x * y) > 1", "(> (neg (* x y)) 1)"),
        ParseCase("- -x > 1", "(> (neg (neg x)) 1)"),
        ParseCase("(a + b) * c > 1", "(> (* (+ a b) c) 1)"),
        ParseCase("((a + b)) / 2 > 1", "(> (/ (+ a b) 2) 1)"),
        // Arithmetic binds tighter than comparisons, which bind tighter than not, and, or.
        ParseCase("a + 1 > b * 2", "(> (+ a 1) (* b 2))"),
        ParseCase("a + 1 > 2 and b - 1 < 3", "(and (> (+ a 1) 2) (< (- b 1) 3))"),
        ParseCase("a * 2 == 4 or b % 2 == 1 and c > 0", "(or (== (* a 2) 4) (and (== (% b 2) 1) (> c 0)))"),
        ParseCase("not a / 2 > 1", "(not (> (/ a 2) 1))"),
        ParseCase("(a > 1 or b > 1) and (a + b) > 3", "(and (or (> a 1) (> b 1)) (> (+ a b) 3))"),
        ParseCase("(a + b > 3)", "(> (+ a b) 3)"),
        // A path and a constant stay the byte-level comparison; anything else computes.
        ParseCase("duration_ms / 1000 > 2", "(> (/ duration_ms 1000) 2)"),
        ParseCase("duration_ms > 2000", "(> duration_ms 2000)"),
        ParseCase("5 < a", "(< 5 a)"),
        ParseCase(#"a > ["b"]"#, #"(> a ["b"])"#),
        ParseCase("a > b.c", "(> a b.c)"),
        ParseCase("a / 2 > b", "(> (/ a 2) b)"),
        // The lexer's minus: a sign only where no value ends before it; a name keeps its '-'.
        ParseCase("a-b > 1", "(> a-b 1)"),
        ParseCase("a - b > 1", "(> (- a b) 1)"),
        ParseCase("x -1 > 0", "(> (- x 1) 0)"),
        ParseCase("x > -1", "(> x -1)"),
        ParseCase("1-2 < x", "(< (- 1 2) x)"),
        ParseCase("d > -5ms", "(> d -5000000ns)"),
        ParseCase("d - 5ms > 1s", "(> (- d 5000000ns) 1000000000ns)"),
        ParseCase("5ms-1ms < d", "(< (- 5000000ns 1000000ns) d)"),
        ParseCase("(a) -1 > 0", "(> (- a 1) 0)"),
        ParseCase("a in [-1, 2]", "(in a [-1, 2])"),
        ParseCase("a > 1 and -a < 0", "(and (> a 1) (< (neg a) 0))"),
        // '/' divides, except right after ~ or !~ (and 'with').
        ParseCase("a / b > 1", "(> (/ a b) 1)"),
        ParseCase("msg ~ /a/ and a / 2 > 1", "(and (~ msg /a/) (> (/ a 2) 1))"),
        // Functions.
        ParseCase(#"coalesce(a, b, "-") == "-""#, #"(== (coalesce a b "-") "-")"#),
        ParseCase("len(msg) > 100", "(> (len msg) 100)"),
        ParseCase("round(x / 3, 2) == 1.5", "(== (round (/ x 3) 2) 1.5)"),
        ParseCase("floor(x) + ceil(y) - abs(z) >= 0", "(>= (- (+ (floor x) (ceil y)) (abs z)) 0)"),
        ParseCase("len(lower(msg)) > 3", "(> (len lower(msg)) 3)"),
        ParseCase("level() == \"error\"", #"(== level() "error")"#),
    ]

    @Test(arguments: filterCases)
    func filters(_ c: ParseCase) throws {
        #expect(ASTRendering.render(try Parser.parse(c.query)) == c.ast)
    }

    static let stageCases: [ParseCase] = [
        ParseCase("* | eval rate = errors / n", "* | eval rate = (/ errors n)"),
        ParseCase("* | eval a = x * 2, b = a + 1", "* | eval a = (* x 2), b = (+ a 1)"),
        ParseCase("* | eval one = 1", "* | eval one = 1"),
        ParseCase(#"* | parse msg with /took (?<ms>\d+)ms/i"#, #"* | parse msg /took (?<ms>\d+)ms/i"#),
        ParseCase(#"* | parse msg with "(?<ms>\\d+)""#, #"* | parse msg /(?<ms>\d+)/"#),
        ParseCase("* | stats avg(bytes / 1024)", "* | stats avg((/ bytes 1024)) as avg(bytes / 1024)"),
        ParseCase(
            #"* | stats count() as n, count(level() >= "error") as errors by service"#,
            #"* | stats count() as n, count((>= level() "error")) as errors by service as service"#),
        ParseCase(#"* | stats count(status >= 500)"#, "* | stats count((>= status 500)) as count(status >= 500)"),
        ParseCase("* | stats p99(a - b)", "* | stats percentile[99.0]((- a b)) as p99(a - b)"),
        ParseCase("* | stats percentile(a * 2, 90)", "* | stats percentile[90.0]((* a 2)) as percentile(a * 2, 90)"),
        ParseCase("* | stats sum((a - b) * c)", "* | stats sum((* (- a b) c)) as sum((a - b) * c)"),
        ParseCase("* | stats sum(a - (b - c))", "* | stats sum((- a (- b c))) as sum(a - (b - c))"),
        ParseCase("* | sort a / b desc", "* | sort a / b(value (/ a b)) desc"),
        ParseCase("* | sort -a", "* | sort -a(value (neg a)) asc"),
    ]

    @Test(arguments: stageCases)
    func stages(_ c: ParseCase) throws {
        #expect(ASTRendering.render(try Parser.parse(c.query)) == c.ast)
    }

    /// Every error of values and the stages that compute, rendered with its caret.
    static let errorCases: [RenderedErrorCase] = [
        RenderedErrorCase(#"x == "a" + 1"#, "cannot add a string and a number at column 10", "         ^"),
        RenderedErrorCase(#"x == 1 + "a""#, "cannot add a number and a string at column 8", "       ^"),
        RenderedErrorCase(#"x + "a" > 1"#, "cannot add a string (arithmetic takes numbers and durations) at column 3", "  ^"),
        RenderedErrorCase("x + true > 1", "cannot add a boolean (arithmetic takes numbers and durations) at column 3", "  ^"),
        RenderedErrorCase("x * null > 1", "cannot multiply null (arithmetic takes numbers and durations) at column 3", "  ^"),
        RenderedErrorCase("x > 1 + 2024-03-11", "cannot add a number and a timestamp at column 7", "      ^"),
        RenderedErrorCase("x > 1 + 5ms", "cannot add a number and a duration at column 7", "      ^"),
        RenderedErrorCase("x > 5ms - 1", "cannot subtract a number from a duration at column 9", "        ^"),
        RenderedErrorCase("x > 5ms * 1ms", "cannot multiply a duration by a duration at column 9", "        ^"),
        RenderedErrorCase("x > 1 / 5ms", "cannot divide a number by a duration at column 7", "      ^"),
        RenderedErrorCase("x > 5ms % 2", "cannot take the remainder of a duration by a number at column 9", "        ^"),
        RenderedErrorCase("x > 1 % 5ms", "cannot take the remainder of a number by a duration at column 7", "      ^"),
        RenderedErrorCase(#"x > -"a""#, "cannot negate a string at column 5", "    ^"),
        RenderedErrorCase(#"x > round("a")"#, "round() takes a number, not a string at column 5", "    ^^^^^"),
        RenderedErrorCase("x > floor(5ms)", "floor() takes a number, not a duration at column 5", "    ^^^^^"),
        RenderedErrorCase("x > abs(true)", "abs() takes a number or a duration, not a boolean at column 5", "    ^^^"),
        RenderedErrorCase("x > len(5)", "len() takes a string or an array, not a number at column 5", "    ^^^"),
        RenderedErrorCase("x > len(a, b)", "len() takes one argument: len(path) at column 5", "    ^^^^^^^^^"),
        RenderedErrorCase("x > coalesce()", "coalesce() takes 1 to 64 arguments: coalesce(a, b, ...) at column 5", "    ^^^^^^^^^^"),
        RenderedErrorCase(
            "x > round(a, b)", "round() takes a whole number of digits from -15 to 15, as in round(x, 2) at column 14", "             ^"),
        RenderedErrorCase(
            "x > round(a, 1.5)", "round() takes a whole number of digits from -15 to 15, as in round(x, 2) at column 14", "             ^^^"
        ),
        RenderedErrorCase(
            "x > round(a, 16)", "round() takes a whole number of digits from -15 to 15, as in round(x, 2) at column 14", "             ^^"),
        RenderedErrorCase("x > len(a", "expected ',' or ')' after 'a' at column 10", "         ^"),
        RenderedErrorCase("x + > 1", "expected a value after '+' at column 5", "    ^"),
        RenderedErrorCase("x + 1", "expected a comparison (==, !=, <, <=, >, >=, ~, !~, in) after '1' at column 6", "     ^"),
        RenderedErrorCase("x > 1 +", "expected a value after '+' at column 8", "       ^"),
        RenderedErrorCase("x > (1 + a", "expected ')' for the '(' at column 5, found end of query at column 11", "          ^"),
        RenderedErrorCase("(a + 1", "expected a comparison (==, !=, <, <=, >, >=, ~, !~, in) after '1' at column 7", "      ^"),
        RenderedErrorCase("a > b", #"expected a value after '>'; to compare with the text b, quote it: "b" at column 5"#, "    ^"),
        RenderedErrorCase("a - 1 ~ /x/", "'~' tests a field's value; compute it first (| eval x = ...) and test x at column 1", "^^^^^"),
        RenderedErrorCase(
            "len(a) in [1]", "'in' tests a field's value; compute it first (| eval x = ...) and test x at column 1", "^^^^^^"),
        RenderedErrorCase(
            "tags[*] + 1 > 2",
            "[*] (any element) works only in a filter test on a plain path; arithmetic and functions take one value (use an index like [0]) at column 1",
            "^^^^^^^"),
        RenderedErrorCase(
            "tags[*] > a + 1",
            #"[*] (any element) is compared only with a constant (tags[*] == "x"); a computed value takes one value (use an index like [0]) at column 1"#,
            "^^^^^^^"),
        RenderedErrorCase("1 + 1 == 2", "expected a field name, found '1' at column 1", "^"),
        RenderedErrorCase(
            "* | eval", "expected a name for the computed field after 'eval', as in eval rate = errors / n at column 9", "        ^"),
        RenderedErrorCase("* | eval x", "expected '=' and a value after 'x' at column 11", "          ^"),
        RenderedErrorCase("* | eval x == 1", "use '=' to name a computed field at column 12", "           ^^"),
        RenderedErrorCase("* | eval x =", "expected a value after '=' at column 13", "            ^"),
        RenderedErrorCase(
            "* | eval x = 1,", "expected a name for the computed field after ',', as in eval rate = errors / n at column 16",
            "               ^"),
        RenderedErrorCase(
            "* | eval and = 1", "expected a name for the computed field after 'eval', as in eval rate = errors / n at column 10",
            "         ^^^"),
        RenderedErrorCase(
            "* | parse msg", #"expected 'with' and a regex after 'msg', as in parse msg with /took (?<ms>\d+)ms/ at column 14"#,
            "             ^"),
        RenderedErrorCase(
            "* | parse msg with x", #"expected a regex with named groups like /took (?<ms>\d+)ms/ after 'with' at column 20"#,
            "                   ^"),
        RenderedErrorCase("* | stats sum(1 + 2)", "expected a field name, found '1' at column 15", "              ^"),
        RenderedErrorCase("* | sort 1 + 2", "expected a field name, found '1' at column 10", "         ^"),
        RenderedErrorCase(
            #"* | stats avg("a" * x)"#, "cannot multiply a string (arithmetic takes numbers and durations) at column 19",
            "                  ^"),
    ]

    @Test(arguments: errorCases)
    func errors(_ c: RenderedErrorCase) {
        do {
            let query = try Parser.parse(c.query)
            Issue.record("parsed as \(ASTRendering.render(query))")
        } catch {
            #expect(error.rendered(query: c.query) == c.rendered)
        }
    }

    /// Column names: the value as written canonically, parentheses only where needed.
    static let names: [(String, String)] = [
        ("a+b*c", "a + b * c"),
        ("(a+b)*c", "(a + b) * c"),
        ("a - (b - c)", "a - (b - c)"),
        ("(a - b) - c", "a - b - c"),
        ("a/(b*c)", "a / (b * c)"),
        ("-(a+b)", "-(a + b)"),
        ("-a", "-a"),
        ("round(a/b,2)", "round(a / b, 2)"),
        (#"coalesce(a,"x",null)"#, #"coalesce(a, "x", null)"#),
        ("a + 5ms", "a + 5ms"),
        ("lower(msg)", "lower(msg)"),
    ]

    /// A conditional count is named by its test as written canonically.
    static let countNames: [(String, String)] = [
        (#"count(level() >= "error")"#, #"count(level() >= "error")"#),
        ("count(a==1 and not (b==2 or c==3))", "count(a == 1 and not (b == 2 or c == 3))"),
        ("count((a==1 or b==2) and c==3)", "count((a == 1 or b == 2) and c == 3)"),
        ("count(a==1 or b==2 and c==3)", "count(a == 1 or b == 2 and c == 3)"),
        (#"count(msg ~ /a\/b/i)"#, #"count(msg ~ /a\/b/i)"#),
        (#"count(msg !~ "x")"#, "count(msg !~ /x/)"),
        (#"count(s in ["a", 1, null])"#, #"count(s in ["a", 1, null])"#),
        (#"count(contains(msg, "x"))"#, #"count(contains(msg, "x"))"#),
        ("count(exists(a.b))", "count(exists(a.b))"),
        ("count(duration_ms/1000>2)", "count(duration_ms / 1000 > 2)"),
        ("count(d > 1500ms)", "count(d > 1500ms)"),
    ]

    @Test func conditionalCountNames() throws {
        for (text, name) in Self.countNames {
            guard case .stats(let aggregates, _)? = try Parser.parse("* | stats " + text).stages.first else {
                Issue.record("no stats: \(text)")
                continue
            }
            #expect(aggregates[0].name == name, "\(text)")
        }
    }

    @Test func canonicalNames() throws {
        for (text, name) in Self.names {
            #expect(try Parser.parseValue(text).description == name, "\(text)")
        }
    }
}
