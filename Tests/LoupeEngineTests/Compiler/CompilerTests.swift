import LoupeQuery
import LoupeTestSupport
import Testing

@testable import LoupeEngine

/// A query and the prefilter needles it must derive (nil: every record may match).
struct NeedleCase: CustomTestStringConvertible, Sendable {
    let query: String
    let needles: [String]?
    var testDescription: String { query }
    init(_ query: String, _ needles: [String]?) {
        self.query = query
        self.needles = needles
    }
}

@Suite("Compiler and prefilter")
struct CompilerTests {
    static let needleCases: [NeedleCase] = [
        NeedleCase(#"level == "error""#, [#""error""#, #"\u"#]),
        NeedleCase("http.status >= 500", ["status", #"\u"#]),
        NeedleCase("a[0] == 1", ["a", #"\u"#]),
        NeedleCase(#"["user-agent"] ~ /curl/"#, ["user-agent", #"\u"#]),
        NeedleCase(#"level == "error" and a == 1"#, [#""error""#, #"\u"#]),
        NeedleCase(#"a == 1 and level == "error""#, [#""error""#, #"\u"#]),
        NeedleCase(#"level == "error" or level == "warn""#, [#""error""#, #""warn""#, #"\u"#]),
        NeedleCase(#"level in ["warn", "error"]"#, [#""warn""#, #""error""#, #"\u"#]),
        NeedleCase(#"level in ["warn", 1]"#, ["level", #"\u"#]),
        NeedleCase(#"contains(msg, "disk")"#, ["disk", #"\u"#]),
        NeedleCase(#"startswith(msg, "GET ")"#, ["GET ", #"\u"#]),
        NeedleCase(#"contains(msg, "")"#, ["msg", #"\u"#]),
        NeedleCase("exists(user.id)", ["id", #"\u"#]),
        NeedleCase("msg ~ /x/", ["msg", #"\u"#]),
        // Values with a short JSON escape can hide from a byte search: fall back to the key.
        NeedleCase(#"path == "/api""#, ["path", #"\u"#]),
        NeedleCase(#"msg == 'a"b'"#, ["msg", #"\u"#]),
        NeedleCase(#"msg == "a\nb""#, ["msg", #"\u"#]),
        NeedleCase(#"["a/b"] == 1"#, nil),
        // Tests that a missing field passes, negations and `*` need every record.
        NeedleCase("*", nil),
        NeedleCase("a != 1", nil),
        NeedleCase("a == null", nil),
        NeedleCase("a in [1, null]", nil),
        NeedleCase("a in []", nil),
        NeedleCase("not a == 1", nil),
        NeedleCase("msg !~ /x/", nil),
        NeedleCase(#"level == "error" or a != 1"#, nil),
        NeedleCase(#"level == "error" and a != 1"#, [#""error""#, #"\u"#]),
        // A mapped value (lower, upper, the normalised level and time) is not in the record as
        // written: only the key of a path it maps can be looked for; a well-known field may be
        // any of several keys. message() is a value of the record as written.
        NeedleCase(#"lower(level) == "error""#, ["level", #"\u"#]),
        NeedleCase(#"contains(msg, "Timeout", i)"#, ["msg", #"\u"#]),
        NeedleCase(#"upper(level) in ["ERROR"]"#, ["level", #"\u"#]),
        NeedleCase(#"level() == "error""#, nil),
        NeedleCase("time() > 2025-11-07T16:00:00Z", nil),
        NeedleCase(#"contains(message(), "disk")"#, ["disk", #"\u"#]),
        NeedleCase(#"message() == "disk full""#, [#""disk full""#, #"\u"#]),
        NeedleCase(#"contains(message(), "disk", i)"#, nil),
        NeedleCase(#"level() == "error" and status >= 500"#, ["status", #"\u"#]),
    ]

    /// A query without the functions computes nothing after the scan: its evaluation is
    /// today's, on the hot path's bytes.
    @Test(arguments: [#"level == "error""#, "* | count by service", "* | fields ts, msg | sort ts", "status >= 500 | stats p99(ms)"])
    func plainQueriesDeriveNothing(_ query: String) throws {
        #expect(try EngineHarness.program(query).derived.isEmpty)
    }

    @Test(arguments: needleCases)
    func derivesNeedles(_ c: NeedleCase) throws {
        let program = try EngineHarness.program(c.query)
        #expect(program.needles?.map { String(decoding: $0, as: UTF8.self) } == c.needles)
    }

    static let errorCases: [RenderedErrorCase] = [
        RenderedErrorCase("msg ~ /(/", "invalid regex: missing closing parenthesis at column 9", "        ^"),
        RenderedErrorCase("msg ~ /a{2,1}/", "invalid regex: numbers out of order in {} quantifier at column 13", "            ^"),
        RenderedErrorCase(
            "x == 1 or msg ~ /[z-a]/i", "invalid regex: range out of order in character class at column 21", "                    ^"),
        RenderedErrorCase(#"msg ~ "(""#, "invalid regex: missing closing parenthesis at column 9", "        ^"),
        RenderedErrorCase(
            "ts > 2024-13-45", "invalid timestamp '2024-13-45' (use RFC 3339, like 2024-03-11T08:00:00Z) at column 1", "^^^^^^^^^^^^^^^"),
        RenderedErrorCase(
            "* | count by a | sort b", "no column 'b' to sort by (columns: 'a', 'count') at column 23", "                      ^"),
        RenderedErrorCase(
            "a == 1 | sort count() desc", "'count' is not a field; sort by an aggregate after count or stats at column 15",
            "              ^^^^^^^^^^^^"),
    ]

    @Test(arguments: errorCases)
    func rejects(_ c: RenderedErrorCase) throws {
        let query = try Parser.parse(c.query)
        do {
            _ = try Compiler.compile(query)
            Issue.record("compiled")
        } catch {
            #expect(error.rendered(query: c.query) == c.rendered)
        }
    }

    @Test func pathsAreSharedAndTestedSlotsListed() throws {
        let program = try EngineHarness.program(#"level == "error" and (level != "x" or http.status >= 500) and exists(tags[0])"#)
        #expect(program.paths.paths.map(\.description) == ["level", "http.status", "tags[0]"])
        #expect(program.testedSlots == [0, 1, 2])
        #expect(program.regexes.isEmpty)
        if case .lines = program.plan {} else { Issue.record("a filter compiles to printed lines") }
    }

    @Test func leadingWhereStagesJoinTheFilter() throws {
        let a = try EngineHarness.program(#"level == "error" | where status >= 500"#)
        if case .and(.compare(slot: 0, .equal, _), .compare(slot: 1, .greaterOrEqual, _)) = a.predicate {
        } else {
            Issue.record("not folded: \(a.predicate)")
        }
        let b = try EngineHarness.program("* | where status >= 500")
        if case .compare(slot: 0, .greaterOrEqual, .number(500)) = b.predicate {} else { Issue.record("not folded: \(b.predicate)") }
        #expect(b.needles?.first == Array("status".utf8))
    }
}
