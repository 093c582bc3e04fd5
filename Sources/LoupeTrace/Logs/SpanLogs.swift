/// One log record that names a trace (`loupe trace --logs`): where it was written and what it
/// says, found by `level()`, `time()` and `message()`.
package struct SpanLog: Sendable, Equatable {
    /// The span it names, normalized as span ids are (TRACE-SEMANTICS conventions); nil when it
    /// names only its trace.
    package var spanID: SpanID?
    /// `time()` as RFC 3339 in UTC with nine fraction digits (so texts sort in time order).
    package var time: String?
    package var level: String?
    package var message: String?
    package var file: String
    /// The line of its record; nil for OTLP log records (they are not lines of the file).
    package var line: Int?

    package init(spanID: SpanID?, time: String?, level: String?, message: String?, file: String, line: Int?) {
        self.spanID = spanID
        self.time = time
        self.level = level
        self.message = message
        self.file = file
        self.line = line
    }

    /// Error and fatal records: the ones an error origin's reader looks for first.
    package var isError: Bool { level == "error" || level == "fatal" }
}

/// Log records joined to traces by trace id, each in time order (records without a time keep
/// their place after the timed ones, in input order).
package struct SpanLogs: Sendable {
    /// Records per normalized trace id.
    package private(set) var byTrace: [String: [SpanLog]] = [:]
    /// Records read that name a trace.
    package private(set) var records = 0

    package init() {}

    /// The names loggers and OpenTelemetry bridges give the trace id, in the order they are
    /// tried.
    package static let traceIDFields = [
        "trace_id", "traceId", "traceID", "trace.id", "TraceId", "otelTraceID", "dd.trace_id", "logging.googleapis.com/trace",
        "trace",
    ]
    /// The same for the span id.
    package static let spanIDFields = [
        "span_id", "spanId", "spanID", "span.id", "SpanId", "otelSpanID", "dd.span_id", "logging.googleapis.com/spanId",
    ]

    /// Adds one record with the ids as written (`decimal`, `decimalSpan`: Datadog's, decimal
    /// 64-bit numbers, each id by the field it came from); false when the trace id is not an id.
    @discardableResult
    package mutating func add(traceID: String, spanID: String?, decimal: Bool = false, decimalSpan: Bool? = nil, _ log: SpanLog) -> Bool {
        guard let trace = Self.normalized(traceID, width: IDText.traceWidth, decimal: decimal) else { return false }
        var log = log
        log.spanID = spanID.flatMap { Self.normalized($0, width: IDText.spanWidth, decimal: decimalSpan ?? decimal) }.map { SpanID($0) }
        byTrace[trace, default: []].append(log)
        records += 1
        return true
    }

    /// Sorts each trace's records by time; call once all are added.
    package mutating func finish() {
        for key in byTrace.keys { sortRecords(of: key) }
    }

    private mutating func sortRecords(of key: String) {
        byTrace[key] = byTrace[key]!.enumerated().sorted { a, b in
            switch (a.element.time, b.element.time) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }

    /// The records of a trace, in time order (after `join`).
    package func logs(ofTrace traceID: String) -> [SpanLog] {
        byTrace[traceID] ?? []
    }

    /// Joins the records to the input's traces, once all are read: a record stays with the
    /// trace of its id when the input holds that trace; a 64-bit id (as Datadog and 64-bit
    /// tracers write a 128-bit one) that is no trace of the input goes to the one trace whose
    /// lower 64 bits it is. Each record joins at most one trace. Returns how many records name
    /// no trace of the input, and how many of those have a 64-bit id that several traces end in.
    package mutating func join(_ traceIDs: Set<String>) -> (unmatched: Int, ambiguous: Int) {
        var byLower: [String: [String]] = [:]
        for id in traceIDs where Self.lower64(id) != id { byLower[Self.lower64(id), default: []].append(id) }
        var (unmatched, ambiguous) = (0, 0)
        for key in Array(byTrace.keys) where !traceIDs.contains(key) {
            let records = byTrace.removeValue(forKey: key)!
            guard let owners = byLower[key], owners.count == 1 else {
                unmatched += records.count
                if (byLower[key]?.count ?? 0) > 1 { ambiguous += records.count }
                continue
            }
            byTrace[owners[0], default: []] += records
            sortRecords(of: owners[0])
        }
        return (unmatched, ambiguous)
    }

    /// A 32-digit id with its upper half zeroed: how a 64-bit id of the same trace reads.
    static func lower64(_ id: String) -> String {
        id.count == IDText.traceWidth ? String(repeating: "0", count: 16) + id.suffix(16) : id
    }

    /// Which of the id fields are Datadog's decimal ids.
    package static func isDecimal(_ field: String) -> Bool { field.hasPrefix("dd.") }

    /// An id as spans' ids are normalized (hex, padding, base64). A `decimal` id (Datadog's
    /// 64-bit number) is written in hex first; a Cloud Logging trace (`projects/P/traces/ID`)
    /// is its last part.
    static func normalized(_ text: String, width: Int, decimal: Bool) -> String? {
        var text = text
        if text.hasPrefix("projects/"), let slash = text.lastIndex(of: "/") { text = String(text[text.index(after: slash)...]) }
        if decimal, let n = UInt64(text) { text = String(n, radix: 16) }
        return IDText.normalized(text, width: width, base64: true)
    }
}
