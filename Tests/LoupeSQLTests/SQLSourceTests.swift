import Testing

@testable import LoupeSQL

/// `--from` forms and their quoting: a name is data, never SQL.
struct SQLSourceTests {
    struct Case: Sendable, CustomStringConvertible {
        var from: String
        var cluster: String?
        var dialect: SQLDialect
        var reader: String
        var description: String { "\(dialect) \(from)" }
    }

    static let cases: [Case] = [
        Case(from: "logs/*.json.gz", dialect: .clickhouse, reader: "FROM file('logs/*.json.gz', 'LineAsString') WHERE isValidJSON(line)"),
        Case(from: "s3://bucket/logs/*.json.gz", dialect: .clickhouse, reader: "FROM s3('s3://bucket/logs/*.json.gz', 'LineAsString')"),
        Case(
            from: "s3://bucket/logs/*.json.gz", cluster: "prod", dialect: .clickhouse,
            reader: "FROM s3Cluster('prod', 's3://bucket/logs/*.json.gz', 'LineAsString')"),
        Case(from: "https://example.com/a.jsonl", dialect: .clickhouse, reader: "FROM url('https://example.com/a.jsonl', 'LineAsString')"),
        Case(from: "table:db.logs", dialect: .clickhouse, reader: "FROM \"db\".\"logs\" WHERE isValidJSON(line)"),
        Case(from: "it's.jsonl", dialect: .clickhouse, reader: "file('it\\'s.jsonl', 'LineAsString')"),
        Case(
            from: "logs/*.jsonl", dialect: .duckdb,
            reader: "FROM read_ndjson_objects('logs/*.jsonl', ignore_errors = true) WHERE json IS NOT NULL"),
        Case(from: "x'); DROP TABLE t; --.jsonl", dialect: .duckdb, reader: "read_ndjson_objects('x''); DROP TABLE t; --.jsonl'"),
        Case(from: "table:logs", dialect: .duckdb, reader: "FROM \"logs\" WHERE json_valid(line)"),
    ]

    @Test(arguments: cases)
    func reader(_ c: Case) throws {
        let sql = try SQLTranslator.translate("*", dialect: c.dialect, source: SQLSource(c.from, cluster: c.cluster)).sql
        #expect(sql.contains(c.reader), "\(sql)")
    }

    @Test func clusterNeedsClickHouseAndS3() {
        #expect(throws: TranslationError.self) {
            try SQLTranslator.translate("*", dialect: .duckdb, source: SQLSource("s3://b/k", cluster: "c"))
        }
        #expect(throws: TranslationError.self) {
            try SQLTranslator.translate("*", dialect: .clickhouse, source: SQLSource("logs.jsonl", cluster: "c"))
        }
    }
}
