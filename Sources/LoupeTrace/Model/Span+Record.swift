import LoupeJSON

/// A span as a query record (DESIGN section 4): one compact JSON object with `trace_id`,
/// `span_id`, `parent_id`, `name`, `service.name`, `kind`, `start`, `end`, `duration`
/// (nanoseconds), `status` (`ok`, `error`, `unset`), `status_message` when there is one,
/// `attributes` and `resource`.
///
/// Output is deterministic: attribute keys are sorted by bytes. Times are integers. The
/// `trace_id` is the one of the span's trace, which the caller knows (a span holds none).
extension Span {
    package func appendRecord(traceID: String, to out: inout [UInt8]) {
        appendRecord(traceID: traceID, to: &out) { Self.append(resource, to: &$0) }
    }

    /// The record, with the `resource` object written by `resourceJSON` (`SpanRecordWriter`
    /// hands over the one it wrote for the span before).
    func appendRecord(traceID: String, to out: inout [UInt8], resourceJSON: (inout [UInt8]) -> Void) {
        out.append(contentsOf: #"{"trace_id":"#.utf8)
        JSONString.appendQuoted(traceID.utf8, to: &out)
        out.append(contentsOf: #","span_id":"#.utf8)
        spanID.appendJSON(to: &out)
        out.append(contentsOf: #","parent_id":"#.utf8)
        if let parentID { parentID.appendJSON(to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","name":"#.utf8)
        JSONString.appendQuoted(name.utf8, to: &out)
        out.append(contentsOf: #","service.name":"#.utf8)
        JSONString.appendQuoted(service.utf8, to: &out)
        out.append(contentsOf: #","kind":""#.utf8)
        out.append(contentsOf: kind.recordName.utf8)
        out.append(contentsOf: #"","start":"#.utf8)
        JSONNumber.appendInteger(start, to: &out)
        out.append(contentsOf: #","end":"#.utf8)
        JSONNumber.appendInteger(end, to: &out)
        out.append(contentsOf: #","duration":"#.utf8)
        JSONNumber.appendInteger(duration, to: &out)
        out.append(contentsOf: #","status":""#.utf8)
        out.append(contentsOf: status.rawValue.utf8)
        out.append(UInt8(ascii: "\""))
        if let statusMessage {
            out.append(contentsOf: #","status_message":"#.utf8)
            JSONString.appendQuoted(statusMessage.utf8, to: &out)
        }
        out.append(contentsOf: #","attributes":"#.utf8)
        Self.append(attributes, to: &out)
        out.append(contentsOf: #","resource":"#.utf8)
        resourceJSON(&out)
        out.append(UInt8(ascii: "}"))
    }

    /// An attribute map as a JSON object, keys sorted by bytes (log records write theirs the same way).
    static func append(_ values: [String: AttributeValue], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        // Sorting the pairs, not the keys, saves a lookup (and its hashing) per attribute.
        for (i, pair) in values.sorted(by: { ByteOrder.less($0.key, $1.key) }).enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONString.appendQuoted(pair.key.utf8, to: &out)
            out.append(UInt8(ascii: ":"))
            pair.value.appendJSON(to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}

extension AttributeValue {
    /// The value as JSON: numbers as numbers (non-finite doubles as strings), kept JSON text as is.
    package func appendJSON(to out: inout [UInt8]) {
        switch self {
        case .string(let s): JSONString.appendQuoted(s.utf8, to: &out)
        case .int(let n): JSONNumber.appendInteger(n, to: &out)
        case .double(let x):
            if x.isFinite { out.append(contentsOf: String(x).utf8) } else { JSONString.appendQuoted(String(x).utf8, to: &out) }
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .json(let text): out.append(contentsOf: text.utf8)
        }
    }
}
