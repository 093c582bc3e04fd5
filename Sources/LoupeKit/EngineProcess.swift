import Glibc
import LoupeJSON
import LoupeSQL

/// Runs translated SQL in an installed engine and hands back its result rows, each cell the
/// JSON text the SQL computed (or nil for SQL NULL).
///
/// ClickHouse runs through `clickhouse-local` (or `clickhouse local`), else the embedded chDB
/// Python package; DuckDB through its CLI, else its Python package. `LOUPE_ENGINE_PYTHON`
/// names a Python whose package is used first (the differential tests point it at their
/// virtual environment).
struct EngineProcess {
    let dialect: SQLDialect

    /// Why running failed, in words for the user.
    struct Failure: Error {
        var message: String
    }

    /// The rows, in the order the engine returned them: each line a JSON array of the cells,
    /// or an object with the cells as `c0`, `c1`, ... (DuckDB's CLI); a cell that is not a
    /// string is nil.
    func rows(_ sql: String, columns: Int) throws(Failure) -> [[String?]] {
        let output = try run(sql)
        var rows: [[String?]] = []
        var scanner = JSONScanner(paths: PathSet([]))
        for line in output.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            let cells = try Array(line).withUnsafeBufferPointer { buffer throws(Failure) in
                let base = buffer.baseAddress!
                guard scanner.scan(base, count: buffer.count) == nil else {
                    throw Failure(
                        message: "\(dialect.name) wrote a line that is not JSON: \(String(decoding: line.prefix(200), as: UTF8.self))")
                }
                guard let cells = Self.cells(base, count: buffer.count, columns: columns) else {
                    throw Failure(message: "\(dialect.name) wrote a row that is neither an array nor an object")
                }
                return cells
            }
            guard cells.count == columns else { throw Failure(message: "\(dialect.name) returned \(cells.count) columns, not \(columns)") }
            rows.append(cells)
        }
        return rows
    }

    /// The cells of one row (valid JSON): an array's elements, or an object's `c0` ...
    /// `c{columns-1}` (nil where missing); nil when the row is neither.
    static func cells(_ base: UnsafePointer<UInt8>, count: Int, columns: Int) -> [String?]? {
        func text(_ slot: ValueSlot) -> String? {
            slot.kind == .string ? JSONString.string(base + slot.start, base + slot.end, escaped: slot.escaped) : nil
        }
        var cells = [String?](repeating: nil, count: columns)
        let isObject = JSONMembers.forEach(base, count: count) { key, value in
            guard key.first == UInt8(ascii: "c"), let index = Int(String(decoding: key.dropFirst(), as: UTF8.self)),
                cells.indices.contains(index), key.elementsEqual("c\(index)".utf8)
            else { return }
            cells[index] = text(value)
        }
        if isObject { return cells }
        guard let p = UnsafeBufferPointer(start: base, count: count).firstIndex(where: { !Self.isBlank($0) }),
            base[p] == UInt8(ascii: "[")
        else { return nil }
        cells = []
        _ = JSONElements.contains(ValueSlot(kind: .array, escaped: false, rank: 0, start: p, end: count), in: base) {
            cells.append(text($0))
            return false
        }
        return cells
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// The engine's standard output for `sql`.
    private func run(_ sql: String) throws(Failure) -> [UInt8] {
        // The SQL goes on standard input: a long query is beyond what one argument may hold.
        if let python = getenv("LOUPE_ENGINE_PYTHON").map({ String(cString: $0) }), !python.isEmpty {
            return try runPython(python, sql)
        }
        switch dialect {
        case .duckdb:
            if let cli = Self.executable("duckdb") {
                return try execute(cli, ["-noheader", "-jsonlines"], input: Array(sql.utf8))
            }
        case .clickhouse:
            if let cli = Self.executable("clickhouse-local") {
                return try execute(cli, ["--output-format", "JSONCompactEachRow", "--queries-file", "/dev/stdin"], input: Array(sql.utf8))
            }
            if let cli = Self.executable("clickhouse") {
                return try execute(
                    cli, ["local", "--output-format", "JSONCompactEachRow", "--queries-file", "/dev/stdin"], input: Array(sql.utf8))
            }
        }
        if let python = Self.executable("python3") { return try runPython(python, sql) }
        throw Failure(message: missing)
    }

    /// How to install the engine, said when it is not found.
    var missing: String {
        switch dialect {
        case .duckdb:
            return
                "--engine duckdb needs DuckDB: install its CLI (https://duckdb.org/docs/installation) or its Python package (python3 -m pip install duckdb)"
        case .clickhouse:
            return
                "--engine clickhouse needs ClickHouse: install clickhouse-local (curl https://clickhouse.com/ | sh) or chDB (python3 -m pip install chdb)"
        }
    }

    /// Runs the Python package of the engine; a missing package is said as `missing`.
    private func runPython(_ python: String, _ sql: String) throws(Failure) -> [UInt8] {
        do {
            return try execute(python, ["-c", Self.driver, dialect.name], input: Array(sql.utf8))
        } catch {
            if error.message.contains("ModuleNotFoundError") { throw Failure(message: missing) }
            throw error
        }
    }

    /// Reads the SQL on standard input, writes each row as a JSON array of its cells.
    static let driver = """
        import json, sys
        engine, sql = sys.argv[1], sys.stdin.read()
        out = sys.stdout
        if engine == "duckdb":
            import duckdb
            # The progress bar would be written into the rows on standard output.
            connection = duckdb.connect()
            connection.execute("SET enable_progress_bar = false")
            cursor = connection.execute(sql)
            while True:
                rows = cursor.fetchmany(10000)
                if not rows:
                    break
                for row in rows:
                    out.write(json.dumps(list(row), ensure_ascii=False) + "\\n")
        else:
            import chdb
            result = chdb.query(sql, "JSONCompactEachRow")
            out.write(result.bytes().decode("utf-8") if hasattr(result, "bytes") else str(result))
        """

    /// Runs a program, returns its standard output; a failure carries its standard error.
    private func execute(_ path: String, _ arguments: [String], input: [UInt8]) throws(Failure) -> [UInt8] {
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(path, arguments, input: input)
        } catch {
            throw Failure(message: "cannot run \(path): \(error.message)")
        }
        guard outcome.status == 0 else {
            let text = String(decoding: outcome.stderr, as: UTF8.self).split(separator: "\n").suffix(6).joined(separator: "\n")
            throw Failure(message: "\(dialect.name) failed: " + (text.isEmpty ? "\(path) exited with status \(outcome.status)" : text))
        }
        return outcome.stdout
    }

    /// The full path of a program on PATH, or nil.
    static func executable(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            var info = stat()
            if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
