import Foundation
import LoupeTestSupport
import Testing

/// Times at the edges of 64-bit nanoseconds never crash any command or output: a negative
/// start with an end near 2^63 overflowed `end - start`, microseconds past 2^63 ns wrapped to a
/// made-up time, and a trace of centuries overflowed the waterfall's axis (probe findings).
/// Random OTLP and Zipkin exports whose times and durations come from the edges, through every
/// command and picture; a span whose times do not fit is skipped and said, never altered.
@Suite("Extreme times", .enabled(if: LoupeProcess.binaryExists, "the loupe binary was not found next to the test bundle"))
struct ExtremeTimesTests {
    static let nanoseconds: [Int64] = [
        0, 1, -1, 1 << 62, -(1 << 62), .max, .min, .max - 1, .min + 1, 1_710_144_000_000_000_000, 4_000_000_000_000_000_000,
    ]
    static let microseconds: [Int64] = [0, 1, -1, 9_223_372_036_854_775, 9_223_372_036_854_776, .max, 4_000_000_000_000_000, 1_710_144_000_000_000]

    static let commands: [[String]] = [
        ["-c", "*"], ["-o", "jsonl", "*"], ["* | stats sum(duration), p99(duration), max(end) by name"],
        ["trace"], ["trace", "-o", "json"], ["trace", "-o", "markdown"], ["trace", "--waterfall", "--width", "80"],
        ["trace", "-o", "svg"], ["trace", "-o", "html"], ["hotspots"], ["hotspots", "-o", "json"],
        ["gate", "--budget", "p99 < 1ms", "--min-samples", "1"],
    ]

    @Test func noCommandCrashesOnEdgeTimes() throws {
        let directory = try TemporaryDirectory(prefix: "loupe-extreme")
        var rng = SplitMix64(seed: 41)
        for round in 0..<12 {
            let zipkin = round % 2 == 0
            var spans: [String] = []
            for i in 0..<Int.random(in: 1...5, using: &rng) {
                let parent = i == 0 ? "" : (zipkin ? #""parentId":"\#(String(format: "%016x", Int.random(in: 1...i, using: &rng)))","# : #""parentSpanId":"\#(String(format: "%016x", Int.random(in: 1...i, using: &rng)))","#)
                let id = String(format: "%016x", i + 1)
                if zipkin {
                    let start = Self.microseconds.randomElement(using: &rng)!
                    let duration = Self.microseconds.randomElement(using: &rng)!
                    spans.append(#"{"traceId":"00000000000000a1","id":"\#(id)",\#(parent)"name":"op\#(i % 2)","timestamp":\#(start),"duration":\#(duration),"localEndpoint":{"serviceName":"s"}}"#)
                } else {
                    let start = Self.nanoseconds.randomElement(using: &rng)!
                    let end = Self.nanoseconds.randomElement(using: &rng)!
                    spans.append(#"{"traceId":"000000000000000000000000000000a1","spanId":"\#(id)",\#(parent)"name":"op\#(i % 2)","startTimeUnixNano":"\#(start)","endTimeUnixNano":"\#(end)"}"#)
                }
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
