import Benchmark
import Foundation
import LoupeKit

// One benchmark per hot area, each through the library's entry point on the same generated log
// (written once to a temporary file): line reading and validation, field lookup, evaluation
// with the prefilter, a regex, aggregation; and on a generated trace export, trace decoding
// and analysis (TraceBenchmarks.swift). Output goes to /dev/null.
let benchmarks: @Sendable () -> Void = {
    traceBenchmarks()
    let file = SampleLog.path
    let cases: [(String, String, [String])] = [
        ("read: validate every line", "*", ["-c"]),
        ("lookup: one nested field", "exists(http.status)", ["-c"]),
        ("evaluate: prefiltered equality", #"level == "error""#, []),
        ("evaluate: regex", "msg ~ /timeout|refused/i", []),
        // The same test with and without arithmetic (issue 14: within 1.3x of each other).
        ("evaluate: comparison", "duration_ms > 200", ["-c"]),
        ("evaluate: arithmetic", "duration_ms / 1000 > 0.2", ["-c"]),
        ("aggregate: computed argument and count(EXPR)", "* | stats avg(duration_ms / 1000), count(http.status >= 500) by service", []),
        ("aggregate: count by", "* | count by service", []),
        ("aggregate: percentiles by", "* | stats p50(duration_ms), p99(duration_ms) by service", []),
        ("aggregate: time buckets", "* | count by bucket(ts, 1m), level", []),
    ]
    for (name, query, flags) in cases {
        Benchmark(name, configuration: .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident], maxIterations: 20)) { _ in
            var configuration = QueryConfiguration(query: query)
            configuration.inputs = [file]
            configuration.count = flags.contains("-c")
            configuration.reading.threads = 1
            SampleLog.silenced { _ = QueryPipeline.run(configuration) }
        }
    }
}

/// A deterministic 20,000-line log in the shape of ../shared/bench/gen_logs.py's output.
enum SampleLog {
    static let path: String = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-bench.jsonl")
        var text = ""
        let services = ["frontend", "catalog", "cart", "checkout", "search", "payments"]
        let levels = ["info", "info", "info", "debug", "warn", "error"]
        for i in 0..<20_000 {
            let service = services[i % services.count]
            let level = levels[(i * 7) % levels.count]
            let minute = i / 600
            let second = (i / 10) % 60
            text += #"{"ts":"2024-03-11T08:\#(String(format: "%02d:%02d", minute % 60, second)).\#(String(format: "%03d", i % 1000))Z","level":"\#(level)","#
            text += #""msg":"\#(i % 13 == 0 ? "upstream timeout" : "request served")","service":"\#(service)","#
            text += #""http":{"method":"GET","path":"/api/v1/items/\#(i)","status":\#(i % 17 == 0 ? 503 : 200)},"duration_ms":\#(Double(i % 997) / 3)}"#
            text += "\n"
        }
        try? text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }()

    /// Runs `body` with standard output pointed at /dev/null.
    static func silenced(_ body: () -> Void) {
        fflush(nil)  // every stream (`stdout` is shared mutable state to Swift 6)
        let saved = dup(1)
        let null = open("/dev/null", O_WRONLY)
        dup2(null, 1)
        body()
        dup2(saved, 1)
        close(null)
        close(saved)
    }
}
