import ArgumentParser
import LoupeKit

/// Options every reading command shares.
struct CommonOptions: ParsableArguments {
    @Option(help: "Colors: auto (on a terminal, unless NO_COLOR is set), always or never.", completion: .list(["auto", "always", "never"]))
    var color: String = "auto"

    @Flag(
        help: """
            Stop at the first bad record with its file and line (exit 2) instead of skipping it; lines already \
            printed stay, no table or count is printed. In a query, a limit, -m or -q shortens the output, not the reading.
            """)
    var strict = false

    @Option(help: "Worker threads (default: one per core; at most 1024).")
    var threads: Int?

    @Option(name: .customLong("block-size"), help: .hidden)
    var blockSize: Int?

    @Option(
        name: [.customLong("input-format"), .customLong("format")],
        help: ArgumentHelp(
            """
            Input format: jsonl, json (arrays, pretty or concatenated values), wrapped (the records in \
            kubectl's List, an Elasticsearch response, aws logs events, CloudTrail Records), json-seq (RFC 7464), \
            prefixed (text before the JSON), otlp, otlp-lines, jaeger, zipkin, otel-console (the \
            OpenTelemetry SDK's console exporter), otlp-logs or otlp-logs-lines (default: detected from \
            each input's first bytes; --format is the old name).
            """,
            valueName: "format"),
        completion: .list([
            "jsonl", "json", "wrapped", "json-seq", "prefixed", "otlp", "otlp-lines", "jaeger", "zipkin", "otel-console", "otlp-logs",
            "otlp-logs-lines",
        ]))
    var format: String?

    @Flag(
        name: .customLong("no-prefix"),
        help:
            "Read lines with text before their JSON (docker compose, kubectl --timestamps, syslog) as malformed lines, not as records with a _prefix field."
    )
    var noPrefix = false

    /// The options, typed once for the configurations; a bad value is a usage error.
    func reading() throws -> ReadingOptions {
        do {
            return try ReadingOptions(
                color: color, strict: strict, threads: threads, blockSize: blockSize, format: format, noPrefix: noPrefix)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func validate() throws {
        _ = try reading()
    }
}
