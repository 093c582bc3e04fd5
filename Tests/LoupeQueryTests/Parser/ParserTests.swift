import LoupeTestSupport
import Testing

@testable import LoupeQuery

/// A query and its parse, rendered by `ASTRendering`.
struct ParseCase: CustomTestStringConvertible, Sendable {
    let query: String
    let ast: String
    var testDescription: String { query }
    init(_ query: String, _ ast: String) {
        self.query = query
        self.ast = ast
    }
}

@Suite("Parser")
struct ParserTests {
    static let filterCases: [ParseCase] = [
        ParseCase("*", "*"),
        // Comparisons: every operator, every kind of value.
        ParseCase(#"level == "error""#, #"(== level "error")"#),
        ParseCase("a != 1", "(!= a 1)"),
        ParseCase("a < 1.5", "(< a 1.5)"),
        ParseCase("a <= -2", "(<= a -2)"),
        ParseCase("a > 1e3", "(> a 1000)"),
        ParseCase("a >= 0", "(>= a 0)"),
        ParseCase("a == true", "(== a true)"),
        ParseCase("a == false", "(== a false)"),
        ParseCase("a == null", "(== a null)"),
        ParseCase("a != null", "(!= a null)"),
        ParseCase("d > 250ms", "(> d 250000000ns)"),
        ParseCase("ts >= 2024-03-11T08:00:00Z", "(>= ts ts:2024-03-11T08:00:00Z)"),
        ParseCase("a == 'single'", #"(== a "single")"#),
        // Paths: nested, bracketed keys, indexes, a leading bracket, non-ASCII, keyword after a dot.
        ParseCase("http.status >= 500", "(>= http.status 500)"),
        ParseCase("a.b.c.d == 1", "(== a.b.c.d 1)"),
        ParseCase("tags[0] == \"x\"", #"(== tags[0] "x")"#),
        ParseCase("a[2].b[10] == 1", "(== a[2].b[10] 1)"),
        ParseCase(#"["user-agent"] == "curl""#, #"(== ["user-agent"] "curl")"#),
        ParseCase(#"headers["user-agent"] == "curl""#, #"(== headers["user-agent"] "curl")"#),
        ParseCase(#"a["b.c"].d == 1"#, #"(== a["b.c"].d 1)"#),
        ParseCase(#"["not"] == 1"#, #"(== ["not"] 1)"#),
        ParseCase("a.not == 1", "(== a.not 1)"),
        ParseCase("@timestamp == 1", "(== @timestamp 1)"),
        ParseCase("user-agent == 1", "(== user-agent 1)"),
        ParseCase("héllo == 1", "(== héllo 1)"),
        ParseCase("exists == 1", "(== exists 1)"),
        ParseCase("contains.x == 1", "(== contains.x 1)"),
        // Any element of an array: [*] in every kind of test, nested, first, after a quoted key.
        ParseCase(#"tags[*] == "x""#, #"(== tags[*] "x")"#),
        ParseCase(#"tags[*] != "x""#, #"(!= tags[*] "x")"#),
        ParseCase(#"exceptions[*].type == "Timeout""#, #"(== exceptions[*].type "Timeout")"#),
        ParseCase("a[*].b[*].c >= 2", "(>= a[*].b[*].c 2)"),
        ParseCase("m[*][*] == 1", "(== m[*][*] 1)"),
        ParseCase("m[0][*] == 1", "(== m[0][*] 1)"),
        ParseCase("[*] == 1", "(== [*] 1)"),
        ParseCase(#"["a b"][*]["c.d"] == 1"#, #"(== ["a b"][*]["c.d"] 1)"#),
        ParseCase("exists(items[*].id)", "(exists items[*].id)"),
        ParseCase(#"contains(tags[*], "x")"#, #"(contains tags[*] "x")"#),
        ParseCase("msg[*] ~ /re/", "(~ msg[*] /re/)"),
        ParseCase("msg[*] !~ /re/", "(!~ msg[*] /re/)"),
        ParseCase(#"tags[*] in ["a", "b"]"#, #"(in tags[*] ["a", "b"])"#),
        ParseCase("a [ * ] == 1", "(== a[*] 1)"),
        // Regex matches.
        ParseCase("msg ~ /timeout|refused/i", "(~ msg /timeout|refused/i)"),
        ParseCase("msg !~ /x/ms", "(!~ msg /x/ms)"),
        ParseCase(#"msg ~ "a.c""#, "(~ msg /a.c/)"),
        // Membership.
        ParseCase(#"level in ["warn", "error"]"#, #"(in level ["warn", "error"])"#),
        ParseCase("x in []", "(in x [])"),
        ParseCase(#"x in [1, null, true, "s", 2.5]"#, #"(in x [1, null, true, "s", 2.5])"#),
        // Functions.
        ParseCase("exists(user.id)", "(exists user.id)"),
        ParseCase(#"contains(msg, "disk")"#, #"(contains msg "disk")"#),
        ParseCase(#"startswith(path, "/api")"#, #"(startswith path "/api")"#),
        ParseCase(#"endswith(["file-name"], ".log")"#, #"(endswith ["file-name"] ".log")"#),
        // Boolean structure: and binds tighter than or; not tighter than both; left associative.
        ParseCase("a == 1 and b == 2", "(and (== a 1) (== b 2))"),
        ParseCase("a == 1 or b == 2", "(or (== a 1) (== b 2))"),
        ParseCase("a == 1 or b == 2 and c == 3", "(or (== a 1) (and (== b 2) (== c 3)))"),
        ParseCase("a == 1 and b == 2 or c == 3", "(or (and (== a 1) (== b 2)) (== c 3))"),
        ParseCase("a == 1 or b == 2 or c == 3", "(or (or (== a 1) (== b 2)) (== c 3))"),
        ParseCase("a == 1 and b == 2 and c == 3", "(and (and (== a 1) (== b 2)) (== c 3))"),
        ParseCase("not a == 1 and b == 2", "(and (not (== a 1)) (== b 2))"),
        ParseCase("not a == 1 or b == 2", "(or (not (== a 1)) (== b 2))"),
        ParseCase("not not a == 1", "(not (not (== a 1)))"),
        ParseCase("not (a == 1 or b == 2)", "(not (or (== a 1) (== b 2)))"),
        ParseCase("(a == 1 or b == 2) and c == 3", "(and (or (== a 1) (== b 2)) (== c 3))"),
        ParseCase("((a == 1))", "(== a 1)"),
        ParseCase("a == 1 && b == 2 || !c == 3", "(or (and (== a 1) (== b 2)) (not (== c 3)))"),
        ParseCase("exists(a) and not exists(b)", "(and (exists a) (not (exists b)))"),
    ]

    @Test(arguments: filterCases)
    func filters(_ c: ParseCase) throws {
        #expect(ASTRendering.render(try Parser.parse(c.query)) == c.ast)
    }

    static let stageCases: [ParseCase] = [
        ParseCase(#"level == "error" | where status >= 500"#, #"(== level "error") | where (>= status 500)"#),
        ParseCase("* | count", "* | count as count"),
        ParseCase("* | count()", "* | count as count"),
        ParseCase("* | count as n", "* | count as n"),
        ParseCase("* | count by service", "* | count as count by service as service"),
        ParseCase("* | count by service.name as svc, level", "* | count as count by service.name as svc, level as level"),
        ParseCase("* | count by bucket(ts, 1m)", "* | count as count by bucket(ts, 60000000000ns) as ts"),
        ParseCase("* | count by bucket(ts, 5s) as t", "* | count as count by bucket(ts, 5000000000ns) as t"),
        ParseCase(
            "* | stats count(), sum(a), avg(a), mean(a), min(a), max(a), distinct(u)",
            "* | stats count() as count, sum(a) as sum(a), avg(a) as avg(a), avg(a) as mean(a), min(a) as min(a), max(a) as max(a), distinct(u) as distinct(u)"
        ),
        ParseCase(
            "* | stats p50(d), p75(d), p90(d), p95(d), p99(d), p999(d), median(d)",
            "* | stats percentile[50.0](d) as p50(d), percentile[75.0](d) as p75(d), percentile[90.0](d) as p90(d), percentile[95.0](d) as p95(d), percentile[99.0](d) as p99(d), percentile[99.9](d) as p999(d), percentile[50.0](d) as median(d)"
        ),
        ParseCase("* | stats percentile(d, 99.9) as slow by svc", "* | stats percentile[99.9](d) as slow by svc as svc"),
        ParseCase("* | stats count as n", "* | stats count() as n"),
        ParseCase("* | sort ts", "* | sort ts(path ts) asc"),
        ParseCase("* | sort a desc, b asc, c", "* | sort a(path a) desc, b(path b) asc, c(path c) asc"),
        ParseCase("* | count by s | sort count desc", "* | count as count by s as s | sort count(path count) desc"),
        ParseCase("* | stats p99(d) by s | sort p99(d) desc", "* | stats percentile[99.0](d) as p99(d) by s as s | sort p99(d) desc"),
        ParseCase("* | limit 5", "* | limit 5"),
        ParseCase("* | limit 0", "* | limit 0"),
        ParseCase("* | fields ts, msg as m", "* | fields ts as ts, msg as m"),
        ParseCase(#"* | distinct user.id, ["k-1"]"#, #"* | distinct user.id as user.id, ["k-1"] as ["k-1"]"#),
        ParseCase("* | count by a | where count > 1 | limit 2", "* | count as count by a as a | where (> count 1) | limit 2"),
    ]

    @Test(arguments: stageCases)
    func stages(_ c: ParseCase) throws {
        #expect(ASTRendering.render(try Parser.parse(c.query)) == c.ast)
    }

    static let errorCases: [RenderedErrorCase] = [
        RenderedErrorCase("", "empty query (use '*' to match every record) at column 1", "^"),
        RenderedErrorCase("   ", "empty query (use '*' to match every record) at column 4", "   ^"),
        RenderedErrorCase("level >=", "expected a value after '>=' at column 9", "        ^"),
        RenderedErrorCase(
            #"level == "error" and http.status >="#, "expected a value after '>=' at column 36", String(repeating: " ", count: 35) + "^"),
        RenderedErrorCase("level >= )", "expected a value after '>=' at column 10", "         ^"),
        RenderedErrorCase(
            "level == error", #"expected a value after '=='; to compare with the text error, quote it: "error" at column 10"#,
            "         ^^^^^"),
        RenderedErrorCase("level = 1", "use '==' to compare at column 7", "      ^"),
        RenderedErrorCase("level", "expected a comparison (==, !=, <, <=, >, >=, ~, !~, in) after 'level' at column 6", "     ^"),
        RenderedErrorCase("level 1", "expected a comparison (==, !=, <, <=, >, >=, ~, !~, in) after 'level' at column 7", "      ^"),
        RenderedErrorCase("msg ~ 5", "expected a regex like /timeout/i after '~' at column 7", "      ^"),
        RenderedErrorCase("msg !~", "expected a regex like /timeout/i after '!~' at column 7", "      ^"),
        RenderedErrorCase(#"x in "a""#, #"expected '[' to start a list after 'in' at column 6"#, "     ^^^"),
        RenderedErrorCase(#"x in ["a" "b"]"#, #"expected ',' or ']' after "a" at column 11"#, "          ^^^"),
        RenderedErrorCase("x in [", "expected a value after '[' at column 7", "      ^"),
        RenderedErrorCase("x in [1,]", "expected a value after ',' at column 9", "        ^"),
        RenderedErrorCase("(a == 1", "expected ')' for the '(' at column 1, found end of query at column 8", "       ^"),
        RenderedErrorCase("(a == 1 b", "expected ')' for the '(' at column 1, found 'b' at column 9", "        ^"),
        RenderedErrorCase("a == 1 and", "expected an expression after 'and' at column 11", "          ^"),
        RenderedErrorCase("a == 1 or )", "expected an expression after 'or' at column 11", "          ^"),
        RenderedErrorCase("a == 1 && | count", "expected an expression after '&&' at column 11", "          ^"),
        RenderedErrorCase("not", "expected a field name after 'not' at column 4", "   ^"),
        RenderedErrorCase(
            "and == 1", #"expected a field name, found the keyword 'and' (quote it as ["and"] to use it as a key) at column 1"#, "^^^"),
        RenderedErrorCase(
            "null == 1", #"expected a field name, found the keyword 'null' (quote it as ["null"] to use it as a key) at column 1"#, "^^^^"),
        RenderedErrorCase(#""x" == 1"#, #"expected a field name, found "x" at column 1"#, "^^^"),
        RenderedErrorCase("== 1", "expected a field name, found '==' at column 1", "^^"),
        RenderedErrorCase("5 == 1", "expected a field name, found '5' at column 1", "^"),
        RenderedErrorCase("a == 1 b", "unexpected 'b' after '1' at column 8", "       ^"),
        RenderedErrorCase("a == 1)", "unexpected ')' after '1' at column 7", "      ^"),
        RenderedErrorCase("* and a == 1", "unexpected 'and' after '*' at column 3", "  ^^^"),
        RenderedErrorCase("a. b == 1", "expected a field name after '.' at column 4", "   ^"),
        RenderedErrorCase("a. == 1", "expected a field name after '.' at column 4", "   ^^"),
        RenderedErrorCase("a[ == 1", "expected an array index, a quoted key or * after '[' at column 4", "   ^^"),
        RenderedErrorCase("a[-1] == 1", "expected an array index, a quoted key or * after '[' at column 3", "  ^^"),
        RenderedErrorCase("a[1.5] == 1", "expected an array index, a quoted key or * after '[' at column 3", "  ^^^"),
        // [*] names many values: only a filter test takes it, never a key, sort, aggregate or column.
        RenderedErrorCase(
            "* | count by tags[*]",
            "[*] (any element) works only in a filter test on a plain path; a key, sort, aggregate, column or function takes one value (use an index like [0]) at column 18",
            "                 ^^^"),
        RenderedErrorCase(
            "* | stats p99(spans[*].ms)",
            "[*] (any element) works only in a filter test on a plain path; a key, sort, aggregate, column or function takes one value (use an index like [0]) at column 20",
            "                   ^^^"),
        RenderedErrorCase(
            "* | sort a[*] desc",
            "[*] (any element) works only in a filter test on a plain path; a key, sort, aggregate, column or function takes one value (use an index like [0]) at column 11",
            "          ^^^"),
        RenderedErrorCase(
            "* | fields a, b[*].c",
            "[*] (any element) works only in a filter test on a plain path; a key, sort, aggregate, column or function takes one value (use an index like [0]) at column 16",
            "               ^^^"),
        RenderedErrorCase(
            "* | count by bucket(t[*], 1m)",
            "[*] (any element) works only in a filter test on a plain path; a key, sort, aggregate, column or function takes one value (use an index like [0]) at column 22",
            "                     ^^^"),
        RenderedErrorCase(
            #"lower(tags[*]) == "x""#,
            "[*] (any element) works only in a filter test on a plain path; a key, sort, aggregate, column or function takes one value (use an index like [0]) at column 11",
            "          ^^^"),
        RenderedErrorCase(
            #"contains(tags[*], "X", i)"#, "the flag i does not go with [*] (any element) yet at column 24", "                       ^"),
        RenderedErrorCase("a[*.b == 1", "expected ']' after '*' at column 4", "   ^"),
        RenderedErrorCase("a[**] == 1", "expected ']' after '*' at column 4", "   ^"),
        RenderedErrorCase(#"a["x" == 1"#, #"expected ']' after "x" at column 7"#, "      ^^"),
        RenderedErrorCase("exists(a", "expected ')' after 'a' at column 9", "        ^"),
        RenderedErrorCase("exists()", "expected a field name, found ')' at column 8", "       ^"),
        RenderedErrorCase("exists a", "expected a comparison (==, !=, <, <=, >, >=, ~, !~, in) after 'exists' at column 8", "       ^"),
        RenderedErrorCase("contains(a)", "expected ',' and a string after 'a' at column 11", "          ^"),
        RenderedErrorCase("contains(a, 5)", "contains() takes a string after the path at column 13", "            ^"),
        RenderedErrorCase(#"startswith(a, "x""#, #"expected ')' after "x" at column 18"#, "                 ^"),
        RenderedErrorCase(#"endswith(a, x)"#, "endswith() takes a string after the path at column 13", "            ^"),
        // Stages.
        RenderedErrorCase(
            "* |",
            "expected a stage after '|' (where, eval, parse, count, stats, sort, limit, fields or distinct), found end of query at column 4",
            "   ^"),
        RenderedErrorCase(
            "* | foo",
            "expected a stage after '|' (where, eval, parse, count, stats, sort, limit, fields or distinct), found 'foo' at column 5",
            "    ^^^"),
        RenderedErrorCase("* | where", "expected a field name after 'where' at column 10", "         ^"),
        RenderedErrorCase("* | limit x", "expected a whole number after 'limit' at column 11", "          ^"),
        RenderedErrorCase("* | limit -1", "expected a whole number after 'limit' at column 11", "          ^^"),
        RenderedErrorCase("* | limit 1.5", "expected a whole number after 'limit' at column 11", "          ^^^"),
        RenderedErrorCase("* | count as", "expected a name after 'as' at column 13", "            ^"),
        RenderedErrorCase("* | count by", "expected a field name after 'by' at column 13", "            ^"),
        RenderedErrorCase("* | count by a,", "expected a field name after ',' at column 16", "               ^"),
        RenderedErrorCase(
            "* | count by bucket(ts, 5)", "expected a duration like 1m or 5s after ',' at column 25", "                        ^"),
        RenderedErrorCase("* | count by bucket(ts 1m)", "expected ',' and a duration after 'ts' at column 24", "                       ^^"),
        RenderedErrorCase("* | count by bucket(ts, 1m", "expected ')' after duration at column 27", "                          ^"),
        RenderedErrorCase(
            "* | stats foo(x)",
            "expected an aggregate (count(), sum, avg, min, max, distinct, p50, p90, p95, p99, p999, percentile(path, Q)), found 'foo' at column 11",
            "          ^^^"),
        RenderedErrorCase("* | stats sum x", "expected '(' after 'sum' at column 15", "              ^"),
        RenderedErrorCase("* | stats sum(x", "expected ')' after 'x' at column 16", "               ^"),
        RenderedErrorCase(
            "* | stats percentile(x)", "expected ',' and a percent between 0 and 100 after 'x' at column 23", "                      ^"),
        RenderedErrorCase(
            "* | stats percentile(x, 200)", "expected a percent between 0 and 100 at column 25", "                        ^^^"),
        RenderedErrorCase("* | sort", "expected a field name after 'sort' at column 9", "        ^"),
        RenderedErrorCase("* | fields a b", "unexpected 'b' after 'a' at column 14", "             ^"),
        RenderedErrorCase("* | limit 1 x", "unexpected 'x' after '1' at column 13", "            ^"),
        // Lexer errors come out rendered the same way.
        RenderedErrorCase(#"level == "error"#, "unterminated string at column 10", "         ^^^^^^"),
        RenderedErrorCase("a==1and b==2", "unknown duration unit 'and' (use ns, us, ms, s, m, h or d) at column 5", "    ^^^"),
        RenderedErrorCase("msg ~ /x/q", "unknown regex flag 'q' (use i, m, s or x) at column 10", "         ^"),
        // Columns count characters, not bytes; carets cover the token.
        RenderedErrorCase(
            "é == error", #"expected a value after '=='; to compare with the text error, quote it: "error" at column 6"#, "     ^^^^^"),
        RenderedErrorCase("\"日本\" == 1", #"expected a field name, found "日本" at column 1"#, "^^^^"),
        // Tabs and newlines in the query print as spaces so the caret stays aligned.
        RenderedErrorCase("a ==\t\nb", #"expected a value after '=='; to compare with the text b, quote it: "b" at column 7"#, "      ^"),
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

    @Test func parseExpressionRejectsStages() {
        #expect(throws: QueryError("unexpected '|' after '1'", at: SourceRange(7, 8))) { try Parser.parseExpression("a == 1 | count") }
        #expect(throws: Never.self) { try Parser.parseExpression("a == 1 and b == 2") }
    }

    @Test func parsePathTakesOnlyAPath() throws {
        #expect(ASTRendering.render(try Parser.parsePath(#"headers["user-agent"][0].x"#)) == #"headers["user-agent"][0].x"#)
        #expect(throws: QueryError("unexpected '==' after 'a'", at: SourceRange(2, 4))) { try Parser.parsePath("a == 1") }
    }

    @Test func expressionRangesCoverTheirText() throws {
        let query = try Parser.parse(#"not (a == 1) or msg ~ /x/i and b in [1, 2]"#)
        guard case .or(let left, let right) = query.filter, case .and(let regex, let member) = right else {
            Issue.record("unexpected shape \(ASTRendering.render(query))")
            return
        }
        #expect(left.range == SourceRange(0, 11))
        #expect(regex.range == SourceRange(16, 26))
        #expect(member.range == SourceRange(31, 42))
        #expect(query.filter.range == SourceRange(0, 42))
    }
}
