import ArgumentParser
import LoupeKit

/// `loupe fields [FILE...]`: schema discovery.
struct FieldsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fields",
        abstract: "List every field path in the records, with its types, how often it occurs and an example.",
        // ArgumentParser would list every option here (over 80 columns).
        usage: "loupe fields [<options>] [<files> ...]",
        discussion: """
            Examples:
              loupe fields app.log
              loupe fields -o json app.log.gz     compressed input is read as is
              loupe fields traces.json            spans as records: trace_id, name, ...

            Array elements share one path (tags[*], any element). Paths are written
            as queries read them, so each can be pasted into one.
            """
    )

    @Argument(help: "Files to read (plain, gzip or zstd); '-' or none reads standard input.", completion: .file())
    var files: [String] = []

    @OptionGroup var common: CommonOptions

    @Option(
        name: [.customShort("o"), .customLong("output")], help: "Table format: table, json, jsonl, csv, tsv, markdown.",
        completion: .list(OutputFormats.tables))
    var output: String?

    func validate() throws {
        try common.validate()
        if let output, !["table", "json", "jsonl", "csv", "tsv", "markdown"].contains(output) {
            throw ValidationError("unknown output format '\(output)' (use table, json, jsonl, csv, tsv or markdown)")
        }
    }

    func run() throws {
        var configuration = QueryConfiguration(query: "*")
        configuration.inputs = files
        configuration.reading = try common.reading()
        configuration.outputFormat = output
        throw ExitCode(QueryPipeline.runFields(configuration).rawValue)
    }
}
