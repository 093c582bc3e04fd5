import ArgumentParser
import LoupeKit
import LoupeSQL

/// `loupe [OPTIONS] QUERY [FILE...]`: filter records, or aggregate them with pipeline stages.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Print the records that match a query, or the table its stages compute.",
        discussion: HelpText.queryExamples
    )

    @Argument(help: "The query: a filter, then optional stages after '|' (see --help-query).")
    var query: String?

    @Argument(
        help:
            "JSON-lines files or trace exports (their spans are the records), plain, gzip or zstd; '-' or none reads standard input. Globs are expanded.",
        completion: .file())
    var files: [String] = []

    @Flag(name: [.customShort("c"), .long], help: "Print only the number of matching records (per file with several).")
    var count = false

    @Flag(name: [.customShort("v"), .customLong("invert-match")], help: "Select valid records that do not match.")
    var invert = false

    @Option(
        name: [.customShort("m", allowingJoined: true), .customLong("max-count")], help: "Stop reading a file after N matching records.")
    var maxCount: Int?

    @Flag(name: [.customShort("n"), .customLong("line-number")], help: "Prefix each line with its line number.")
    var lineNumber = false

    @Flag(
        name: [.customShort("H"), .customLong("with-filename")], help: "Prefix each line with its file name (default with several files).")
    var withFilename = false

    @Flag(name: .customLong("no-filename"), help: "Never prefix lines with the file name.")
    var noFilename = false

    @Flag(name: [.customShort("q"), .long], help: "Print nothing; exit 0 at the first match.")
    var quiet = false

    @Flag(name: .customLong("help-query"), help: "Print the query language reference.")
    var helpQuery = false

    @OptionGroup var common: CommonOptions

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help:
            "Table format: table, json, jsonl, csv, tsv, markdown (default: table on a terminal, tsv in a pipe); a time series (count by bucket(ts, 1m)) also chart, svg or html.",
        completion: .list(OutputFormats.all))
    var output: String?

    @Flag(name: .customLong("approx"), help: "Approximate percentiles in bounded memory (within 1% relative error).")
    var approximate = false

    @Option(help: "Only records at or after this time: RFC 3339, or a duration ago like 15m, 2h, 1h30m, 7d.")
    var since: String?

    @Option(help: "Only records before this time: RFC 3339, or a duration ago like 15m, 2h, 1h30m, 7d.")
    var until: String?

    @Flag(
        help:
            "The files' timestamps never decrease: --since/--until binary-search them instead of reading them in full (a timestamp seen going back is reported)."
    )
    var sorted = false

    @Option(
        name: .customLong("time-field"),
        help:
            "The one field time() reads, for --since/--until, --merge and bucket(time(), D) (default: the well-known fields ts, time, timestamp, @timestamp, ...; see --help-query)."
    )
    var timeField: String?

    @Flag(
        help:
            "Interleave the records of all the files by time() into one stream (files each in time order stream in bounded memory); -H shows each line's file."
    )
    var merge = false

    @Flag(help: "Print what was read, matched and skipped, and how fast, to standard error.")
    var stats = false

    @Flag(name: [.customShort("f"), .long], help: "Keep reading the file as it grows, like tail -f (survives rotation); Ctrl-C ends.")
    var follow = false

    @Option(help: ArgumentHelp("With --follow, print an aggregation's table again this often (default 2s).", valueName: "duration"))
    var every: String?

    @Option(
        help: ArgumentHelp(
            "Run the query in ClickHouse or DuckDB (translated as 'loupe sql' prints it) and print the result in loupe's formats.",
            valueName: "clickhouse|duckdb"),
        completion: .list(SQLDialect.allCases.map(\.name)))
    var engine: String?

    mutating func validate() throws {
        if helpQuery { return }
        if let engine, SQLDialect(rawValue: engine) == nil {
            throw ValidationError("unknown engine '\(engine)' (use clickhouse or duckdb)")
        }
        guard query != nil else { throw ValidationError("missing the query (try: loupe '*' app.log, or loupe --help)") }
        if let output, !OutputFormats.all.contains(output) {
            throw ValidationError("unknown output format '\(output)' (use table, json, jsonl, csv, tsv, markdown, chart, svg or html)")
        }
        if let output, ["chart", "svg", "html"].contains(output), follow {
            throw ValidationError("-o \(output) draws a finished result; leave --follow out")
        }
        if let maxCount, maxCount < 0 { throw ValidationError("--max-count must be 0 or more") }
        if follow && files.count > 1 { throw ValidationError("--follow reads one file (or standard input)") }
        if every != nil && !follow { throw ValidationError("--every goes with --follow") }
        if sorted && since == nil && until == nil { throw ValidationError("--sorted goes with --since or --until") }
        if merge && (follow || sorted) {
            throw ValidationError("--merge reads every file in full: it goes with neither --follow nor --sorted")
        }
        if merge && (count || maxCount != nil) {
            throw ValidationError(
                "--merge only orders the records: -c and -m count per file (count with '* | count', stop with '| limit N')")
        }
        try common.validate()
    }

    func run() throws {
        if helpQuery {
            print(HelpText.queryReference, terminator: "")
            return
        }
        var configuration = QueryConfiguration(query: query ?? "")
        configuration.inputs = files
        configuration.count = count
        configuration.invert = invert
        configuration.maxCount = maxCount
        configuration.lineNumbers = lineNumber
        configuration.withFileName = noFilename ? false : (withFilename ? true : nil)
        configuration.quiet = quiet
        configuration.reading = try common.reading()
        configuration.outputFormat = output
        configuration.approximate = approximate
        configuration.since = since
        configuration.until = until
        configuration.sorted = sorted
        configuration.timeField = timeField
        configuration.merge = merge
        configuration.stats = stats
        configuration.follow = follow
        configuration.every = every
        configuration.engine = engine.flatMap(SQLDialect.init(rawValue:))
        throw ExitCode(QueryPipeline.run(configuration).rawValue)
    }
}
