/// Where the translated query reads its records (`--from`): files, object storage, a URL or
/// a table. Every form reads each record as its JSON text, one line at a time, so that the
/// values are extracted per record with loupe's rules rather than through a schema the engine
/// infers (inference retypes values: `"503"` becomes a number, big integers a double).
public struct SQLSource: Equatable, Sendable {
    /// What `--from` names.
    public enum Location: Equatable, Sendable {
        /// A local path or glob (`logs/*.json.gz`); compression follows the name.
        case file(String)
        /// `s3://bucket/key` (a glob allowed).
        case s3(String)
        /// `http://` or `https://`.
        case url(String)
        /// `table:NAME` (`db.logs`): a table whose String column `line` holds one record each.
        case table(String)
        /// Several local files read in order (what `--engine` passes on).
        case files([String])
    }

    public var location: Location
    /// `--cluster NAME`: ClickHouse spreads the read of an `s3://` location over the cluster.
    public var cluster: String?

    public init(location: Location, cluster: String? = nil) {
        self.location = location
        self.cluster = cluster
    }

    /// Reads a `--from` argument: `s3://`, `http(s)://` and `table:` prefixes, else a path.
    public init(_ argument: String, cluster: String? = nil) {
        if argument.hasPrefix("s3://") {
            location = .s3(argument)
        } else if argument.hasPrefix("http://") || argument.hasPrefix("https://") {
            location = .url(argument)
        } else if argument.hasPrefix("table:") {
            location = .table(String(argument.dropFirst("table:".count)))
        } else {
            location = .file(argument)
        }
        self.cluster = cluster
    }

    /// Why this source cannot be read by `dialect`, or nil.
    func problem(for dialect: SQLDialect) -> String? {
        if cluster != nil {
            if dialect != .clickhouse { return "--cluster spreads a read over a ClickHouse cluster; DuckDB has no cluster form" }
            guard case .s3 = location else { return "--cluster goes with an s3:// location (s3Cluster)" }
        }
        if case .table(let name) = location, name.isEmpty { return "--from table: needs a table name (table:db.logs)" }
        return nil
    }

    /// For local files (what `--engine` reads), SQL whose rows name each file whose lines
    /// `records` leaves out, other than blank ones (the lines the engine does not read as JSON),
    /// and how many: `c0` the path, `c1` the count as text. loupe says them as it says its own
    /// skipped lines, so that nothing the engine dropped goes unsaid. nil for other locations.
    package func leftOutLines(_ dialect: SQLDialect) -> String? {
        guard case .files(let paths) = location, !paths.isEmpty else { return nil }
        let count = dialect.integerText("count(*)")
        switch dialect {
        case .duckdb:
            // Blank lines make no row at all; a line that is not JSON makes a NULL one.
            let list = paths.map(dialect.literal).joined(separator: ", ")
            return "SELECT filename AS c0, \(count) AS c1 FROM read_ndjson_objects([\(list)], ignore_errors = true, filename = true) "
                + "WHERE json IS NULL GROUP BY filename ORDER BY filename"
        case .clickhouse:
            let line = SQLDialect.lineColumn
            let files = paths.map { path in
                "SELECT \(dialect.literal(path)) AS c0, \(count) AS c1 FROM file(\(dialect.literal(path)), 'LineAsString') "
                    + "WHERE NOT isValidJSON(\(line)) AND NOT match(\(line), '^[ \\t\\r]*$')"
            }
            return "SELECT c0, c1 FROM (\(files.joined(separator: " UNION ALL "))) AS left_out WHERE c1 != '0'"
        }
    }

    /// The relation of records: one row per valid JSON record, its text in column `line`.
    /// Lines that are not JSON are left out, as loupe skips them (`--engine` hands the engine
    /// only the records loupe read, and counts what it leaves out of them: `leftOutLines`).
    func records(_ dialect: SQLDialect) -> String {
        let line = SQLDialect.lineColumn
        switch dialect {
        case .duckdb:
            // ignore_errors turns a line that is not JSON into NULL; empty lines are no records.
            let reader: String
            switch location {
            case .file(let path), .s3(let path), .url(let path):
                reader = "read_ndjson_objects(\(dialect.literal(path)), ignore_errors = true)"
            case .table(let name):
                return "SELECT \(line) FROM \(dialect.tableName(name)) WHERE json_valid(\(line))"
            case .files(let paths):
                reader = "read_ndjson_objects([\(paths.map(dialect.literal).joined(separator: ", "))], ignore_errors = true)"
            }
            return "SELECT CAST(json AS VARCHAR) AS \(line) FROM \(reader) WHERE json IS NOT NULL"
        case .clickhouse:
            let reader: String
            switch location {
            case .file(let path): reader = "file(\(dialect.literal(path)), 'LineAsString')"
            case .s3(let path):
                if let cluster {
                    reader = "s3Cluster(\(dialect.literal(cluster)), \(dialect.literal(path)), 'LineAsString')"
                } else {
                    reader = "s3(\(dialect.literal(path)), 'LineAsString')"
                }
            case .url(let path): reader = "url(\(dialect.literal(path)), 'LineAsString')"
            case .table(let name): reader = dialect.tableName(name)
            case .files(let paths):
                return paths.map { SQLSource(location: .file($0)).records(dialect) }.joined(separator: " UNION ALL ")
            }
            return "SELECT \(line) FROM \(reader) WHERE isValidJSON(\(line))"
        }
    }
}
