import LoupeGate
import LoupeJSON
import LoupeTrace

/// `loupe gate -o json`: the TRACE-SEMANTICS section 6 document, keys as written there.
///
/// `{"params","mode","keys":[{"key","base","cur","u","a12","z","p_greater","p_less",
/// "p_greater_adjusted","p_less_adjusted","ratio","delta_ms","status"}],"regressions",
/// "exit_code"}`; `params` always names the `correction` ("holm" or "none"). Floats are
/// written in their shortest round-tripping form; an infinite ratio and statistics that do not
/// exist (a side without values, z when every value is equal) are null. The adjusted p-values
/// are the ones the status was decided on: Holm's for the keys that reach the test (the raw
/// ones under `--correction none`), null for the others. Additions, only when they apply:
/// `budgets` (with `--budget`) and `blame` (spans with trace structure).
package struct GateJSONPrinter {
    /// The process's exit code, decided by the caller (LoupeKit's `ExitCode`), printed as is.
    let exitCode: Int32

    package init(exitCode: Int32) {
        self.exitCode = exitCode
    }

    package func render(_ report: GateReport) -> String {
        let json = JSONWriter()
        json.object {
            json.key("params")
            json.object {
                let p = report.parameters
                json.field("percentile", p.percentile)
                json.field("alpha", p.alpha)
                json.field("min_effect", p.minEffect)
                json.field("min_abs_ms", p.minAbsMs)
                json.field("min_samples", p.minSamples)
                json.field("correction", p.correction.rawValue)
            }
            json.field("mode", report.mode.rawValue)
            json.key("keys")
            json.array(report.rows) { row in
                json.object {
                    json.key("key")
                    json.object {
                        for (field, value) in zip(report.fields, row.key.values) { json.field(field, value) }
                    }
                    json.key("base")
                    summary(row.base, json)
                    json.key("cur")
                    summary(row.cur, json)
                    json.field("u", row.test?.u)
                    json.field("a12", row.test?.a12)
                    json.field("z", row.test?.z)
                    json.field("p_greater", row.test?.pGreater)
                    json.field("p_less", row.test?.pLess)
                    json.field("p_greater_adjusted", row.adjusted?.pGreater)
                    json.field("p_less_adjusted", row.adjusted?.pLess)
                    json.field("ratio", row.ratio)
                    json.field("delta_ms", row.deltaMs)
                    json.field("status", row.status.rawValue)
                }
            }
            json.field("regressions", report.regressions)
            json.field("exit_code", Int(exitCode))
            if !report.budgets.isEmpty { budgets(report, json) }
            if let blame = report.blame { self.blame(blame, report, json) }
        }
        return json.text + "\n"
    }

    private func summary(_ summary: SampleSummary?, _ json: JSONWriter) {
        json.object {
            json.field("n", summary?.n ?? 0)
            json.field("mean", summary?.mean)
            json.field("p50", summary?.p50)
            json.field("p90", summary?.p90)
            json.field("p95", summary?.p95)
            json.field("p99", summary?.p99)
            json.field("gate", summary?.gate)
        }
    }

    private func budgets(_ report: GateReport, _ json: JSONWriter) {
        json.key("budgets")
        json.array(report.budgetResults) { result in
            let budget = report.budgets[result.budget]
            json.object {
                json.field("budget", budget.text)
                json.key("key")
                json.object {
                    for (field, value) in zip(report.fields, result.key.values) { json.field(field, value) }
                }
                json.field("percentile", budget.percentile)
                json.field("limit_ms", budget.limitMs)
                json.field("value_ms", result.valueMs)
                json.field("n", result.n)
                json.field("status", result.status.rawValue)
            }
        }
    }

    private func blame(_ rows: [BlameRow], _ report: GateReport, _ json: JSONWriter) {
        let named = Set(Blame.named(rows, parameters: report.parameters, limit: report.blameLimit).map(\.key))
        json.key("blame")
        json.array(rows) { row in
            json.object {
                json.field("service", row.key.service)
                json.field("name", row.key.name)
                json.field("base_median_ms", row.base?.medianMs)
                json.field("cur_median_ms", row.cur?.medianMs)
                json.field("base_traces", row.base?.traces ?? 0)
                json.field("cur_traces", row.cur?.traces ?? 0)
                json.field("growth_ms", row.growthMs)
                json.field("p_greater", row.pGreater)
                json.key("named")
                json.raw(named.contains(row.key) ? "true" : "false")
            }
        }
    }
}

/// A minimal streaming JSON writer: commas and quoting handled, nothing else. A class, so
/// the nested closures that write an object's members can share it.
final class JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    var text: String { String(decoding: bytes, as: UTF8.self) }

    func object(_ body: () -> Void) {
        separate()
        bytes.append(0x7B)
        needsComma = false
        body()
        bytes.append(0x7D)
        needsComma = true
    }

    func array<C: Collection>(_ items: C, _ body: (C.Element) -> Void) {
        separate()
        bytes.append(0x5B)
        needsComma = false
        for item in items { body(item) }
        bytes.append(0x5D)
        needsComma = true
    }

    func key(_ name: String) {
        separate()
        JSONString.appendQuoted(name.utf8, to: &bytes)
        bytes.append(0x3A)
        needsComma = false
    }

    func value(_ text: String) {
        separate()
        JSONString.appendQuoted(text.utf8, to: &bytes)
        needsComma = true
    }

    /// A literal (true, false, null) after a key.
    func raw(_ text: String) {
        bytes += text.utf8
        needsComma = true
    }

    func field(_ name: String, _ value: String) {
        key(name)
        self.value(value)
    }

    func field(_ name: String, _ value: Int) {
        key(name)
        bytes += String(value).utf8
        needsComma = true
    }

    /// A double in shortest round-tripping form; nil, NaN and infinities are null.
    func field(_ name: String, _ value: Double?) {
        key(name)
        if let value, value.isFinite {
            bytes += String(value).utf8
        } else {
            bytes += "null".utf8
        }
        needsComma = true
    }

    private func separate() {
        if needsComma { bytes.append(0x2C) }
    }
}
