import Benchmark
import Foundation
import LoupeKit

/// Trace decoding and analysis, each through the library's entry point on one generated OTLP
/// export (written once to a temporary file): spans as query records (decode, render, query),
/// `trace -o json` (decode, assemble, analyze, write) and `hotspots`, on one thread and on all
/// cores (the export is big enough to be split).
func traceBenchmarks() {
    let file = SampleTraces.path
    let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident]
    for threads in [1, ProcessInfo.processInfo.activeProcessorCount] {
        let suffix = threads == 1 ? "1 thread" : "all cores"
        Benchmark("spans as records: count by service.name (\(suffix))", configuration: .init(metrics: metrics, maxIterations: 10)) { _ in
            var configuration = QueryConfiguration(query: "* | count by service.name")
            configuration.inputs = [file]
            configuration.reading.threads = threads
            SampleLog.silenced { _ = QueryPipeline.run(configuration) }
        }
        Benchmark("spans as records: error filter (\(suffix))", configuration: .init(metrics: metrics, maxIterations: 10)) { _ in
            var configuration = QueryConfiguration(query: #"status == "error" | count by service.name"#)
            configuration.inputs = [file]
            configuration.reading.threads = threads
            SampleLog.silenced { _ = QueryPipeline.run(configuration) }
        }
        Benchmark("trace analysis: trace -o json (\(suffix))", configuration: .init(metrics: metrics, maxIterations: 10)) { _ in
            var configuration = TraceConfiguration()
            configuration.inputs = [file]
            configuration.output = .json
            configuration.reading.threads = threads
            SampleLog.silenced { _ = TracePipeline.run(configuration) }
        }
        Benchmark("trace analysis: hotspots (\(suffix))", configuration: .init(metrics: metrics, maxIterations: 10)) { _ in
            var configuration = HotspotsConfiguration()
            configuration.inputs = [file]
            configuration.reading.threads = threads
            SampleLog.silenced { _ = HotspotsPipeline.run(configuration) }
        }
    }
}

/// A deterministic OTLP/JSON export of 1,000 traces (26,000 spans, about 14 MB) in the shape of
/// ../shared/bench/gen_traces.py's: one `ResourceSpans` per service and trace, each resource
/// with eight attributes, each span with five; a root fans out to a chain and to sequential
/// database calls; one trace in eight has an error leaf.
enum SampleTraces {
    static let path: String = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-bench-traces.json")
        let services = ["frontend", "checkout", "cart", "payments"]
        var groups: [String] = []
        for t in 0..<1_000 {
            let trace = String(format: "%032x", 0x5eed_0000 + t)
            let base = 1_710_144_000_000_000_000 + t * 1_000_000_000
            var bySpan: [[String]] = Array(repeating: [], count: services.count)
            for s in 0..<26 {
                let service = s == 0 ? 0 : 1 + s % 3
                let id = String(format: "%016x", t * 64 + s + 1)
                let parent = s == 0 ? "" : String(format: "%016x", t * 64 + (s < 6 ? s : 1))
                let start = base + s * 2_000_000
                let end = s == 0 ? base + 60_000_000 : start + 1_500_000
                let error = t % 8 == 0 && s == 25
                var span = #"{"traceId":"\#(trace)","spanId":"\#(id)","#
                if !parent.isEmpty { span += #""parentSpanId":"\#(parent)","# }
                let operation = s == 0 ? "GET /checkout" : s < 6 ? "call \(s)" : "SELECT orders"
                span += #""name":"\#(operation)","kind":\#(s == 0 ? 2 : 3),"#
                span += #""startTimeUnixNano":"\#(start)","endTimeUnixNano":"\#(end)","attributes":["#
                span +=
                    #"{"key":"http.request.method","value":{"stringValue":"GET"}},{"key":"http.route","value":{"stringValue":"/api/\#(s)"}},"#
                span +=
                    #"{"key":"url.scheme","value":{"stringValue":"https"}},{"key":"client.address","value":{"stringValue":"203.0.113.\#(s)"}},"#
                span += #"{"key":"http.response.status_code","value":{"intValue":"\#(error ? 503 : 200)"}}],"#
                span += #""status":{\#(error ? #""code":2,"message":"upstream timeout""# : "")}}"#
                bySpan[service].append(span)
            }
            for (i, spans) in bySpan.enumerated() where !spans.isEmpty {
                let name = services[i]
                var attributes = [("service.name", name), ("service.namespace", "shop"), ("service.version", "1.1.0")]
                attributes += [("host.name", "\(name)-92265b1f5-d8f16"), ("deployment.environment.name", "production")]
                attributes += [
                    ("telemetry.sdk.name", "opentelemetry"), ("telemetry.sdk.language", "go"), ("telemetry.sdk.version", "1.38.0"),
                ]
                let resource = attributes.map { #"{"key":"\#($0.0)","value":{"stringValue":"\#($0.1)"}}"# }.joined(separator: ",")
                groups.append(
                    #"{"resource":{"attributes":[\#(resource)]},"scopeSpans":[{"scope":{"name":"otelhttp"},"spans":[\#(spans.joined(separator: ","))]}]}"#
                )
            }
        }
        let text = #"{"resourceSpans":["# + groups.joined(separator: ",") + "]}\n"
        try? text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }()
}
