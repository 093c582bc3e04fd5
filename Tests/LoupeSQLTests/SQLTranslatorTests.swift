import LoupeEngine
import Testing

@testable import LoupeSQL

/// The SQL text of each construct, in both dialects: the fragment that carries loupe's
/// semantics. (`scripts/sql-differential` runs the SQL and compares the rows with loupe's.)
struct SQLTranslatorTests {
    struct Case: Sendable, CustomStringConvertible {
        var query: String
        var duckdb: [String]
        var clickhouse: [String]
        var description: String { query }
    }

    static func sql(_ query: String, _ dialect: SQLDialect, spans: Bool = false) throws -> String {
        try SQLTranslator.translate(query, dialect: dialect, source: SQLSource("app.log"), spans: spans).sql
    }

    static let cases: [Case] = [
        // Missing and null: `== null` holds for both, `!=` is the negation of `==`.
        Case(
            query: "user == null", duckdb: ["IS NULL OR v1 = 'null'", "CAST(json_extract(line, '/user') AS VARCHAR)"],
            clickhouse: ["IS NULL OR v1 = 'null'", "nullIf(JSONExtractRaw(line, 'user'), '')"]),
        Case(query: "user != \"x\"", duckdb: ["(NOT coalesce("], clickhouse: ["(NOT coalesce("]),
        // A number compares with numeric strings; exact integers stay integers.
        Case(
            query: "status >= 500",
            duckdb: ["regexp_full_match(json_extract_string(v1, '$'), '-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?')", ">= 500"],
            clickhouse: ["match(JSONExtractString(v1), '^(?:-?(0|[1-9][0-9]*)(\\\\.[0-9]+)?([eE][+-]?[0-9]+)?)$')", ">= 500"]),
        Case(
            query: "id == 1712790000123000001", duckdb: ["AS BIGINT) = 1712790000123000001"],
            clickhouse: ["toInt64OrNull((CASE WHEN match(v1, '^(?:-?[0-9].*)$')", "= 1712790000123000001"]),
        // Strings: a string literal only meets strings, compared bytewise.
        Case(
            query: "service < \"b\"", duckdb: ["starts_with(v1, '\"') AND json_extract_string(v1, '$') < 'b'"],
            clickhouse: ["startsWith(v1, '\"') AND JSONExtractString(v1) < 'b'"]),
        Case(query: "msg == \"it's\"", duckdb: ["= 'it''s'"], clickhouse: ["= 'it\\'s'"]),
        Case(
            query: "msg == \"'); DROP TABLE logs; --\"", duckdb: ["= '''); DROP TABLE logs; --'"],
            clickhouse: ["= '\\'); DROP TABLE logs; --'"]),
        // Paths: nested first, then the key with dots; quoted keys; indexes from 0 (ClickHouse from 1).
        Case(
            query: "http.status == 500",
            duckdb: ["coalesce(CAST(json_extract(line, '/http/status') AS VARCHAR), CAST(json_extract(line, '/http.status') AS VARCHAR))"],
            clickhouse: ["coalesce(nullIf(JSONExtractRaw(line, 'http', 'status'), ''), nullIf(JSONExtractRaw(line, 'http.status'), ''))"]),
        Case(
            query: "[\"user-agent\"] == \"curl\"", duckdb: ["json_extract(line, '/user-agent')"],
            clickhouse: ["JSONExtractRaw(line, 'user-agent')"]),
        Case(
            query: "[\"a/b~c'\"] == 1", duckdb: ["json_extract(line, '/a~1b~0c''')"], clickhouse: ["JSONExtractRaw(line, 'a/b~c\\'')"]),
        Case(query: "tags[0] == \"x\"", duckdb: ["json_extract(line, '/tags/0')"], clickhouse: ["JSONExtractRaw(line, 'tags', 1)"]),
        // [*]: some element passes; `!=` is no element equal.
        Case(
            query: "tags[*] == \"x\"", duckdb: ["list_filter(CAST(json_extract(", "lambda e0:"],
            clickhouse: ["arrayExists(e0 ->", "JSONExtractArrayRaw("]),
        Case(query: "tags[*] != \"x\"", duckdb: ["(NOT coalesce(len(list_filter("], clickhouse: ["(NOT arrayExists("]),
        // Functions and the i flag (read as lower(path) with the literal lowered).
        Case(
            query: "contains(msg, \"Out\", i)", duckdb: ["contains(json_extract_string(v1, '$'), 'out')", "lower("],
            clickhouse: ["position(", "'out')", "lowerUTF8("]),
        Case(
            query: "startswith(msg, \"a\")", duckdb: ["starts_with(json_extract_string(v1, '$'), 'a')"],
            clickhouse: ["startsWith(JSONExtractString(v1), 'a')"]),
        Case(query: "endswith(msg, \"a\")", duckdb: ["ends_with("], clickhouse: ["endsWith("]),
        Case(query: "exists(user.id)", duckdb: ["(v1 IS NOT NULL)"], clickhouse: ["(v1 IS NOT NULL)"]),
        Case(query: "service in [\"a\", 5]", duckdb: [" = 'a'", " OR ", "= 5"], clickhouse: [" = 'a'", " OR ", "= 5"]),
        Case(
            query: "msg ~ /a'b\\\\c/i", duckdb: ["regexp_matches(json_extract_string(v1, '$'), '(?i)a''b\\\\c')"],
            clickhouse: ["match(JSONExtractString(v1), '(?i)a\\'b\\\\\\\\c')"]),
        // Durations: a field's unit from its name, a span's duration in nanoseconds, duration strings.
        // A number in its field's unit against the literal in that unit (1.000493 s is 1000.493 ms).
        Case(query: "duration_ms > 250ms", duckdb: ["AS DOUBLE) > 250 WHEN"], clickhouse: ["toFloat64OrNull(v1) > 250 WHEN"]),
        Case(query: "elapsed_seconds == 1000.493ms", duckdb: ["AS DOUBLE) = 1.000493 WHEN"], clickhouse: ["toFloat64OrNull(v1) = 1.000493 WHEN"]),
        Case(query: "latency > 1s", duckdb: ["WHEN 'ms' THEN 1000000"], clickhouse: ["WHEN 'ms' THEN 1000000"]),
        // Time: RFC 3339 or epochs by magnitude; the literal in nanoseconds.
        Case(
            query: "ts >= 2024-03-11T08:00:00Z", duckdb: [">= 1710144000000000000", "< 1e11"],
            clickhouse: [">= 1710144000000000000", "makeDateTime64("]),
        // Stages.
        Case(
            query: "* | count by bucket(ts, 1m)", duckdb: ["% 60000000000", "GROUP BY k0"], clickhouse: ["% 60000000000", "GROUP BY k0"]),
        Case(
            query: "* | stats p99(duration_ms), percentile(duration_ms, 12.5) by service",
            duckdb: ["quantile_cont(", ", 0.99)", ", 0.125)"],
            clickhouse: ["quantileExactInclusive(0.99)(", "quantileExactInclusive(0.125)("]),
        Case(
            query: "* | stats sum(n)", duckdb: ["AS HUGEINT", "BETWEEN -9223372036854775808 AND 9223372036854775807"],
            clickhouse: ["toInt128("]),
        Case(query: "* | stats min(n), max(n)", duckdb: ["arg_min(", "arg_max("], clickhouse: ["argMin(", "argMax("]),
        Case(query: "* | stats distinct(user)", duckdb: ["count(DISTINCT"], clickhouse: ["count(DISTINCT"]),
        Case(
            query: "* | count by service | sort count desc | limit 5",
            duckdb: ["row_number() OVER (ORDER BY", "DESC NULLS FIRST", "ORDER BY _ord LIMIT 5", "AS \"count\""],
            clickhouse: ["row_number() OVER (ORDER BY", "ORDER BY _ord LIMIT 5", "AS \"count\""]),
        Case(query: "* | fields ts, msg as m", duckdb: ["AS \"ts\", c1 AS \"m\""], clickhouse: ["AS \"ts\", c1 AS \"m\""]),
        Case(query: "* | distinct service", duckdb: ["any_value(k0)"], clickhouse: ["any(k0)"]),
        Case(
            query: "* | count by service | where count > 1", duckdb: ["SELECT c0, c1 FROM s2 WHERE"],
            clickhouse: ["SELECT c0, c1 FROM s2 WHERE"]),
    ]

