import ArgumentParser
import LoupeKit
import LoupeSQL

/// `loupe sql --dialect clickhouse|duckdb --from SOURCE QUERY`: print the query as SQL.
struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Print a query as ClickHouse or DuckDB SQL over JSON lines, to run where the data is.",
        discussion: HelpText.sqlExamples
    )

    @Argument(help: "The query (see loupe --help-query).")
    var query: String

    @Option(help: "The SQL dialect: clickhouse or duckdb.", completion: .list(SQLDialect.allCases.map(\.name)))
    var dialect: String

    @Option(
        help: ArgumentHelp(
            "Where the records are: a path or glob (file(), read_ndjson_objects), s3://bucket/key, http(s)://..., or table:NAME (a table whose String column line holds one record each).",
            valueName: "source"))
    var from: String

    @Option(help: ArgumentHelp("ClickHouse: read an s3:// source with s3Cluster over this cluster.", valueName: "name"))
    var cluster: String?

    func validate() throws {
        guard SQLDialect(rawValue: dialect) != nil else { throw ValidationError("unknown dialect '\(dialect)' (use clickhouse or duckdb)") }
        // The parser keeps the last of two --from; the first source would be dropped unsaid.
        let sources = CommandLine.arguments.prefix { $0 != "--" }.filter { $0 == "--from" || $0.hasPrefix("--from=") }
        if sources.count > 1 { throw ValidationError("--from names one source; a glob names many files (logs/*.json.gz)") }
    }

    func run() throws {
        let dialect = SQLDialect(rawValue: dialect)!
        throw ExitCode(SQLPipeline.run(query: query, dialect: dialect, from: from, cluster: cluster).rawValue)
    }
}
