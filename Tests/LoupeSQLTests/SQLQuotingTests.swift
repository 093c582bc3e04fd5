import Testing

@testable import LoupeSQL

/// Every user string reaches the engine as data: literals and identifiers hold exactly the
/// text, whatever quotes, backslashes or SQL it contains.
struct SQLQuotingTests {
    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var duckdb: String
        var clickhouse: String
        var description: String { text }
    }

    static let literals: [Case] = [
        Case(text: "it's", duckdb: "'it''s'", clickhouse: "'it\\'s'"),
        Case(text: "'); DROP TABLE logs; --", duckdb: "'''); DROP TABLE logs; --'", clickhouse: "'\\'); DROP TABLE logs; --'"),
        Case(text: "a\\b\"c", duckdb: "'a\\b\"c'", clickhouse: "'a\\\\b\"c'"),
        Case(text: "line\nbreak", duckdb: "'line\nbreak'", clickhouse: "'line\\nbreak'"),
        Case(text: "", duckdb: "''", clickhouse: "''"),
    ]

    @Test(arguments: literals)
    func literal(_ c: Case) {
        #expect(SQLDialect.duckdb.literal(c.text) == c.duckdb)
        #expect(SQLDialect.clickhouse.literal(c.text) == c.clickhouse)
    }

    static let identifiers: [Case] = [
        Case(text: "p99(duration_ms)", duckdb: "\"p99(duration_ms)\"", clickhouse: "\"p99(duration_ms)\""),
        Case(text: "a\"b", duckdb: "\"a\"\"b\"", clickhouse: "\"a\\\"b\""),
        Case(text: "x\\y", duckdb: "\"x\\y\"", clickhouse: "\"x\\\\y\""),
    ]

    @Test(arguments: identifiers)
    func identifier(_ c: Case) {
        #expect(SQLDialect.duckdb.identifier(c.text) == c.duckdb)
        #expect(SQLDialect.clickhouse.identifier(c.text) == c.clickhouse)
    }

    @Test func tableNamesQuoteEachPart() {
        #expect(SQLDialect.duckdb.tableName("db.logs") == "\"db\".\"logs\"")
        #expect(SQLDialect.clickhouse.tableName("db.lo`gs") == "\"db\".\"lo`gs\"")
    }

    @Test func nulInDuckDBLiteralIsJoinedWithChr() {
        #expect(SQLDialect.duckdb.literal("a\0b") == "'a' || chr(0) || 'b'")
    }
}