    @Test(arguments: cases)
    func fragments(_ c: Case) throws {
        let duckdb = try Self.sql(c.query, .duckdb)
        for fragment in c.duckdb { #expect(duckdb.contains(fragment), "duckdb lacks \(fragment):\n\(duckdb)") }
        let clickhouse = try Self.sql(c.query, .clickhouse)
        for fragment in c.clickhouse { #expect(clickhouse.contains(fragment), "clickhouse lacks \(fragment):\n\(clickhouse)") }
    }

    /// The well-known fields read the engine's own candidate lists.
    @Test(arguments: SQLDialect.allCases)
    func wellKnownFieldsReadEveryCandidate(_ dialect: SQLDialect) throws {
        let level = try Self.sql("level() >= \"warn\"", dialect)
        for candidate in WellKnownFields.level {
            let last = candidate.path.split(separator: ".").last.map(String.init) ?? candidate.path
            #expect(level.contains(last), "level() lacks \(candidate.path)")
        }
        let time = try Self.sql("* | fields time()", dialect)
        for candidate in WellKnownFields.time where !candidate.path.hasPrefix("_prefix") {
            let last = candidate.path.split(separator: ".").last.map(String.init) ?? candidate.path
            #expect(time.contains("'\(last)'") || time.contains("/\(last)'"), "time() lacks \(candidate.path)")
        }
        let message = try Self.sql("message() == \"x\"", dialect)
        for candidate in WellKnownFields.message {
            let last = candidate.split(separator: ".").last.map(String.init) ?? candidate
            #expect(message.contains(last), "message() lacks \(candidate)")
        }
    }

    @Test func spanDurationIsInNanoseconds() throws {
        let sql = try Self.sql("duration > 250ms", .duckdb, spans: true)
        #expect(sql.contains("AS DOUBLE) > 250000000 WHEN"))
    }

    @Test func resultColumnsSayHowToReadThemBack() throws {
        let translation = try SQLTranslator.translate(
            "* | stats count(), avg(x), min(x) by service", dialect: .duckdb, source: SQLSource("a"))
        #expect(translation.columns.map(\.name) == ["service", "count", "avg(x)", "min(x)"])
        #expect(translation.columns.map(\.kind) == [.value, .number, .number, .value])
        #expect(try SQLTranslator.translate("a == 1", dialect: .duckdb, source: SQLSource("a")).printsRecords)
    }

    /// What loupe refuses is refused in loupe's words, with its caret.
    @Test func loupeRefusalsComeFirst() throws {
        let query = "* | count by service | where level() >= \"warn\""
        do {
            _ = try Self.sql(query, .clickhouse)
            Issue.record("translated")
        } catch let error as TranslationError {
            #expect(error.rendered(query: query).hasPrefix("after count or stats, level() is a column of names"))
            #expect(error.rendered(query: query).hasSuffix("\n                               ^^^^^^^^^^^^^^^^^"))
        }
    }

    /// A row column that is not there is a missing field, as loupe reads a row as a record.
    @Test func missingRowColumnIsNull() throws {
        let sql = try Self.sql("* | count by service | where nothing > 1", .duckdb)
        #expect(sql.contains("regexp_full_match(NULL, "))
    }

    @Test func badQueriesAreQueryErrors() {
        #expect(throws: TranslationError.self) { try Self.sql("status >=", .duckdb) }
    }
}
