import LoupeEngine
import LoupeIO
import LoupeJSON
import LoupeOutput
import LoupeQuery
import LoupeSQL

/// `loupe --engine clickhouse|duckdb QUERY FILE...`: the query translated to SQL, run by the
/// engine over the same files, the result printed in loupe's own formats. Trace exports are
/// turned into span records first (DESIGN section 4), so span queries run on a span table.
enum EngineRun {
    static func run(_ configuration: QueryConfiguration, engine: SQLDialect) -> ExitCode {
        if let problem = refusedOption(configuration) {
            Diagnostics.error("--engine \(engine.name) runs the query alone: \(problem)")
            return .error
        }
        let query: Query
        do {
            query = try Parser.parse(configuration.query)
        } catch {
            Diagnostics.error(error.rendered(query: configuration.query))
            return .error
        }
        let staging = Staging()
        defer { staging.remove() }
        let paths: [String]
        do {
            paths = try staging.inputs(configuration)
        } catch {
            Diagnostics.error(error.message)
            return .error
        }
        let inputs = InputSet(arguments: paths, format: configuration.reading.format, prefixes: configuration.reading.prefixes)
        let spans = inputs.holdsTraceExport
        var options = Compiler.Options()
        if spans { options.durationScales = QueryRun.spanDurationScales }
        // loupe's own compiler names the result columns and their units, as a loupe run would.
        let program: Program
        do {
            program = try Compiler.compile(query, options: options)
        } catch {
            Diagnostics.error(error.rendered(query: configuration.query))
            return .error
        }
        let files: [String]
        do {
            files = try staging.files(inputs, configuration: configuration)
        } catch {
            Diagnostics.error(error.message)
            return .error
        }
        let translation: SQLTranslation
        do {
            translation = try SQLTranslator.translate(
                configuration.query, dialect: engine, source: SQLSource(location: .files(files)), spans: spans, generatedNames: true)
        } catch let error as TranslationError {
            Diagnostics.error(error.rendered(query: configuration.query))
            return .error
        } catch {
            Diagnostics.error("\(error)")
            return .error
        }
        let cells: [[String?]]
        do {
            cells = try EngineProcess(dialect: engine).rows(translation.sql, columns: translation.columns.count)
        } catch {
            Diagnostics.error(error.message)
            return .error
        }
        // loupe's exit status tells whether records matched, not whether rows came out: a
        // count of nothing is a row, a `where` after a table may leave none.
        var matched = !cells.isEmpty
        if let probe = translation.matchProbe, cells.count <= 1 {
            do {
                matched = try EngineProcess(dialect: engine).rows(probe, columns: 1).first?.first.flatMap { $0.flatMap(Int.init) } ?? 0 > 0
            } catch {
                Diagnostics.error(error.message)
                return .error
            }
        }
        // Records loupe read that the engine does not read as JSON (a lone surrogate escape, a
        // byte order mark, a number beyond a double): said, or under --strict an error.
        let leftOut: Int
        do {
            leftOut = try Self.leftOutRecords(files, engine: engine)
        } catch {
            Diagnostics.error(error.message)
            return .error
        }
        let them = leftOut == 1 ? "it" : "them"
        let leftOutNote =
            "\(engine.name) left out \(Diagnostics.plural(leftOut, "record")) that loupe read from \(staging.inputNames), as it does not read \(them) as JSON; loupe's own answer (without --engine) counts \(them)"
        if configuration.reading.strict && leftOut > 0 {
            Diagnostics.error("--strict: " + leftOutNote)
            return .error
        }
        let writer = OutputWriter()
        let failure = ExitCode.ofWriting(closedPipe: matched ? .matched : .noMatch) {
            if translation.printsRecords {
                for row in cells { try writer.write((row[0] ?? "null") + "\n") }
                try writer.flush()
            } else {
                var printer = TablePrinter(
                    writer: writer, format: configuration.outputFormat.flatMap(TableFormat.init(rawValue:)),
                    color: configuration.reading.colors(writer))
                _ = try printer.consume(rowSet(cells, translation, program))
                try printer.finish()
            }
        }
        if let failure { return failure }
        Diagnostics.write(staging.readingMessages)
        if leftOut > 0 { Diagnostics.error(leftOutNote) }
        return matched ? .matched : .noMatch
    }

