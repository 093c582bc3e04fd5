import Glibc
import LoupeEngine
import LoupeIO
import LoupeOutput
import LoupeQuery

/// `loupe QUERY FILE...`: reads every input, filters and aggregates on all cores, prints the
/// result and reports skipped records; returns the exit code.
public enum QueryPipeline {
    public static func run(_ configuration: QueryConfiguration) -> ExitCode {
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
        if let problem = QueryOptionCheck.problem(configuration, program) {
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
            do {
                options.timeField = try Parser.parsePath(field)
            } catch {
                throw OptionError(message: "--time-field: " + error.rendered(query: field))
            }
        }
    }
}
