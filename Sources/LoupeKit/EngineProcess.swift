import Foundation
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

    /// The rows, in the order the engine returned them.
    func rows(_ sql: String, columns: Int) throws(Failure) -> [[String?]] {
        let output = try run(sql)
        var rows: [[String?]] = []
        for line in output.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let value = try? JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed]) else {
                throw Failure(
                    message: "\(dialect.name) wrote a line that is not JSON: \(String(decoding: line.prefix(200), as: UTF8.self))")
            }
            let cells: [Any]
            if let array = value as? [Any] {
                cells = array
            } else if let object = value as? [String: Any] {
                cells = (0..<columns).map { object["c\($0)"] ?? NSNull() }
            } else {
                throw Failure(message: "\(dialect.name) wrote a row that is neither an array nor an object")
            }
            guard cells.count == columns else { throw Failure(message: "\(dialect.name) returned \(cells.count) columns, not \(columns)") }
            rows.append(cells.map { $0 as? String })
        }
        return rows
    }

    /// The engine's standard output for `sql`.
    private func run(_ sql: String) throws(Failure) -> Data {
        let environment = ProcessInfo.processInfo.environment
        // The SQL goes on standard input: a long query is beyond what one argument may hold.
        if let python = environment["LOUPE_ENGINE_PYTHON"], !python.isEmpty {
            return try runPython(python, sql)
        }
        switch dialect {
        case .duckdb:
            if let cli = Self.executable("duckdb") {
                return try execute(cli, ["-noheader", "-jsonlines"], input: Data(sql.utf8))
            }
        case .clickhouse:
            if let cli = Self.executable("clickhouse-local") {
                return try execute(cli, ["--output-format", "JSONCompactEachRow", "--queries-file", "/dev/stdin"], input: Data(sql.utf8))
            }
            if let cli = Self.executable("clickhouse") {
                return try execute(
                    cli, ["local", "--output-format", "JSONCompactEachRow", "--queries-file", "/dev/stdin"], input: Data(sql.utf8))
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
    private func runPython(_ python: String, _ sql: String) throws(Failure) -> Data {
        do {
            return try execute(python, ["-c", Self.driver, dialect.name], input: Data(sql.utf8))
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
    private func execute(_ path: String, _ arguments: [String], input: Data?) throws(Failure) -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        do {
            try process.run()
        } catch {
            throw Failure(message: "cannot run \(path): \(error.localizedDescription)")
        }
        // Read both pipes while the engine writes, so that neither fills and blocks it.
        nonisolated(unsafe) var errorBytes = Data()
        let errorReader = Thread { errorBytes = stderr.fileHandleForReading.readDataToEndOfFile() }
        errorReader.start()
        if let input {
            let writer = stdin.fileHandleForWriting
            try? writer.write(contentsOf: input)
            try? writer.close()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorReader.isFinished { usleep(1000) }
        guard process.terminationStatus == 0 else {
            let text = String(decoding: errorBytes, as: UTF8.self).split(separator: "\n").suffix(6).joined(separator: "\n")
            throw Failure(message: "\(dialect.name) failed: \(text)")
        }
        return output
    }

    /// The full path of a program on PATH, or nil.
    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
