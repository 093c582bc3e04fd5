import Glibc
import LoupeIO
import Testing

@testable import LoupeTrace

@Suite struct TraceReaderTests {
    static let otlp = """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop"}},
        {"key":"host.name","value":{"stringValue":"h1"}}]},
        "scopeSpans":[{"scope":{"name":"x"},"spans":[
        {"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174","parentSpanId":"",
         "name":"GET /","kind":2,"startTimeUnixNano":"1544712660000000000","endTimeUnixNano":1544712661000000000,
         "attributes":[{"key":"http.route","value":{"stringValue":"/"}},{"key":"n","value":{"intValue":"42"}},
           {"key":"tags","value":{"arrayValue":{"values":[{"stringValue":"a"},{"intValue":"1"},{"kvlistValue":{"values":[{"value":{"boolValue":true},"key":"k"}]}}]}}}],
         "status":{"code":"STATUS_CODE_ERROR","message":"boom"}},
        {"traceId":"W47/95gDgQPSabYzgT/GDA==","spanId":"7uGbfsPBsXU=","parentSpanId":"EEE19B7EC3C1B174",
         "name":"SELECT","kind":"SPAN_KIND_CLIENT","startTimeUnixNano":"1544712660100000000","endTimeUnixNano":"1544712660000000000",
         "attributes":[{"key":"db.system","value":{"stringValue":"postgresql"}}]}
        ]}]}]}
        """

    @Test(arguments: [1, 3, 15, 100, 65535, 65537])
    func otlpAtAwkwardBlockSizes(step: Int) {
        let (spans, traceIDs, report) = decode(Self.otlp, .otlp, step: step)
        #expect(spans.count == 2)
        #expect(report.skippedTotal == 0)
        let root = spans[0]
        #expect(traceIDs[0] == "5b8efff798038103d269b633813fc60c")
        #expect(root.spanID == "eee19b7ec3c1b174")
        #expect(root.parentID == nil)
        #expect(root.service == "shop")
        #expect(root.kind == .server)
        #expect(root.status == .error)
        #expect(root.statusMessage == "boom")
        #expect(root.end - root.start == 1_000_000_000)
        #expect(root.attributes["n"] == .int(42))
        #expect(root.attributes["tags"] == .json(#"["a",1,{"k":true}]"#))
        #expect(root.resource["host.name"] == .string("h1"))
        let child = spans[1]
        #expect(traceIDs[1] == traceIDs[0])  // base64 of the same bytes
        #expect(child.spanID == "eee19b7ec3c1b175")
        #expect(child.parentID == "eee19b7ec3c1b174")
        #expect(child.kind == .client)
        #expect(child.duration == 0)  // ended before it started: clamped
        #expect(report.negativeDurationsClamped == 1)
        #expect(child.isOutgoingCall)
    }

    /// Found by Fuzz/ (zipkin, on Zipkin's own Chinese sample): read in small blocks, as from a
    /// pipe, a character cut by a block boundary made the span "invalid UTF-8" and dropped it.
    @Test(arguments: [1, 2, 3, 15, 100])
    func nonASCIITextAtAwkwardBlockSizes(step: Int) {
        let zipkin =
            #"{"traceId":"4d1e00c0db9010db86154a4ba6e91385","id":"4d1e00c0db9010db","name":"个人信息查询","#
            + #""timestamp":1472470996199000,"duration":207000,"localEndpoint":{"serviceName":"订单维护服务"}}"#
        let (spans, _, report) = decode(zipkin, .zipkin, step: step)
        #expect(report.skippedTotal == 0)
        #expect(spans.map(\.name) == ["个人信息查询"])
        #expect(spans.map(\.service) == ["订单维护服务"])
    }

    /// Microseconds (Jaeger, Zipkin) become nanoseconds exactly: integers times 1000, fractions
    /// to the nearest nanosecond (they were rounded to whole microseconds first: probe finding),
    /// numbers or strings; past 64-bit nanoseconds the span is skipped, never wrapped.
    @Test func microsecondsBecomeNanosecondsExactly() {
        let zipkin = """
            [{"traceId":"01","id":"02","name":"a","timestamp":1002.5,"duration":1.25},
             {"traceId":"01","id":"03","name":"b","timestamp":"1710144000000001","duration":"7"},
             {"traceId":"01","id":"04","name":"c","timestamp":1e3,"duration":0.0004},
             {"traceId":"01","id":"05","name":"d","timestamp":9223372036854776,"duration":1}]
            """
        let (spans, _, report) = decode(zipkin, .zipkin)
        #expect(spans.map(\.start) == [1_002_500, 1_710_144_000_000_001_000, 1_000_000])
        #expect(spans.map(\.end) == [1_003_750, 1_710_144_000_000_008_000, 1_000_000])
        #expect(report.skipped.map(\.reason) == [.timeOutOfRange])
        let jaeger = """
            {"data":[{"traceID":"01","spans":[{"traceID":"01","spanID":"02","operationName":"a","startTime":1000.4,"duration":0.5,
            "processID":"p1"}],"processes":{"p1":{"serviceName":"s"}}}]}
            """
        let (jaegerSpans, _, _) = decode(jaeger, .jaeger)
        #expect(jaegerSpans.map(\.start) == [1_000_400] && jaegerSpans.map(\.end) == [1_000_900])
    }

    @Test func corpusFilesReadIntoTheirTraces() throws {
        guard let corpus = corpusRoot else { return }
        for directory in ["otlp", "jaeger", "zipkin"] {
            let names = try listDirectory(corpus + "/" + directory)
            for name in names {
                let collection = TraceReader.read([.file(corpus + "/" + directory + "/" + name)])
                let logs = name.contains("logs") || name.contains("events")
                // Every span read is collected under its trace.
                #expect(collection.report.spansRead == collection.traces.reduce(0) { $0 + $1.spans.count }, "\(directory)/\(name)")
                if !logs { #expect(collection.report.spansRead > 0, "\(directory)/\(name)") }
            }
        }
    }
}

func listDirectory(_ path: String) throws -> [String] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
        if !name.hasPrefix(".") { names.append(name) }
    }
    return names.sorted()
}
