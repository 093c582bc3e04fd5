import LoupeEngine
import LoupeGate
import LoupeIO
import LoupeJSON
import LoupeQuery

/// Reads the gate's samples from JSON logs with the query engine: it runs
/// `<--where or *> | fields <value>, <by...>` over every input on all cores and turns the
/// projected rows into values per group.
///
/// `--value` follows TRACE-SEMANTICS section 6: a dotted path, where an exact top-level key
/// (`{"http.duration_ms": 5}`) wins over the nested reading. The query language prefers the
/// nested reading, so the gate asks for both columns (the quoted key first) and takes the
/// first present one; `--by` paths are read the same way, so key and value agree. Records
/// whose value is not a finite number (booleans included) are left out and counted; a missing
/// key field becomes "".
final class GateLogReader {
    /// Records left out, by why.
    struct LeftOut {
        var missing = 0
        var notNumber = 0
    }

    let valuePath: String
    let keyFields: [String]
    let program: Program
    /// For each projected field, its columns in preference order.
    private let valueColumns: [Int]
    private let keyColumns: [[Int]]
    private let threads: Int
    private let options: ScanOptions
    private let chunkSize: Int

    private(set) var leftOut = LeftOut()
    private(set) var reports = RunReports()
    /// Inputs whose compressed data was cut short or corrupt (read up to the damage).
    private(set) var cutInputs = 0

    init(value: String, by: [String], filter: String?, strict: Bool, threads: Int, chunkSize: Int) throws(GateError) {
        valuePath = value
        keyFields = by
        let expression: Expression
        if let filter {
            do {
                expression = try Parser.parseExpression(filter)
            } catch {
                throw GateError(description: "--where: " + error.rendered(query: filter))
            }
        } else {
            expression = .all(SourceRange(0, 0))
        }
        var columns: [Column] = []
        func add(_ text: String, option: String) throws(GateError) -> [Int] {
            let path: QueryPath
            do {
                path = try Parser.parsePath(text)
            } catch {
                throw GateError(description: "\(option): " + error.rendered(query: text))
            }
            var indexes: [Int] = []
            if let exact = Self.exactKey(path) {
                indexes.append(columns.count)
                columns.append(Column(path: exact, name: text + "#exact"))
            }
            indexes.append(columns.count)
            columns.append(Column(path: path, name: text))
            return indexes
        }
        valueColumns = try add(value, option: "--value")
        var keys: [[Int]] = []
        for field in by { keys.append(try add(field, option: "--by")) }
        keyColumns = keys
        do {
            program = try Compiler.compile(Query(filter: expression, stages: [.fields(columns)]))
        } catch {
            throw GateError(description: "--where: " + error.rendered(query: filter ?? ""))
        }
        var options = ScanOptions()
        options.strict = strict
        options.collectMatches = false
        self.options = options
        self.threads = threads
        self.chunkSize = chunkSize
    }

    /// The path as one top-level key, when it is a plain dotted path of several keys
    /// (`a.b.c` → `["a.b.c"]`); nil when there is nothing else to prefer.
    static func exactKey(_ path: QueryPath) -> QueryPath? {
        guard path.components.count > 1 else { return nil }
        var names: [String] = []
        for component in path.components {
            guard case .key(let name, let dotted) = component, dotted else { return nil }
            names.append(name)
        }
        return QueryPath([.key(names.joined(separator: "."), dotted: false)], range: path.range)
    }

    /// Reads every input into `table`, each in its record shape (JSON lines, JSON values,
    /// prefixed lines...); throws on an unreadable input or a bad record under `--strict`.
    func read(_ inputs: [(source: InputSource, format: InputFormat)], into table: inout SampleTable) throws(GateError) {
        for input in inputs { try read(input.source, format: input.format, into: &table) }
    }

    private func read(_ source: InputSource, format: InputFormat, into table: inout SampleTable) throws(GateError) {
        let opened: OpenedInput
        do {
            opened = try source.open()
        } catch {
            throw GateError(description: error.description)
        }
        let isMapped: Bool
        if case .mapped = opened.body { isMapped = true } else { isMapped = false }
        var fileOptions = options
        fileOptions.countAllNewlines = !isMapped
        let processors = (0..<threads).map { _ in ChunkProcessor(program: program, options: fileOptions) }
        let reader = RecordFraming.chunks(opened, format: format, chunkSize: chunkSize)
        let locator = LineLocator(countsEveryChunk: !isMapped)
        let name = source.displayName
        var failure: GateError?
        let readError = InputChunks.run(reader, processors: processors, threads: threads) { result in
            self.reports.record(result, file: name, locator: locator)
            if let strict = result.strictFailure {
                let line = locator.lineNumber(ofOffset: strict.offset, in: result)
                failure = GateError(description: "\(name):\(line): \(strict.message) (--strict stops at the first bad record)")
                return false
            }
            locator.advance(past: result)
            for row in result.rows { self.add(row, to: &table) }
            return true
        }
        if let failure { throw failure }
        if let readError {
            guard readError.isCutShort else { throw GateError(description: readError.description) }
            Diagnostics.cutShort(name, readError, afterLines: locator.linesBefore)
            cutInputs += 1
        }
    }

    private func add(_ row: [RowValue], to table: inout SampleTable) {
        let value = Self.first(row, valueColumns)
        if let x = value.numeric?.doubleValue, x.isFinite {
            table.add(x, to: GroupKey(keyColumns.map { Self.keyText(Self.first(row, $0)) }))
        } else if value == .null {
            leftOut.missing += 1
        } else {
            leftOut.notNumber += 1
        }
    }

    /// The first column with a value; a value that is present but null counts as absent, as
    /// the engine cannot tell the two apart in a projected row.
    private static func first(_ row: [RowValue], _ columns: [Int]) -> RowValue {
        for column in columns where row[column] != .null { return row[column] }
        return .null
    }

    /// A key field's value as text: strings as they are, other scalars as JSON, missing "".
    static func keyText(_ value: RowValue) -> String {
        value.plainText
    }
}
