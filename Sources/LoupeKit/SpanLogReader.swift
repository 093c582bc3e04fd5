import LoupeEngine
import LoupeIO
import LoupeJSON
import LoupeQuery
import LoupeTrace

/// `--logs FILE`: reads log records in any shape loupe reads (OTLP logs included) with the
/// query engine, keeps those that name a trace, and joins them to traces by id. It runs
/// `exists(trace_id) or ... | fields <trace ids>, <span ids>, level(), time(), message()` on
/// all cores; skipped records are reported as for a query.
enum SpanLogReader {
    static func read(_ arguments: [String], reading: ReadingOptions) -> SpanLogs? {
        let traceFields = SpanLogs.traceIDFields
        let spanFields = SpanLogs.spanIDFields
        let program: Program
        do {
            let paths = try (traceFields + spanFields).map { try Parser.parsePath(quoted($0)) }
            let columns = zip(traceFields + spanFields, paths).map { Column(path: $1, name: $0) }
                + (try ["level()", "time()", "message()"].map { Column(path: try Parser.parsePath($0), name: $0) })
            let filter = try Parser.parseExpression(traceFields.map { "exists(\(quoted($0)))" }.joined(separator: " or "))
            program = try Compiler.compile(Query(filter: filter, stages: [.fields(columns)]))
        } catch {
            // The query is loupe's own: a failure here is a bug, said as one.
            Diagnostics.error("--logs: cannot build the reading query: \(error)")
            return nil
        }
        var logs = SpanLogs()
        var reports = RunReports()
        var failed = false
        var options = ScanOptions()
        options.strict = reading.strict
        options.collectMatches = false
        options.rowOffsets = true
        for entry in InputSet(arguments: arguments, format: reading.format).entries {
            let name = entry.name
            let format: InputFormat
            var opened: OpenedInput
            do {
                format = try entry.shape.get().format
                opened = try entry.source.open()
            } catch {
                Diagnostics.error("--logs: " + error.description)
                failed = true
                continue
            }
            guard !format.isTraceExport else {
                Diagnostics.error("--logs: \(name) is a trace export (\(format.displayName)), not logs")
                failed = true
                continue
            }
            let records = format.isOTLPLogs ? RecordChunks(opened, format: format, chunkSize: reading.blockSize ?? (1 << 20)) : nil
            let reader: any ByteChunkSource =
                records ?? RecordFraming.chunks(opened, format: format, chunkSize: reading.blockSize ?? (2 << 20))
            let locator = LineLocator(countsEveryChunk: true)
            let processors = (0..<reading.workerThreads).map { _ in ChunkProcessor(program: program, options: options) }
            let readError = InputChunks.run(reader, processors: processors, threads: reading.workerThreads) { result in
                reports.record(result, file: name, locator: locator)
                if let strict = result.strictFailure {
                    Diagnostics.error("--logs: \(name):\(locator.lineNumber(ofOffset: strict.offset, in: result)): \(strict.message) (--strict stops at the first bad record)")
                    failed = true
                    return false
                }
                for (row, offset) in zip(result.rows, result.rowOffsets) {
                    let line = records == nil ? locator.lineNumber(ofOffset: offset, in: result) : nil
                    add(row, file: name, line: line, to: &logs, traceFields: traceFields.count, spanFields: spanFields.count)
                }
                locator.advance(past: result)
                return true
            }
            records?.cancel()
            if let failure = records?.report.failures.first {
                Diagnostics.error("--logs: " + failure)
                failed = true
            }
            if let readError {
                Diagnostics.error("--logs: " + readError.description)
                failed = true
            }
        }
        reports.print(program: program, groups: nil)
        if failed { return nil }
        logs.finish()
        return logs
    }

    /// One projected row: the first trace id and the first span id present, then level, time
    /// and message.
    private static func add(_ row: [RowValue], file: String, line: Int?, to logs: inout SpanLogs, traceFields: Int, spanFields: Int) {
        func text(_ value: RowValue) -> String? {
            switch value {
            case .string(let s): return s
            case .number(let n): return n.text
            default: return nil
            }
        }
        guard let traceIndex = (0..<traceFields).first(where: { text(row[$0]) != nil }) else { return }
        let spanIndex = (traceFields..<(traceFields + spanFields)).first { text(row[$0]) != nil }
        let rest = traceFields + spanFields
        let log = SpanLog(spanID: nil, time: text(row[rest + 1]), level: text(row[rest]), message: text(row[rest + 2]), file: file, line: line)
        logs.add(
            traceID: text(row[traceIndex])!, spanID: spanIndex.flatMap { text(row[$0]) },
            decimal: SpanLogs.isDecimal(SpanLogs.traceIDFields[traceIndex]), log)
    }

    /// A field name as a path: names that are not plain words are quoted (`["a/b"]`).
    private static func quoted(_ name: String) -> String {
        name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." } ? name : "[\"\(name)\"]"
    }
}
