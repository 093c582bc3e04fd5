import LoupeQuery
import LoupeTestSupport
import Testing

@testable import LoupeEngine

/// `eval`, `parse` and `count(EXPR)` compiled and run over records: what each record gets,
/// what a name resolves to, and the compile errors of stages in the wrong place.
@Suite("Computed stages")
struct ComputedStageTests {
    /// The `fields` rows of `query` over `lines`, each cell as JSON text.
    static func fields(_ query: String, _ lines: [String]) throws -> [[String]] {
        let program = try StageHarness.program(query)
        return StageHarness.process(program, lines).rows.map { $0.map(\.jsonText) }
    }

    /// A named group becomes a string field; a record whose value does not match, is not a
    /// string or is missing goes on with the field missing; escapes are decoded first.
    @Test func parseMakesFieldsOfNamedGroups() throws {
        let lines = [
            #"{"msg":"took 15ms (db)"}"#,
            #"{"msg":"nothing here"}"#,
            #"{"msg":42}"#,
            #"{}"#,
            #"{"msg":"took \u0031\u00327ms (caf\u00e9)"}"#,
            #"{"msg":"took 3ms"}"#,
        ]
        let rows = try Self.fields(#"* | parse msg with /took (?<ms>\d+)ms(?: \((?<who>[^)]*)\))?/ | fields ms, who"#, lines)
        #expect(
            rows == [
                [#""15""#, #""db""#], ["null", "null"], ["null", "null"], ["null", "null"], [#""127""#, #""café""#], [#""3""#, "null"],
            ])
    }

    /// Later stages read the groups as fields: a filter, an aggregate (numeric strings are
    /// numbers), a key.
    @Test func parsedFieldsAggregate() throws {
        let lines = [
            #"{"s":"a","msg":"took 10ms"}"#, #"{"s":"a","msg":"took 30ms"}"#, #"{"s":"b","msg":"took 5ms"}"#, #"{"s":"b","msg":"x"}"#,
        ]
        let rows = try StageHarness.rows(#"* | parse msg with /took (?<ms>\d+)ms/ | where ms > 6 | stats sum(ms), count() by s"#, lines)
        #expect(rows == [[#""a""#, "40", "2"]])
    }

    /// An `eval` name shadows a record field from its stage on; a filter before it still reads
    /// the field, and a later assignment reads an earlier one.
    @Test func evalNamesShadowFieldsFromTheirStageOn() throws {
        let lines = [#"{"x":1,"y":10}"#, #"{"x":5,"y":10}"#]
        #expect(try Self.fields("x < 3 | eval x = y * 2, z = x + 1 | fields x, z", lines) == [["20", "21"]])
        #expect(try Self.fields("* | eval x = y * 2 | where x == 20 | fields x, y", lines) == [["20", "10"], ["20", "10"]])
    }

    /// count(EXPR) is 0 in a group where EXPR never holds, and counts records, not values.
    @Test func conditionalCount() throws {
        let lines = [#"{"s":"a","status":500}"#, #"{"s":"a","status":200}"#, #"{"s":"b"}"#, #"{"s":"a","status":"503"}"#]
        let rows = try StageHarness.rows("* | stats count(), count(status >= 500), count(not exists(status)) by s", lines)
        #expect(rows == [[#""a""#, "3", "2", "0"], [#""b""#, "1", "0", "1"]])
    }

    /// Computed aggregate arguments (a division by zero is left out as null).
    @Test func computedArguments() throws {
        let lines = [#"{"a":4,"b":2}"#, #"{"a":9,"b":3}"#, #"{"a":1,"b":0}"#]
        #expect(try StageHarness.rows("* | stats sum(a / b), max(a - b), avg(-a)", lines) == [["5", "6", "-4.666666666666667"]])
    }

    static let errorCases: [RenderedErrorCase] = [
        RenderedErrorCase(
            #"* | count by s | parse s with /(?<x>.)/"#,
            "parse works on records: put it before count, stats, fields or distinct at column 24",
            "                       ^"),
        RenderedErrorCase(
            "* | count by s | stats count(count > 1)",
            "count(EXPR) counts records: over a table's rows, filter first (| where EXPR | count) at column 24",
            "                       ^^^^^^^^^^^^^^^^"),
        RenderedErrorCase(
            "* | count by s | stats sum(count * 2)",
            "a computed value over a table's rows goes in eval first (| eval x = count * 2 | ...), then by its name at column 28",
            "                           ^^^^^^^^^"),
        RenderedErrorCase(
            #"* | parse msg with /took \d+/"#,
            #"parse needs a named group, as in /took (?<ms>\d+)ms/: each group becomes a field at column 20"#,
            "                   ^^^^^^^^^^"),
        RenderedErrorCase(
            #"* | parse msg with /(?<a>/"#, "invalid regex: missing closing parenthesis at column 26", "                         ^"),
        RenderedErrorCase("x > 1 + 2024-13-45", "cannot add a number and a timestamp at column 7", "      ^"),
        RenderedErrorCase(
            "coalesce(x, 2024-13-45) > 1", "invalid timestamp '2024-13-45' (use RFC 3339, like 2024-03-11T08:00:00Z) at column 13",
            "            ^^^^^^^^^^"),
    ]

    @Test(arguments: errorCases)
    func rejects(_ c: RenderedErrorCase) throws {
        do {
            _ = try Compiler.compile(try Parser.parse(c.query))
            Issue.record("compiled")
        } catch {
            #expect(error.rendered(query: c.query) == c.rendered)
        }
    }

    /// Computed comparisons add nothing to the prefilter, and a `where` after `eval` or
    /// `parse` neither: the computed value's text need not be in the line.
    @Test func computedValuesAddNoNeedles() throws {
        #expect(try StageHarness.program("duration_ms / 1000 > 2").needles == nil)
        #expect(try StageHarness.program(#"* | eval x = coalesce(a, "abc") | where x == "abc""#).needles == nil)
        #expect(try StageHarness.program(#"level == "error" | eval x = a + 1 | where x == 2"#).needles != nil)
        // A constant before a path is the path's comparison: the same needles.
        let mirrored = try StageHarness.program(#""error" == level"#).needles
        #expect(mirrored == (try StageHarness.program(#"level == "error""#).needles))
        #expect(mirrored != nil)
    }
}
