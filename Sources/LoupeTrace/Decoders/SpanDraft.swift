import LoupeJSON

/// A span record as a decoder reads it: fields arrive in any order and may be missing. The
/// rules that turn it into a `Span` (or skip it) are in `DecodeContext.emit`.
struct SpanDraft {
    var traceID: String?
    var spanID: SpanID?
    var parentID: SpanID?
    var parentRef = ParentReference.childOf
    var name = ""
    var service: String?
    var kind = SpanKind.unspecified
    var start: Int64?
    var end: Int64?
    /// For Jaeger and Zipkin: the duration in nanoseconds (end = start + duration).
    var duration: Int64?
    var status = SpanStatus.unset
    var statusMessage: String?
    var attributes: [String: AttributeValue] = [:]
    var resource: [String: AttributeValue] = [:]
    /// What the first string of the span that holds bytes that are not text holds (the span is
    /// skipped); only the reason, so that a draft, moved for every span, stays small.
    var badText: JSONError.Reason?
    /// A time read in microseconds did not fit in 64-bit nanoseconds (the span is skipped).
    var timeOverflowed = false
    /// Where the record starts in its input (byte, and line where known), for messages.
    var offset = 0
    var line: Int?

    /// Reads a time in microseconds (Jaeger, Zipkin; a number or a string holding one) as
    /// nanoseconds: an integer exactly, a fraction to the nearest nanosecond (`1002.5` is
    /// 1002500). Nil when it is no number, and nil with `timeOverflowed` set when the
    /// nanoseconds do not fit in 64 bits.
    mutating func readMicroseconds(_ reader: inout JSONReader) throws(JSONError) -> Int64? {
        let token = try reader.next()
        guard token == .number || token == .string else {
            try reader.skip(token)
            return nil
        }
        let text = reader.text
        guard let base = text.baseAddress, JSONNumber.isNumber(base, base + text.count) else { return nil }
        if !text.contains(where: { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }), let micros = JSONReader.integer(text) {
            let (ns, overflow) = micros.multipliedReportingOverflow(by: 1000)
            if overflow { timeOverflowed = true }
            return overflow ? nil : ns
        }
        let ns = (JSONNumber.parse(base, base + text.count) * 1000).rounded()
        guard ns.isFinite, ns > -9.2e18, ns < 9.2e18 else {
            timeOverflowed = true
            return nil
        }
        return Int64(ns)
    }

    /// A draft that only says where a record was, for a record skipped before it was read.
    init(offset: Int, line: Int?) {
        self.offset = offset
        self.line = line
    }

    /// A draft for the span object whose opening brace `reader` has just read.
    init(_ reader: borrowing JSONReader) {
        offset = reader.tokenOffset
        line = reader.line
    }
}
