import LoupeEngine
import Testing

@testable import LoupeSQL

/// The SQL text of the computed parts of the language (arithmetic, value functions, `eval`,
/// `count(EXPR)`, computed aggregate arguments and sort keys), in both dialects, and what stays
/// refused. (`scripts/sql-differential` runs them against loupe's own rows.)
struct SQLComputedTests {
    static func sql(_ query: String, _ dialect: SQLDialect) throws -> String {
        try SQLTranslator.translate(query, dialect: dialect, source: SQLSource("app.log")).sql
    }

    struct Case: Sendable, CustomStringConvertible {
        var query: String
        var duckdb: [String]
        /// nil: refused in ClickHouse.
        var clickhouse: [String]?
        var description: String { query }
    }

    static let cases: [Case] = [
        // Integers compute exactly in 128 bits and stay integers while the result fits Int64.
        .init(
            query: "* | eval x = a + b | fields x",
            duckdb: ["CAST(", "AS HUGEINT) + CAST(", "BETWEEN -9223372036854775808 AND 9223372036854775807"],
            clickhouse: ["toInt128(", ") + toInt128(", "BETWEEN -9223372036854775808 AND 9223372036854775807"]),
        .init(query: "* | eval x = a * b | fields x", duckdb: ["AS HUGEINT) * CAST("], clickhouse: [") * toInt128("]),
        // `/`: exact when the remainder is 0, else the double quotient; by zero, null.
        .init(query: "* | eval x = a / b | fields x", duckdb: [" // ", "% ", "= 0 THEN NULL"], clickhouse: ["intDiv(", "= 0 THEN NULL"]),
        // `%` takes the dividend's sign; on fractions C's fmod (DuckDB's `%`), which ClickHouse
        // has not: there the query stops.
        .init(query: "* | eval x = a % b | fields x", duckdb: ["AS DOUBLE) % TRY_CAST("], clickhouse: [" % ", "is not exact in ClickHouse"]),
        // Doubles read back as doubles, and only finite ones.
        .init(query: "* | eval x = a - 0.5 | fields x", duckdb: ["isfinite(", "AS DOUBLE) AS VARCHAR)"], clickhouse: ["isFinite(", "'[.eEn]'"]),
        .init(query: "* | eval x = -a | fields x", duckdb: ["<> -9223372036854775807 - 1"], clickhouse: ["<> -9223372036854775807 - 1"]),
        // A record's string holding a duration stops the query rather than giving null.
        .init(query: "* | eval x = a + 1 | fields x", duckdb: ["error('loupe: a duration string met arithmetic"], clickhouse: ["throwIf("]),
        // Functions.
        .init(query: "* | eval x = coalesce(a, b, \"-\") | fields x", duckdb: ["coalesce(nullif(", "'\"-\"'"], clickhouse: ["coalesce(nullIf("]),
        .init(query: "* | eval x = len(msg) | fields x", duckdb: ["length_grapheme(", "json_array_length("], clickhouse: nil),
        .init(query: "* | eval x = round(a, 2) | fields x", duckdb: ["* 100)", "/ 100)", "- floor("], clickhouse: ["* 100)", "- floor("]),
        .init(query: "* | eval x = floor(a), y = ceil(a), z = abs(a) | fields x, y, z", duckdb: ["floor(", "ceil(", "abs("], clickhouse: ["floor(", "ceil(", "abs("]),
        // Comparisons of computed values: a number with a number or a record's string holding one.
        .init(query: "a / 2 > b", duckdb: ["(CASE WHEN", "> ", "'true', 'false'"], clickhouse: ["'true', 'false'"]),
        // count(EXPR) counts where EXPR holds; other aggregates over the computed value.
        .init(
            query: "* | stats count(level() >= \"error\") as errors, avg(bytes / 1024) by service",
            duckdb: ["THEN 1 ELSE 0 END) AS a0", "count(*) FILTER (WHERE a0 = 1)", "avg("],
            clickhouse: ["THEN 1 ELSE 0 END) AS a0", "countIf(a0 = 1)"]),
        // eval before a table: a column later lookups of the name read.
        .init(query: "* | eval x = a + 1 | count by x", duckdb: ["AS e1 FROM s0", "SELECT e1 AS k0"], clickhouse: ["AS e1 FROM s0", "SELECT e1 AS k0"]),
        // A computed null is a present null over records (exists holds); a plain path that finds
        // nothing stays missing.
        .init(
            query: "* | eval x = a + 1, y = b | where exists(x)", duckdb: ["'null') AS e1", "AS VARCHAR) AS e2"],
            clickhouse: ["'null') AS e1", "'b'), '') AS e2"]),
        // A string constant never equals a number, even the one coalesce picked.
        .init(query: "coalesce(a, \"5\") == 5", duckdb: ["ELSE false END)"], clickhouse: ["ELSE false END)"]),
        // eval after a table: per row, over the columns.
        .init(
            query: "* | stats count() as n, count(status >= 500) as bad by service | eval rate = bad / n | sort rate desc",
            duckdb: ["SELECT c0, c1, c2, ", " AS c3 FROM s2"], clickhouse: [" AS c3 FROM s2"]),
        // parse: the first match's named groups as JSON strings; no match, missing.
        .init(
            query: "* | parse msg with /took (?<ms>\\d+)ms/ | stats avg(ms)",
            duckdb: ["regexp_matches(json_extract_string(r1, '$'), 'took (?P<ms>\\d+)ms')", "regexp_extract(", ", 1)", "CAST(to_json("],
            clickhouse: ["match(JSONExtractString(r1), 'took (?P<ms>\\\\d+)ms')", "extractGroups(", ")[1]", "toJSONString("]),
        .init(
            query: "* | parse msg with /(?<a>x|y)(z)(?<b>[)(]+)/ | fields a, b",
            duckdb: ["(?P<a>x|y)(z)(?P<b>[)(]+)", ", 3)"], clickhouse: [")[3]"]),
        // A computed sort key, computed in a step before the order.
        .init(query: "* | sort a * -1 | limit 3", duckdb: ["AS sk0 FROM s0", "ORDER BY (CASE WHEN sk0 IS NULL"], clickhouse: ["AS sk0 FROM s0"]),
    ]

