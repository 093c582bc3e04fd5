import LoupeTestSupport
import Testing

@testable import LoupeQuery

/// The functions that stand for a path (`level()`, `time()`, `message()`, `lower(p)`,
/// `upper(p)`) wherever a path goes, and the `i` flag of contains/startswith/endswith.
@Suite("Path functions")
struct PathFunctionParsingTests {
    static let parsed: [(String, String)] = [
        (#"level() >= "warn""#, #"(>= level() "warn")"#),
        ("time() > 2025-11-07T16:00:00Z", "(> time() ts:2025-11-07T16:00:00Z)"),
        (#"message() ~ /x/i"#, "(~ message() /x/i)"),
        (#"lower(http.method) == "get""#, #"(== lower(http.method) "get")"#),
        (#"upper(["user-agent"]) == "X""#, #"(== upper(["user-agent"]) "X")"#),
        ("exists(level())", "(exists level())"),
        (#"contains(msg, "TimeOut", i)"#, #"(contains lower(msg) "timeout")"#),
        (#"startswith(message(), "É", i)"#, #"(startswith lower(message()) "é")"#),
        (#"endswith(lower(msg), "X", i)"#, #"(endswith lower(lower(msg)) "x")"#),
        // Without parentheses these are fields as before.
        (#"level == "x" and time == 1 and lower == 2"#, #"(and (and (== level "x") (== time 1)) (== lower 2))"#),
        ("* | count by level(), bucket(time(), 1m)", "* | count as count by level() as level(), bucket(time(), 60000000000ns) as time()"),
        (
            "* | fields time(), lower(msg) | sort time() desc",
            "* | fields time() as time(), lower(msg) as lower(msg) | sort time()(path time()) desc"
        ),
        ("* | stats p99(lower(x)) by message()", "* | stats percentile[99.0](lower(x)) as p99(lower(x)) by message() as message()"),
    ]

    @Test(arguments: parsed)
    func parses(_ query: String, _ expected: String) throws {
        #expect(ASTRendering.render(try Parser.parse(query)) == expected)
    }

    @Test func columnNamesAreTheFunctionsAsWritten() throws {
        let query = try Parser.parse("* | count by level(), lower(a.b), upper(message())")
        guard case .count(let keys, _) = query.stages[0] else { Issue.record("not a count"); return }
        #expect(keys.map(\.name) == ["level()", "lower(a.b)", "upper(message())"])
    }

    static let errors: [(String, String)] = [
        ("level(x) == 1", "expected ')' (level() takes no argument) after '(' at column 7"),
        ("lower() == 1", "lower() takes a field path, as in lower(msg) at column 7"),
        ("lower(a, b) == 1", "expected ')' after 'a' at column 8"),
        (#"contains(msg, "x", j)"#, "expected the flag i (case-insensitive) after ',' at column 20"),
        (#"contains(msg, "x", i, i)"#, "expected ')' after 'i' at column 21"),
        ("exists(msg, i)", "expected ')' after 'msg' at column 11"),
    ]

    @Test(arguments: errors)
    func rejects(_ query: String, _ message: String) {
        #expect(throws: QueryError.self) { try Parser.parse(query) }
        do { _ = try Parser.parse(query) } catch { #expect(error.description == message) }
    }
}
