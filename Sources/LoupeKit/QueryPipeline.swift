import Glibc
import LoupeEngine
import LoupeIO
import LoupeOutput
import LoupeQuery

/// `loupe QUERY FILE...`: reads every input, filters and aggregates on all cores, prints the
/// result and reports skipped records; returns the exit code.
public enum QueryPipeline {
    public static func run(_ configuration: QueryConfiguration) -> ExitCode {
        if let engine = configuration.engine { return EngineRun.run(configuration, engine: engine) }
        let query: Query
        do {
            query = try Parser.parse(configuration.query)
        } catch {
            Diagnostics.error(error.rendered(query: configuration.query))
            return .error
        }
        var options = Compiler.Options()
        do {
            try applyTimeOptions(configuration, to: &options)
        } catch {
            Diagnostics.error(error.message)
            return .error
        }
        let inputs = InputSet(
            arguments: configuration.inputs, format: configuration.reading.format, prefixes: configuration.reading.prefixes)
        if inputs.holdsTraceExport { options.durationScales = QueryRun.spanDurationScales }
        let program: Program
        do {
            program = try Compiler.compile(query, options: options)
        } catch {
            Diagnostics.error(error.rendered(query: configuration.query))
            return .error
        }
        if let problem = QueryOptionCheck.problem(configuration, program) ?? QueryOptionCheck.problem(configuration, query) {
            Diagnostics.error(problem)
            return .error
        }
        let run = QueryRun(configuration: configuration, program: program, inputs: inputs)
        return run.execute()
    }

    /// `loupe fields FILE...`: every path in the records with its types, count and an example.
    public static func runFields(_ configuration: QueryConfiguration) -> ExitCode {
        QueryRun(
            configuration: configuration, program: .schema,
            inputs: InputSet(
                arguments: configuration.inputs, format: configuration.reading.format, prefixes: configuration.reading.prefixes)
        ).execute()
    }

    /// A problem with an option's value.
    struct OptionError: Error {
        var message: String
    }

    static func applyTimeOptions(_ configuration: QueryConfiguration, to options: inout Compiler.Options) throws(OptionError) {
        if let since = configuration.since {
            guard let ns = TimeBound.parse(since) else {
                throw OptionError(
                    message:
                        "--since: cannot read '\(since)' (use RFC 3339 like 2024-03-11T08:00:00Z, or a duration ago like 15m, 2h, 1h30m, 7d)"
                )
            }
            options.since = ns
        }
        if let until = configuration.until {
            guard let ns = TimeBound.parse(until) else {
                throw OptionError(
                    message:
                        "--until: cannot read '\(until)' (use RFC 3339 like 2024-03-11T08:00:00Z, or a duration ago like 15m, 2h, 1h30m, 7d)"
                )
            }
            options.until = ns
        }
        if let field = configuration.timeField {
            guard !field.isEmpty else { throw OptionError(message: "--time-field: give the path of the time field (ts, event.time)") }
            do {
                options.timeField = try Parser.parsePath(field)
            } catch {
                throw OptionError(message: "--time-field: " + error.rendered(query: field))
            }
        }
    }
}

/// Options that cannot apply to the query they came with, refused (exit 2) rather than
/// ignored without a word: the one place that decides which options go with which queries.
///
/// A query prints records (a filter, with sorts and limits over records) or a table (after
/// `count`, `stats`, `fields` or `distinct`); `-c`, `-n`, `-H` and `-m` belong to records,
/// `--every` to tables and counts, `-o` to records and tables but not to counts.
enum QueryOptionCheck {
    /// Why the options do not fit the program, or nil when they do.
    static func problem(_ configuration: QueryConfiguration, _ program: Program) -> String? {
        let records = program.printsRecords
        let format = configuration.outputFormat
        if !records {
            let table = "this query prints a table (its stages make rows)"
            if configuration.count { return "-c counts matching records, but \(table); drop -c, or end the query with '| count'" }
            if configuration.lineNumbers { return "-n numbers matching records, but \(table)" }
            if configuration.withFileName == true { return "-H names the file of each matching record, but \(table)" }
            if configuration.maxCount != nil {
                return "-m stops at N matching records, but \(table) of every record; end the query with '| limit N' to shorten the table"
            }
        } else if configuration.follow && configuration.every != nil && !configuration.count {
            return "--every prints a table again, but this query prints records (they show as they come)"
        }
        if let format {
            if configuration.count { return "-c prints counts, which -o \(format) does not format" }
            if configuration.quiet { return "-q prints nothing for -o \(format) to format" }
            if records && configuration.lineNumbers { return "-n prefixes lines, which -o \(format) does not have" }
            if records && configuration.withFileName == true { return "-H prefixes lines, which -o \(format) does not have" }
        }
        return nil
    }

    /// Options that only some queries use, refused where the query has nothing for them.
    static func problem(_ configuration: QueryConfiguration, _ query: Query) -> String? {
        let percentiles = query.stages.contains { stage in
            guard case .stats(let aggregates, _) = stage else { return false }
            return aggregates.contains { if case .percentile = $0.function { true } else { false } }
        }
        if configuration.approximate && !percentiles {
            return "--approx makes percentiles approximate, and this query computes none"
        }
        return nil
    }
}

/// Parts of the query language reference (`--help-query`) that loupe writes from its own
/// tables rather than keeping as text.
public enum QueryLanguageReference {
    /// What `level()`, `time()` and `message()` read, from `WellKnownFields`.
    public static let wellKnownFields = WellKnownFields.reference
}
