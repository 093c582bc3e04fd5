import Foundation
import LoupeTestSupport
import Testing

/// Times at the edges of 64-bit nanoseconds never crash any command or output: a negative
/// start with an end near 2^63 overflowed `end - start`, microseconds past 2^63 ns wrapped to a
/// made-up time, and a trace of centuries overflowed the waterfall's axis (probe findings).
/// Random OTLP and Zipkin exports of a few traces whose times and durations come from the
/// edges, through every command and picture; a span whose times do not fit is skipped and said,
/// never altered, and totals over traces (hotspots, flame graphs) hold at Int64's bounds.
@Suite("Extreme times", .enabled(if: LoupeProcess.binaryExists, "the loupe binary was not found next to the test bundle"))
struct ExtremeTimesTests {
    static let nanoseconds: [Int64] = [
        0, 1, -1, 1 << 62, -(1 << 62), .max, .min, .max - 1, .min + 1, 1_710_144_000_000_000_000, 4_000_000_000_000_000_000,
    ]
    static let microseconds: [Int64] = [0, 1, -1, 9_223_372_036_854_775, 9_223_372_036_854_776, .max, 4_000_000_000_000_000, 1_710_144_000_000_000]

    static let commands: [[String]] = [
        ["-c", "*"], ["-o", "jsonl", "*"], ["* | stats sum(duration), p99(duration), max(end) by name"],
        ["trace"], ["trace", "-o", "json"], ["trace", "-o", "markdown"], ["trace", "--waterfall", "--width", "80"],
        ["trace", "-o", "svg"], ["trace", "-o", "html"], ["hotspots"], ["hotspots", "-o", "json"], ["hotspots", "-o", "html"],
        ["hotspots", "--folded"],
        ["gate", "--budget", "p99 < 1ms", "--min-samples", "1"],
    ]

    /// One span of `trace`, the `i`th, with edge times, as Zipkin (microseconds) or OTLP writes it.
    static func span(_ i: Int, of trace: String, zipkin: Bool, _ rng: inout SplitMix64) -> String {
        let id = String(format: "%016x", i + 1)
        let parentID = String(format: "%016x", Int.random(in: 1...max(1, i), using: &rng))
        if zipkin {
            let parent = i == 0 ? "" : #""parentId":"\#(parentID)","#
            let (start, duration) = (Self.microseconds.randomElement(using: &rng)!, Self.microseconds.randomElement(using: &rng)!)
            return #"{"traceId":"\#(trace)","id":"\#(id)",\#(parent)"name":"op\#(i % 2)","timestamp":\#(start),"duration":\#(duration),"localEndpoint":{"serviceName":"s"}}"#
        }
        let parent = i == 0 ? "" : #""parentSpanId":"\#(parentID)","#
        let (start, end) = (Self.nanoseconds.randomElement(using: &rng)!, Self.nanoseconds.randomElement(using: &rng)!)
        return #"{"traceId":"\#(trace)","spanId":"\#(id)",\#(parent)"name":"op\#(i % 2)","startTimeUnixNano":"\#(start)","endTimeUnixNano":"\#(end)"}"#
    }

    @Test func noCommandCrashesOnEdgeTimes() throws {
        let directory = try TemporaryDirectory(prefix: "loupe-extreme")
        var rng = SplitMix64(seed: 41)
        // Four traces of 127 years each: every total over traces passes 2^63 (hotspots trapped).
        let centuries = (1...4).map { #"{"traceId":"\#(String(format: "%032x", $0))","spanId":"0000000000000001","name":"op","startTimeUnixNano":"0","endTimeUnixNano":"4000000000000000000"}"# }
        for round in 0..<13 {
            let zipkin = round % 2 == 0 && round < 12
            var spans: [String] = round == 12 ? centuries : []
            for trace in 1...Int.random(in: 1...4, using: &rng) where round < 12 {
                let traceID = String(format: zipkin ? "%016x" : "%032x", 160 + trace)
                for i in 0..<Int.random(in: 1...5, using: &rng) { spans.append(Self.span(i, of: traceID, zipkin: zipkin, &rng)) }
            }
            let text = zipkin ? "[" + spans.joined(separator: ",") + "]" : #"{"resourceSpans":[{"scopeSpans":[{"spans":["# + spans.joined(separator: ",") + "]}]}]}"
            directory.write("t.json", Array(text.utf8))
            for command in Self.commands + [["diff", "t.json"]] {
                let outcome = try LoupeProcess.run(command + ["t.json"], in: directory.path)
                #expect(!outcome.signaled && outcome.status <= 2, "round \(round), \(command): \(outcome.status), \(outcome.stderrText.suffix(400))\n\(text)")
            }
        }
    }
}
