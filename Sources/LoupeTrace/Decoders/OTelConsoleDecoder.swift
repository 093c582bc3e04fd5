import LoupeJSON

/// Decodes what the OpenTelemetry SDK's console exporter prints (Python's
/// `ConsoleSpanExporter`, `ReadableSpan.to_json`): span objects one after another, pretty
/// printed, not in an array.
///
/// A span is `name`, `context.trace_id` / `context.span_id` (`0x` and hex), `kind`
/// (`SpanKind.SERVER`), `parent_id` (`0x...` or null), `start_time` / `end_time` (ISO 8601 in
/// UTC, microseconds), `status.status_code` (`UNSET`, `OK`, `ERROR`) with `status.description`,
/// `attributes` (an object of plain JSON values), and `resource.attributes` (with
/// `service.name`). `events` and `links` are not part of the span model and are skipped. Spans
/// inside an array are read too, so a list of them saved as one JSON array works the same.
struct OTelConsoleDecoder {
    static func decode(_ reader: inout JSONReader, _ context: inout DecodeContext) throws(JSONError) {
        try reader.forEachTopLevelObject { (reader: inout JSONReader) throws(JSONError) in try context.emit(try span(&reader, &context)) }
    }

    /// One span object (its opening brace already read).
    private static func span(_ reader: inout JSONReader, _ context: inout DecodeContext) throws(JSONError) -> SpanDraft {
        var draft = SpanDraft(reader)
        while try reader.next() == .key {
            if reader.keyIs("name") {
                draft.name = try context.readInterned(&reader) ?? ""
            } else if reader.keyIs("context") {
                try object(&reader) { (reader: inout JSONReader) throws(JSONError) in
                    if reader.keyIs("trace_id") {
                        draft.traceID = try context.readTraceID(&reader, base64: false, hexPrefix: true)
                    } else if reader.keyIs("span_id") {
                        draft.spanID = try context.readSpanID(&reader, base64: false, hexPrefix: true)
                    } else {
                        try reader.skipValue()
                    }
                }
            } else if reader.keyIs("parent_id") {
                draft.parentID = try context.readSpanID(&reader, base64: false, hexPrefix: true)
            } else if reader.keyIs("kind") {
                draft.kind = try kind(&reader)
            } else if reader.keyIs("start_time") {
                draft.start = try time(&reader)
            } else if reader.keyIs("end_time") {
                draft.end = try time(&reader)
            } else if reader.keyIs("status") {
                try object(&reader) { (reader: inout JSONReader) throws(JSONError) in
                    if reader.keyIs("status_code") {
                        switch try reader.readString()?.uppercased() {
                        case "ERROR"?, "STATUSCODE.ERROR"?: draft.status = .error
                        case "OK"?, "STATUSCODE.OK"?: draft.status = .ok
                        default: draft.status = .unset
                        }
                    } else if reader.keyIs("description") {
                        draft.statusMessage = try reader.readString().flatMap { $0.isEmpty ? nil : $0 }
                    } else {
                        try reader.skipValue()
                    }
                }
            } else if reader.keyIs("attributes") {
                try attributes(&reader, &context, into: &draft.attributes)
            } else if reader.keyIs("resource") {
                try object(&reader) { (reader: inout JSONReader) throws(JSONError) in
                    guard reader.keyIs("attributes") else { return try reader.skipValue() }
                    var resource: [String: AttributeValue] = [:]
                    try attributes(&reader, &context, into: &resource, keepAll: true)
                    if case .string(let service)? = resource["service.name"] { draft.service = service }
                    // What the policy keeps: resource attributes only when all are kept.
                    if context.policy == .all { draft.resource = resource }
                }
            } else {
                try reader.skipValue()
            }
        }
        return draft
    }

    /// `kind`: Python's `str(SpanKind.SERVER)`; the enum's prefix is dropped, and a bare name
    /// or OTLP's `SPAN_KIND_SERVER` is read the same. Anything else is UNSPECIFIED.
    private static func kind(_ reader: inout JSONReader) throws(JSONError) -> SpanKind {
        guard var text = try reader.readString() else { return .unspecified }
        if text.hasPrefix("SpanKind.") { text.removeFirst("SpanKind.".count) }
        return SpanKind(name: text) ?? .unspecified
    }

    /// An ISO 8601 time in nanoseconds; nil (a span without that time) when it is null or not a
    /// time.
    private static func time(_ reader: inout JSONReader) throws(JSONError) -> Int64? {
        let token = try reader.next()
        guard token == .string else {
            try reader.skip(token)
            return nil
        }
        if reader.textEscaped { return Array(reader.textString().utf8).withUnsafeBufferPointer { Timestamp.parseText($0) } }
        return Timestamp.parseText(reader.text)
    }

    /// An object of attribute values, each typed as it is written; arrays and objects are kept
    /// as JSON text.
    private static func attributes(
        _ reader: inout JSONReader, _ context: inout DecodeContext, into values: inout [String: AttributeValue], keepAll: Bool = false
    ) throws(JSONError) {
        try object(&reader) { (reader: inout JSONReader) throws(JSONError) in
            let key = context.internText(reader)
            guard keepAll || context.policy.keeps(key) else { return try reader.skipValue() }
            if let value = try TagValue.read(&reader) { values[key] = value }
        }
    }

    /// Calls `member` for each key of the object that comes next (the reader is on the key;
    /// `member` reads or skips its value); anything but an object is skipped.
    private static func object(_ reader: inout JSONReader, _ member: (inout JSONReader) throws(JSONError) -> Void) throws(JSONError) {
        guard try reader.enterObject() else { return }
        while try reader.next() == .key { try member(&reader) }
    }
}
