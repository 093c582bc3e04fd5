import LoupeIO
import LoupeTestSupport
import Testing

@testable import LoupeTrace

/// What analysis keeps of span attributes (`db.system`, `db.system.name`) must be what reading
/// every attribute gives, filtered to those keys, whatever the lists hold: most lists are passed
/// over whole (`JSONReader.skipContainer`), so keys spelled with escapes, lookalike keys,
/// backslashes elsewhere and damaged lists are all mixed in, and documents are read whole and
/// in small reads.
@Suite("Attribute policy")
struct AttributePolicyTests {
    static let keys = [
        "http.method", "db.system", "db.system.name", "db.systems", "peer.service", #"db\u002esystem"#, #"\u0064b.system.name"#,
        #"path\\x"#, "db.statement",
    ]
    static let values = [
        #"{"stringValue":"postgresql"}"#, #"{"intValue":"42"}"#, #"{"boolValue":true}"#, #"{"doubleValue":1.5}"#,
        #"{"stringValue":"a\"b"}"#, #"{"arrayValue":{"values":[{"stringValue":"db.system"}]}}"#, "{}",
    ]

    static func spanID(_ n: Int) -> String {
        let hex = String(n, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    @Test func analysisKeepsWhatReadingEverythingKeeps() {
        var rng = SplitMix64(seed: 0xA77)
        let kept: Set<String> = ["db.system", "db.system.name"]
        for round in 0..<300 {
            var spans: [String] = []
            for s in 0..<Int(rng.next() % 6) + 1 {
                var attributes: [String] = []
                for _ in 0..<Int(rng.next() % 5) {
                    let key = Self.keys[Int(rng.next() % UInt64(Self.keys.count))]
                    let value = Self.values[Int(rng.next() % UInt64(Self.values.count))]
                    attributes.append(#"{"key":"\#(key)","value":\#(value)}"#)
                }
                var list = Array(("[" + attributes.joined(separator: rng.next() % 3 == 0 ? ", " : ",") + "]").utf8)
                // A damaged list makes its span, or the whole document, unreadable: both
                // policies must say so the same way.
                if rng.next() % 8 == 0 { list.insert(UInt8(ascii: ["\"", "{", "]", "\\", "x"][Int(rng.next() % 5)]), at: Int(rng.next() % UInt64(list.count + 1))) }
                spans.append(
                    #"{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"\#(Self.spanID(round * 8 + s + 1))","name":"op","#
                        + #""startTimeUnixNano":"1000","endTimeUnixNano":"2000","attributes":"# + String(decoding: list, as: UTF8.self) + "}")
            }
            let document =
                #"{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},"scopeSpans":[{"spans":["#
                + spans.joined(separator: ",") + "]}]}]}"
            for step in [1 << 16, 1 + Int(rng.next() % 50)] {
                let all = decode(document, .otlp, step: step, attributes: .all)
                let analysis = decode(document, .otlp, step: step, attributes: .analysis)
                #expect(all.report.skipped.map { "\($0)" } == analysis.report.skipped.map { "\($0)" }, "round \(round): \(document)")
                #expect(all.report.failures == analysis.report.failures, "round \(round): \(document)")
                #expect(all.spans.map(\.spanID) == analysis.spans.map(\.spanID), "round \(round): \(document)")
                for (a, b) in zip(all.spans, analysis.spans) {
                    #expect(a.attributes.filter { kept.contains($0.key) } == b.attributes, "round \(round): \(document)")
                }
            }
        }
    }
}
