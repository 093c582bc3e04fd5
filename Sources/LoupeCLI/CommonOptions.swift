import ArgumentParser

/// Options every reading command shares.
struct CommonOptions: ParsableArguments {
    @Option(help: "Colors: auto (on a terminal, unless NO_COLOR is set), always or never.", completion: .list(["auto", "always", "never"]))
    var color: String = "auto"

    @Flag(help: "Stop at the first bad record with its file and line (exit 2) instead of skipping it.")
    var strict = false

    @Option(help: "Worker threads (default: one per core).")
    var threads: Int?

    @Option(name: .customLong("block-size"), help: .hidden)
    var blockSize: Int?

    @Option(help: "Input format: jsonl, otlp, otlp-lines, jaeger or zipkin (default: detected from each input's first bytes).")
    var format: String?

    func validate() throws {
        guard ["auto", "always", "never"].contains(color) else {
            throw ValidationError("--color must be auto, always or never")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let blockSize, blockSize < 1 { throw ValidationError("--block-size must be at least 1") }
        if let format, !["jsonl", "otlp", "otlp-lines", "jaeger", "zipkin"].contains(format) {
            throw ValidationError("unknown input format '\(format)' (use jsonl, otlp, otlp-lines, jaeger or zipkin)")
        }
    }
}
