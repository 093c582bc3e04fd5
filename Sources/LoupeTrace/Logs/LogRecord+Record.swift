import LoupeJSON

/// A log record as a query record: one compact JSON object with `time`, `observed_time`
/// (RFC 3339 in UTC, nine fraction digits), `severity`, `severity_number`, `body` (a string
/// body as a string, an array or key-value list body as JSON), `trace_id`, `span_id`,
/// `service.name`, `scope.name`, `attributes` and `resource`.
///
/// Every record has every key, null where the data has nothing, so that `exists()` and
/// `count by` behave the same on every record; attribute keys are sorted by bytes.
extension LogRecord {
    package func appendRecord(to out: inout [UInt8]) {
        out.append(contentsOf: #"{"time":"#.utf8)
        appendTime(time, to: &out)
        out.append(contentsOf: #","observed_time":"#.utf8)
        appendTime(observedTimeUnixNano, to: &out)
        out.append(contentsOf: #","severity":"#.utf8)
        appendString(severity, to: &out)
        out.append(contentsOf: #","severity_number":"#.utf8)
        if let severityNumber { out.append(contentsOf: String(severityNumber).utf8) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","body":"#.utf8)
        if let body { body.appendJSON(to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","trace_id":"#.utf8)
        appendString(traceID, to: &out)
        out.append(contentsOf: #","span_id":"#.utf8)
        if let spanID { spanID.appendJSON(to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","service.name":"#.utf8)
        appendString(service, to: &out)
        out.append(contentsOf: #","scope.name":"#.utf8)
        appendString(scopeName, to: &out)
        out.append(contentsOf: #","attributes":"#.utf8)
        Span.append(attributes, to: &out)
        out.append(contentsOf: #","resource":"#.utf8)
        Span.append(resource, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// The record as a string (tests, messages).
    package var record: String {
        var out: [UInt8] = []
        appendRecord(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func appendTime(_ ns: Int64?, to out: inout [UInt8]) {
        guard let ns else { return out.append(contentsOf: "null".utf8) }
        out.append(UInt8(ascii: "\""))
        Timestamp.appendFixedRFC3339(ns, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    private func appendString(_ text: String?, to out: inout [UInt8]) {
        if let text { JSONString.appendQuoted(text.utf8, to: &out) } else { out.append(contentsOf: "null".utf8) }
    }
}
