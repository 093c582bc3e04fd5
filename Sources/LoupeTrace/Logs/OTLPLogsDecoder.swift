import LoupeJSON

/// Decodes OTLP/JSON logs documents (`ExportLogsServiceRequest`, `LogsData`): `resourceLogs`,
/// each with a `resource` and `scopeLogs`, each with a `scope` and `logRecords`.
///
/// As for spans (`OTLPDecoder`): lowerCamelCase and the proto's snake_case names, the older
/// `instrumentationLibraryLogs`, ids as hex or base64, 64-bit integers as strings or numbers,
/// enums as numbers or names, attributes through `OTLPAttributes`. Records stream out as they
/// are read; only those that come before their `resource` (or `scope`) wait for it. A document
/// that breaks before them still gives the records read before the break, without the resource
/// (or scope) it never reached, as the trace decoders keep a cut document's spans.
enum OTLPLogsDecoder {
    /// One top-level document whose first token is `first`; other values are skipped.
    static func document(
        _ first: JSONToken, _ reader: inout JSONReader, _ context: inout DecodeContext, emit: (LogRecord) throws(JSONError) -> Void
    ) throws(JSONError) {
        guard first == .beginObject else { return try reader.skip(first) }
        while try reader.next() == .key {
            if reader.keyIs("resourceLogs") || reader.keyIs("resource_logs") {
                try reader.forEachObjectOfArray { (reader: inout JSONReader) throws(JSONError) in
                    try resourceLogs(&reader, &context, emit: emit)
                }
            } else {
                try reader.skipValue()
            }
        }
    }

    /// One `ResourceLogs` (its opening brace already read).
    private static func resourceLogs(
        _ reader: inout JSONReader, _ context: inout DecodeContext, emit: (LogRecord) throws(JSONError) -> Void
    ) throws(JSONError) {
        var resource: [String: AttributeValue] = [:]
        var service: String?
        var resourceSeen = false
        var pending: [LogRecord] = []
        // The records still waiting go out before a break ends the document (or, at its end,
        // when there is no resource at all), without a service.
        defer { for record in pending { try? emit(record) } }
        while try reader.next() == .key {
            if reader.keyIs("resource") {
                guard try reader.enterObject() else { continue }
                service = try OTLPAttributes.resource(&reader, &context, into: &resource)
                resourceSeen = true
                for var record in pending {
                    record.service = service
                    record.resource = resource
                    try emit(record)
                }
                pending = []
            } else if reader.keyIs("scopeLogs") || reader.keyIs("scope_logs") || reader.keyIs("instrumentationLibraryLogs")
                || reader.keyIs("instrumentation_library_logs")
            {
                try reader.forEachObjectOfArray { (reader: inout JSONReader) throws(JSONError) in
                    try scopeLogs(&reader, &context) { (record: LogRecord) throws(JSONError) in
                        guard resourceSeen else { return pending.append(record) }
                        var record = record
                        record.service = service
                        record.resource = resource
                        try emit(record)
                    }
                }
            } else {
                try reader.skipValue()
            }
        }
        // No resource at all: the records have no service.
        let waiting = pending
        pending = []
        for record in waiting { try emit(record) }
    }

    /// One `ScopeLogs` (its opening brace already read).
    private static func scopeLogs(
        _ reader: inout JSONReader, _ context: inout DecodeContext, emit: (LogRecord) throws(JSONError) -> Void
    ) throws(JSONError) {
        var scopeName: String?
        var scopeSeen = false
        var pending: [LogRecord] = []
        defer { for record in pending { try? emit(record) } }
        while try reader.next() == .key {
            if reader.keyIs("scope") || reader.keyIs("instrumentationLibrary") || reader.keyIs("instrumentation_library") {
                guard try reader.enterObject() else { continue }
                while try reader.next() == .key {
                    if reader.keyIs("name") { scopeName = try context.readInterned(&reader) } else { try reader.skipValue() }
                }
                scopeSeen = true
                for var record in pending {
                    record.scopeName = scopeName
                    try emit(record)
                }
                pending = []
            } else if reader.keyIs("logRecords") || reader.keyIs("log_records") {
                try reader.forEachObjectOfArray { (reader: inout JSONReader) throws(JSONError) in
                    var record = try logRecord(&reader, &context)
                    guard scopeSeen else { return pending.append(record) }
                    record.scopeName = scopeName
                    try emit(record)
                }
            } else {
                try reader.skipValue()
            }
        }
        let waiting = pending
        pending = []
        for record in waiting { try emit(record) }
    }

    /// One log record object (its opening brace already read).
    private static func logRecord(_ reader: inout JSONReader, _ context: inout DecodeContext) throws(JSONError) -> LogRecord {
        var record = LogRecord()
        record.offset = reader.tokenOffset
        while try reader.next() == .key {
            if reader.keyIs("timeUnixNano") || reader.keyIs("time_unix_nano") {
                record.timeUnixNano = try reader.readInteger().flatMap { $0 == 0 ? nil : $0 }
            } else if reader.keyIs("observedTimeUnixNano") || reader.keyIs("observed_time_unix_nano") {
                record.observedTimeUnixNano = try reader.readInteger().flatMap { $0 == 0 ? nil : $0 }
            } else if reader.keyIs("severityNumber") || reader.keyIs("severity_number") {
                record.severityNumber = try severityNumber(&reader)
            } else if reader.keyIs("severityText") || reader.keyIs("severity_text") {
                record.severityText = try reader.readString()
            } else if reader.keyIs("body") {
                record.body = try OTLPAttributes.readAnyValue(&reader)
            } else if reader.keyIs("attributes") {
                _ = try OTLPAttributes.read(&reader, &context, into: &record.attributes)
            } else if reader.keyIs("traceId") || reader.keyIs("trace_id") {
                record.traceID = try context.readTraceID(&reader, base64: true)
            } else if reader.keyIs("spanId") || reader.keyIs("span_id") {
                record.spanID = try context.readSpanID(&reader, base64: true)
            } else {
                try reader.skipValue()
            }
        }
        return record
    }

    /// `severityNumber`: a number, a numeric string, or an enum name; 0 (unspecified) is nil.
    private static func severityNumber(_ reader: inout JSONReader) throws(JSONError) -> Int64? {
        let token = try reader.next()
        let number: Int64?
        switch token {
        case .number: number = JSONReader.integer(reader.text)
        case .string: number = LogRecord.severityNumber(name: reader.textString())
        default:
            try reader.skip(token)
            number = nil
        }
        return number == 0 ? nil : number
    }
}
