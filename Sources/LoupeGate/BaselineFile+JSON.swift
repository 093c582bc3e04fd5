import LoupeIO
import FoundationEssentials
import LoupeJSON
import LoupeTrace

extension BaselineFile {
    /// The first key of every baseline file; it also tells a baseline from a log or trace file.
    package static let marker = InputShape.baselineMarker

    /// The file's bytes: compact JSON with one group per line, so that a diff of two committed
    /// baselines shows which groups changed. Numbers are written in their shortest
    /// round-tripping form, so reading the file back gives exactly the same values.
    package func encoded() -> [UInt8] {
        var out: [UInt8] = []
        func raw(_ text: String) { out += text.utf8 }
        func string(_ text: String) { JSONString.appendQuoted(text.utf8, to: &out) }
        func optionalString(_ text: String?) {
            if let text { string(text) } else { raw("null") }
        }
        func number(_ x: Double) { raw(Self.numberText(x)) }
        func list<T>(_ items: [T], _ write: (T) -> Void) {
            raw("[")
            for (i, item) in items.enumerated() {
                if i > 0 { raw(",") }
                write(item)
            }
            raw("]")
        }
        raw("{\"\(Self.marker)\":\(Self.version),\"mode\":")
        string(mode.rawValue)
        raw(",\"fields\":")
        list(fields, string)
        raw(",\"value\":")
        optionalString(value)
        raw(",\"where\":")
        optionalString(filter)
        raw(",\"sample_limit\":\(sampleLimit),\"seed\":\(seed),\n\"groups\":[")
        for (g, group) in groups.enumerated() {
            raw(g == 0 ? "\n{\"key\":" : ",\n{\"key\":")
            list(group.key.values, string)
            raw(",\"n\":\(group.n),\"mean\":")
            number(group.mean)
            raw(",\"percentiles\":{")
            var separator = ""
            for p in Self.storedPercentiles {
                let name = GateParameters.percentText(p)
                guard let value = group.percentiles[name] else { continue }
                raw(separator)
                separator = ","
                string(name)
                raw(":")
                number(value)
            }
            raw("},\"sample\":")
            list(group.sample, number)
            raw("}")
        }
        raw("\n],\n\"blame\":[")
        for (i, entry) in blame.enumerated() {
            raw(i == 0 ? "\n{\"service\":" : ",\n{\"service\":")
            string(entry.key.service)
            raw(",\"name\":")
            string(entry.key.name)
            raw(",\"traces\":\(entry.traces),\"median_ms\":")
            number(entry.medianMs)
            raw(",\"sample\":")
            list(entry.sample, number)
            raw("}")
        }
        raw("\n]}\n")
        return out
    }

    /// A finite double in the shortest text that reads back as the same value.
    static func numberText(_ x: Double) -> String {
        precondition(x.isFinite, "baseline values are finite")
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }

    /// Reads a baseline file; `name` appears in error messages.
    package static func decode(_ bytes: [UInt8], name: String) throws(GateError) -> BaselineFile {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(bytes))
        } catch {
            throw GateError(description: "\(name): not a readable loupe gate baseline (\(Self.describe(error)))")
        }
        guard document.version == version else {
            throw GateError(
                description:
                    "\(name): baseline format version \(document.version) is not supported (this loupe reads version \(version); write it again with loupe gate --write-baseline)"
            )
        }
        var groups: [Group] = []
        for (i, group) in document.groups.enumerated() {
            let problem: String?
            if group.key.count != document.fields.count {
                problem = "its key has \(group.key.count) values for \(document.fields.count) fields"
            } else if group.n < 1 || group.sample.isEmpty || group.sample.count > group.n {
                problem = "n is \(group.n) with a sample of \(group.sample.count) values"
            } else if !["50", "90", "95", "99"].allSatisfy({ group.percentiles[$0] != nil }) {
                problem = "it lacks one of the percentiles 50, 90, 95, 99"
            } else {
                problem = nil
            }
            if let problem { throw GateError(description: "\(name): group \(i + 1) is malformed: \(problem)") }
            groups.append(
                Group(key: GroupKey(group.key), n: group.n, mean: group.mean, percentiles: group.percentiles, sample: group.sample.sorted())
            )
        }
        return BaselineFile(
            mode: document.mode, fields: document.fields, value: document.value, filter: document.filter,
            sampleLimit: document.sampleLimit, seed: document.seed, groups: groups,
            blame: (document.blame ?? []).map {
                BlameSummary(
                    key: OperationKey(service: $0.service, name: $0.name), traces: $0.traces, medianMs: $0.medianMs,
                    sample: $0.sample.sorted())
            })
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\"" + Self.at(context)
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return context.debugDescription + Self.at(context)
        case DecodingError.dataCorrupted(let context):
            return context.debugDescription + Self.at(context)
        default:
            return "\(error)"
        }
    }

    private static func at(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        return path.isEmpty ? "" : " at \(path)"
    }

    /// The file's JSON layout.
    private struct Document: Decodable {
        var version: Int
        var mode: GateMode
        var fields: [String]
        var value: String?
        var filter: String?
        var sampleLimit: Int
        var seed: UInt64
        var groups: [GroupDocument]
        var blame: [BlameDocument]?

        enum CodingKeys: String, CodingKey {
            case version = "loupe_gate_baseline"
            case mode, fields, value
            case filter = "where"
            case sampleLimit = "sample_limit"
            case seed, groups, blame
        }
    }

    private struct GroupDocument: Decodable {
        var key: [String]
        var n: Int
        var mean: Double
        var percentiles: [String: Double]
        var sample: [Double]
    }

    private struct BlameDocument: Decodable {
        var service: String
        var name: String
        var traces: Int
        var medianMs: Double
        var sample: [Double]

        enum CodingKeys: String, CodingKey {
            case service, name, traces, sample
            case medianMs = "median_ms"
        }
    }
}