    @Test(arguments: cases)
    func fragments(_ c: Case) throws {
        let duckdb = try Self.sql(c.query, .duckdb)
        for fragment in c.duckdb { #expect(duckdb.contains(fragment), "duckdb lacks \(fragment):\n\(duckdb)") }
        guard let clickhouse = c.clickhouse else { return }
        let sql = try Self.sql(c.query, .clickhouse)
        for fragment in clickhouse { #expect(sql.contains(fragment), "clickhouse lacks \(fragment):\n\(sql)") }
    }

    @Test func computedColumnsReadBackByTheirText() throws {
        let rows = try SQLTranslator.translate(
            "* | count by service | eval half = count / 2", dialect: .duckdb, source: SQLSource("a"))
        #expect(rows.columns.map(\.kind) == [.value, .number, .computed])
        let records = try SQLTranslator.translate("* | eval x = a / 2 | fields x", dialect: .duckdb, source: SQLSource("a"))
        // Over records loupe writes the value as text and reads it back, as `value` does.
        #expect(records.columns.map(\.kind) == [.value])
    }

    /// What cannot be exact is refused, at its place.
    static let refused: [(String, SQLDialect, String)] = [
        ("* | parse msg with /took (?<ms>\\d+)?ms/ | count", .duckdb, "the group ms may take no part in a match"),
        ("* | parse msg with /(?<a>x)|(?<b>y)/ | count", .clickhouse, "the group a may take no part in a match"),
        ("* | parse msg with /a((?<b>y)c)*/ | count", .duckdb, "the group b may take no part in a match"),
        ("* | parse msg with /(?<a>x)(?=y)/ | count", .duckdb, "lookahead (?= has no equivalent in RE2"),
        ("* | eval x = duration_ms + 5ms | fields x", .duckdb, "a duration in a computed value does not translate"),
        ("* | eval x = a + \"250ms\" | fields x", .clickhouse, "a duration in a computed value does not translate"),
        ("a + 1 > 2024-03-11T08:00:00Z", .duckdb, "a timestamp in a computed value does not translate"),
        ("len(msg) > 3", .clickhouse, "len() counts characters as grapheme clusters"),
    ]

    @Test(arguments: refused.indices)
    func refusals(_ i: Int) {
        let (query, dialect, message) = Self.refused[i]
        do {
            _ = try Self.sql(query, dialect)
            Issue.record("translated \(query)")
        } catch let error as TranslationError {
            #expect(error.message.contains(message), "\(query): \(error.message)")
        } catch {
            Issue.record("\(query): \(error)")
        }
    }
}
