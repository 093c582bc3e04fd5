import Foundation
import LoupeTestSupport
import Testing

/// The no-loss property of `trace --logs`: random log records, each naming the fixture trace
/// (in a random spelling of its id and of a span's id), another trace or none, with random
/// damage between them. Every valid record with a trace id is joined exactly once, to the span
/// it names; those naming another trace are counted as unmatched; each damaged line is a
/// skipped line. The expectation is computed here from what was generated.
@Suite("Log join no-loss", .enabled(if: LoupeProcess.binaryExists, "the loupe binary was not found next to the test bundle"))
struct LogJoinNoLossTests {
    static let trace = "5b8efff798038103d269b633813fc60c"
    static let spans = ["00000000000000b1", "00000000000000b5", "00000000000000b6", "00000000000000ba"]
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/diff/cur.otlp.json").path

    struct Generated {
        var text = ""
        /// (message, span id) of each record that names the trace, in file order.
        var joined: [(String, String?)] = []
        var unmatched = 0
        var damaged = 0
    }

    static func generate(seed: UInt64) -> Generated {
        var rng = SplitMix64(seed: seed)
        var out = Generated()
        func hexSpelling(_ id: String) -> String {
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: return id
            case 1: return id.uppercased()
            default: return String(id.drop { $0 == "0" })  // unpadded
            }
        }
        for i in 0..<Int.random(in: 20...120, using: &rng) {
            let message = "m\(i) \(["plain", "caf\\u00e9", "quote \\\" in it", "tab\\there"][i % 4])"
            let decoded = message.replacingOccurrences(of: "\\u00e9", with: "é").replacingOccurrences(of: "\\\"", with: "\"")
                .replacingOccurrences(of: "\\t", with: "\t")
            switch Int.random(in: 0..<10, using: &rng) {
            case 0:
                out.text += "{\"msg\":\"\(message)\",\"trace_id\":\n"  // cut: damage
                out.damaged += 1
            case 1:
                out.text += "{\"msg\":\"\(message)\",\"trace_id\":\"00000000000000000000000000000bad\"}\n"
                out.unmatched += 1
            case 2:
                out.text += "{\"msg\":\"\(message)\"}\n"  // no trace id: passed over
            default:
                let names = [("trace_id", "span_id"), ("traceId", "spanId"), ("otelTraceID", "otelSpanID")]
                let (traceKey, spanKey) = names[Int.random(in: 0..<names.count, using: &rng)]
                let span = Int.random(in: 0..<5, using: &rng) < 4 ? spans.randomElement(using: &rng)! : nil
                var record = "{\"level\":\"info\",\"msg\":\"\(message)\",\"\(traceKey)\":\"\(hexSpelling(trace))\""
                if let span { record += ",\"\(spanKey)\":\"\(hexSpelling(span))\"" }
                out.text += record + "}\n"
                out.joined.append((decoded, span))
            }
        }
        return out
    }

    @Test(arguments: 1...12)
    func everyValidRecordIsJoinedOnce(seed: Int) throws {
        let generated = Self.generate(seed: UInt64(seed))
        let scratch = try TemporaryDirectory(prefix: "loupe-logjoin")
        scratch.write("app.log", Array(generated.text.utf8))
        let outcome = try LoupeProcess.run(
            ["trace", "-o", "json", "--critical-path", "--threads", "\(seed % 3 + 1)", "--logs", "app.log", Self.fixture],
            in: scratch.path)
        #expect(outcome.status == 0, "\(outcome)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout)) as? [String: Any])
        let logs = try #require(document["logs"] as? [String: Any])
        #expect(logs["records"] as? Int == generated.joined.count + generated.unmatched)
        #expect(logs["unmatched"] as? Int == generated.unmatched)
        let traces = logs["traces"] as? [[String: Any]] ?? []
        let records = (traces.first { $0["trace_id"] as? String == Self.trace }?["logs"] as? [[String: Any]]) ?? []
        // No time in these records: they keep file order.
        let got = records.map { ($0["message"] as? String ?? "?", $0["span_id"] as? String) }
        #expect(got.map(\.0) == generated.joined.map(\.0))
        #expect(got.map(\.1) == generated.joined.map(\.1))
        // A cut first line makes the file look like pretty JSON values, whose bad ones are
        // counted as records rather than lines; either way each damaged line is one.
        if generated.damaged > 0 {
            let plural = generated.damaged == 1 ? "" : "s"
            #expect(
                outcome.stderrText.contains("skipped \(generated.damaged) line\(plural) with malformed JSON")
                    || outcome.stderrText.contains("skipped \(generated.damaged) record\(plural) with malformed JSON"), "\(outcome)")
        } else {
            #expect(!outcome.stderrText.contains("skipped"), "\(outcome)")
        }
    }
}
