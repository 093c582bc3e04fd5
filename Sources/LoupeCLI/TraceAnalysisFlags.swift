import ArgumentParser
import LoupeKit

/// What `trace` and `hotspots` share: the report format and the thresholds of the
/// parallel-siblings analysis.
struct TraceAnalysisFlags: ParsableArguments {
    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp("Output: text, json or markdown; trace also svg and html, hotspots also html.", valueName: "format"))
    var output = "text"

    // Optional, so that `diff`, which finds no runs, can refuse them when given.
    @Option(name: .customLong("min-count"), help: ArgumentHelp("Calls a sequential run needs to be reported (default 2).", valueName: "n"))
    var minCount: Int?

    @Option(
        name: .customLong("max-gap-ms"),
        help: ArgumentHelp(
            "A pause longer than this between two calls ends a run (the parent did work between them; default 5).", valueName: "ms"))
    var maxGapMs: Double?

    @Option(
        name: .customLong("min-saving-ms"),
        help: ArgumentHelp("Report a run only when running it concurrently would save at least this much (default 1).", valueName: "ms"))
    var minSavingMs: Double?

    /// The sequential-run options given, by name (for a command that has no runs to refuse).
    var runOptionsGiven: [String] {
        [minCount.map { _ in "--min-count" }, maxGapMs.map { _ in "--max-gap-ms" }, minSavingMs.map { _ in "--min-saving-ms" }]
            .compactMap { $0 }
    }

    @Option(
        name: .customLong("n-plus-one-min"), help: ArgumentHelp("Repeats of one operation that make a run an N+1 pattern.", valueName: "n"))
    var nPlusOneMin = 3

    func validate() throws {
        if let minCount, minCount < 2 { throw ValidationError("--min-count must be at least 2") }
        if let maxGapMs, !(maxGapMs >= 0) { throw ValidationError("--max-gap-ms must be 0 or more") }
        if let minSavingMs, !(minSavingMs >= 0) { throw ValidationError("--min-saving-ms must be 0 or more") }
        if nPlusOneMin < 1 { throw ValidationError("--n-plus-one-min must be at least 1") }
    }

    /// The checks `trace` and `hotspots` share: a report format, and an input format that is a
    /// trace export. Returns the report format.
    @discardableResult
    func validate(format: String?) throws -> ReportFormat {
        guard let report = ReportFormat(rawValue: output) else {
            throw ValidationError("unknown output format '\(output)' (use text, json, markdown, svg or html)")
        }
        if let format, ["jsonl", "json", "json-seq", "prefixed"].contains(format) {
            throw ValidationError("--input-format \(format) is not a trace export (use otlp, otlp-lines, jaeger, zipkin or otel-console)")
        }
        return report
    }

    var options: TraceAnalysisOptions {
        var options = TraceAnalysisOptions()
        if let minCount { options.minCount = minCount }
        if let maxGapMs { options.maxGapMs = maxGapMs }
        if let minSavingMs { options.minSavingMs = minSavingMs }
        options.nPlusOneMin = nPlusOneMin
        return options
    }
}
