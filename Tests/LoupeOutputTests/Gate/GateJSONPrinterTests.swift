import Foundation
import Testing

@testable import LoupeGate
@testable import LoupeOutput

/// `-o json`: the TRACE-SEMANTICS section 6 document with its exact keys.
struct GateJSONPrinterTests {
    static func parse(_ report: GateReport) throws -> [String: Any] {
        let text = GateJSONPrinter(exitCode: report.failed ? 1 : 0).render(report)
        return try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func documentHasSectionSixKeys() throws {
        var report = try SampleReport.make(budgets: false)
        report.blame = nil
        let document = try Self.parse(report)
        #expect(Set(document.keys) == ["params", "mode", "keys", "regressions", "exit_code"])
        let params = try #require(document["params"] as? [String: Any])
        #expect(Set(params.keys) == ["percentile", "alpha", "min_effect", "min_abs_ms", "min_samples", "correction"])
        #expect(params["alpha"] as? Double == 0.01)
        #expect(params["correction"] as? String == "holm")
        #expect(document["mode"] as? String == "spans")
        #expect(document["regressions"] as? Int == 2)
        #expect(document["exit_code"] as? Int == 1)
        let keys = try #require(document["keys"] as? [[String: Any]])
        #expect(keys.count == 8)
        for key in keys {
            #expect(
                Set(key.keys) == [
                    "key", "base", "cur", "u", "a12", "z", "p_greater", "p_less", "p_greater_adjusted", "p_less_adjusted", "ratio",
                    "delta_ms", "status",
                ])
            for side in ["base", "cur"] {
                let summary = try #require(key[side] as? [String: Any])
                #expect(Set(summary.keys) == ["n", "mean", "p50", "p90", "p95", "p99", "gate"])
            }
        }
        #expect(
            keys.map { $0["status"] as? String } == [
                "regression", "regression", "improvement", "unchanged", "unchanged", "insufficient", "only_base", "only_cur",
            ])
        let first = keys[0]
        #expect(first["key"] as? [String: String] == ["service.name": "search", "name": "GET /q <all> & \"more\""])
        let row = report.rows[0]
        #expect(first["u"] as? Double == row.test!.u)
        #expect(first["ratio"] as? Double == row.ratio)
        #expect((first["base"] as? [String: Any])?["n"] as? Int == 30)
        // A side without values: n 0 and null statistics; no test.
        let onlyCur = keys[7]
        #expect((onlyCur["base"] as? [String: Any])?["n"] as? Int == 0)
        #expect((onlyCur["base"] as? [String: Any])?["mean"] is NSNull)
        #expect(onlyCur["u"] is NSNull && onlyCur["ratio"] is NSNull && onlyCur["delta_ms"] is NSNull)
        // Holm's p-values for the keys that reach the test; null for the others.
        for (json, row) in zip(keys, report.rows) {
            let eligible = row.status != .insufficient && row.status != .onlyBase && row.status != .onlyCur
            if eligible {
                // JSONSerialization on Linux can be one ulp off; floatsRoundTrip checks exactness.
                let greater = try #require(json["p_greater_adjusted"] as? Double)
                let less = try #require(json["p_less_adjusted"] as? Double)
                #expect(abs(greater - row.adjusted!.pGreater) <= 1e-15 * greater, "\(row.key.label)")
                #expect(abs(less - row.adjusted!.pLess) <= 1e-15 * less, "\(row.key.label)")
                #expect(row.adjusted!.pGreater >= row.test!.pGreater && row.adjusted!.pLess >= row.test!.pLess)
            } else {
                #expect(json["p_greater_adjusted"] is NSNull && json["p_less_adjusted"] is NSNull, "\(row.key.label)")
            }
        }
    }

    /// `--correction none`: the parameter says so, and the adjusted values are the raw ones
    /// (the p-values the rule compared).
    @Test func withoutCorrection() throws {
        var parameters = GateParameters()
        parameters.correction = .none
        let report = try SampleReport.make(budgets: false, parameters: parameters)
        let document = try Self.parse(report)
        #expect((document["params"] as? [String: Any])?["correction"] as? String == "none")
        let keys = try #require(document["keys"] as? [[String: Any]])
        #expect(keys[0]["p_greater_adjusted"] as? Double == keys[0]["p_greater"] as? Double)
        #expect(keys[0]["p_less_adjusted"] as? Double == keys[0]["p_less"] as? Double)
        #expect(keys[0]["p_greater"] is Double)
    }

    /// The fields the round-trip test reads, decoded with JSONDecoder (exact; Foundation's
    /// JSONSerialization on Linux can be one ulp off).
    struct Document: Decodable {
        struct Key: Decodable {
            struct Side: Decodable { var mean: Double? }
            var a12: Double?
            var p_less: Double?
            var p_greater_adjusted: Double?
            var cur: Side
        }
        var keys: [Key]
    }

    @Test func floatsRoundTrip() throws {
        let report = try SampleReport.make(budgets: false)
        let text = GateJSONPrinter(exitCode: report.failed ? 1 : 0).render(report)
        // Shortest round-tripping form: reading the text back gives the same doubles.
        let document = try JSONDecoder().decode(Document.self, from: Data(text.utf8))
        for (json, row) in zip(document.keys, report.rows) where row.test != nil {
            #expect(json.a12 == row.test!.a12)
            #expect(json.p_less == row.test!.pLess)
            #expect(json.p_greater_adjusted == row.adjusted?.pGreater)
            #expect(json.cur.mean == row.cur!.mean)
        }
        #expect(!text.contains("inf") && !text.contains("nan"))
    }

    @Test func infiniteRatioIsNull() throws {
        var base = SampleTable(fields: ["k"])
        var cur = SampleTable(fields: ["k"])
        for x in 1...25 {
            base.add(0, to: GroupKey(["a"]))
            cur.add(Double(x), to: GroupKey(["a"]))
        }
        var report = GateReport(parameters: GateParameters(), mode: .logs, fields: ["k"])
        report.comparison = try GateComparison.compare(
            base: GateSide(mode: .logs, table: base, gatePercentile: 95), cur: GateSide(mode: .logs, table: cur, gatePercentile: 95),
            parameters: report.parameters)
        let keys = try #require(try Self.parse(report)["keys"] as? [[String: Any]])
        #expect(keys[0]["ratio"] is NSNull)
        #expect(keys[0]["status"] as? String == "regression")
    }

    @Test func additionsOnlyWhenAsked() throws {
        let document = try Self.parse(try SampleReport.make())
        #expect(Set(document.keys) == ["params", "mode", "keys", "regressions", "exit_code", "budgets", "blame"])
        let blame = try #require(document["blame"] as? [[String: Any]])
        #expect(blame.first?["service"] as? String == "payments")
        #expect(blame.first?["named"] as? Bool == true)
    }
}