    /// How many lines of `files` (other than blank ones) the engine left out.
    static func leftOutRecords(_ files: [String], engine: SQLDialect) throws(EngineProcess.Failure) -> Int {
        guard let sql = SQLSource(location: .files(files)).leftOutLines(engine) else { return 0 }
        return try EngineProcess(dialect: engine).rows(sql, columns: 2).reduce(0) { $0 + ($1[1].flatMap { Int($0) } ?? 0) }
    }

    /// The options that shape a loupe run and have no meaning for the engine's.
    static func refusedOption(_ configuration: QueryConfiguration) -> String? {
        if configuration.count { return "-c counts records as they stream; end the query with '| count'" }
        if configuration.invert { return "-v has no translation; negate the filter with 'not (...)'" }
        if configuration.maxCount != nil { return "-m stops a stream; end the query with '| limit N'" }
        if configuration.lineNumbers || configuration.withFileName == true { return "-n and -H prefix loupe's own lines" }
        if configuration.quiet { return "-q has no translation" }
        if configuration.follow { return "--follow reads a growing file, which the engine reads once" }
        if configuration.merge { return "--merge has no translation; sort by time() in the query" }
        if configuration.since != nil || configuration.until != nil || configuration.sorted {
            return "--since, --until and --sorted have no translation; compare time() with a time in the query"
        }
        if configuration.timeField != nil { return "--time-field has no translation; name the field in the query" }
        if configuration.approximate { return "--approx: the engines compute exact percentiles" }
        if configuration.stats { return "--stats reports loupe's own reading" }
        if let format = configuration.outputFormat, !TableFormat.allCases.map(\.rawValue).contains(format) {
            return "-o \(format) draws loupe's own charts; use table, json, jsonl, csv, tsv or markdown"
        }
        return nil
    }

    /// The engine's cells as loupe's rows: the columns and units of loupe's own compiled
    /// program, each cell read back by its column's kind.
    static func rowSet(_ cells: [[String?]], _ translation: SQLTranslation, _ program: Program) -> RowSet {
        var final = program
        while let next = final.then?.program { final = next }
        var names = translation.columns.map(\.name)
        var units: [DurationUnit?]? = nil
        if case .rows(let plan) = final.plan, plan.outputColumns.count == names.count {
            names = plan.outputColumns
            units = plan.outputUnits
        }
        let rows = cells.map { row in zip(row, translation.columns).map { value(of: $0, kind: $1.kind) } }
        return RowSet(columns: names, units: units, rows: rows)
    }

    /// One cell's JSON text as a loupe value.
    static func value(of text: String?, kind: SQLColumn.Kind) -> RowValue {
        guard var text, text != "null" else { return .null }
        var kind = kind
        if kind == .computed {
            kind = text.first.map { $0 == "-" || ($0 >= "0" && $0 <= "9") } == true ? .number : .value
        }
        switch kind {
        case .number:
            if let integer = Int64(text) { return .number(.integer(integer)) }
            return Double(text).map { .number(.double($0)) } ?? .string(text)
        case .value, .record, .computed:
            return text.withUTF8 { bytes -> RowValue in
                guard let base = bytes.baseAddress, let first = bytes.first else { return .null }
                switch first {
                case UInt8(ascii: "\""):
                    return .string(JSONString.string(base + 1, base + bytes.count - 1, escaped: true))
                case UInt8(ascii: "t"), UInt8(ascii: "f"):
                    return .bool(first == UInt8(ascii: "t"))
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    return .json(String(decoding: bytes, as: UTF8.self))
                default:
                    return .number(JSONNumber.value(base, base + bytes.count))
                }
            }
        }
    }
}
