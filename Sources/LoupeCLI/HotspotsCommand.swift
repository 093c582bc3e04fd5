import ArgumentParser
import LoupeKit

/// `loupe hotspots [OPTIONS] [FILE...]`: what recurs across all traces.
struct HotspotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotspots",
        abstract: "Across all traces: where errors start, which sequential calls recur, which operations own the critical path.",
        // ArgumentParser would list every option here (over 80 columns).
        usage: "loupe hotspots [<options>] [<files> ...]",
        discussion: """
            Examples:
              loupe hotspots traces/*.json
              loupe hotspots --top 5 traces.json
              loupe hotspots -o json traces.json           every row, as JSON
              loupe hotspots -o markdown traces.json       tables for a pull request

            Exit status: 0 when a report was printed, 2 on an error: an input that
            cannot be read, is not a trace export or holds no spans, or any repair
            under --strict.
            """
    )

    @Argument(help: "Trace exports to read; '-' or none reads standard input. Globs are expanded.")
    var files: [String] = []

    @Option(help: ArgumentHelp("Rows per table in text and Markdown output.", valueName: "n"))
    var top = 15

    @Option(
        help: ArgumentHelp(
            "Show each error hotspot's most frequent error messages from this log file (any shape loupe reads); repeat for more files.",
            valueName: "file"))
    var logs: [String] = []

    @OptionGroup var analysis: TraceAnalysisFlags

    @OptionGroup var common: CommonOptions

    func validate() throws {
        try analysis.validate(format: common.format)
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if !logs.isEmpty, try analysis.validate(format: common.format) == .markdown {
            throw ValidationError("--logs shows error messages in the text and JSON reports, not in Markdown")
        }
        try common.validate()
    }

    func run() throws {
        var configuration = HotspotsConfiguration()
        configuration.inputs = files
        configuration.reading = try common.reading()
        configuration.output = try analysis.validate(format: common.format)
        configuration.top = top
        configuration.analysis = analysis.options
        configuration.logs = logs
        throw ExitCode(HotspotsPipeline.run(configuration).rawValue)
    }
}
