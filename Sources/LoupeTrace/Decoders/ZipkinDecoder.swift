import LoupeJSON

/// Decodes Zipkin v2 JSON: an array of spans, an array of arrays of spans (the API's list of
/// traces), or a single span object.
///
/// Times are microseconds (multiplied by 1000). A span is an error when its tags hold an
/// `error` key, whatever its value (TRACE-SEMANTICS 1); the value, when it is a message, is
/// kept as the status message.
struct ZipkinDecoder {
    static func decode(_ reader: inout JSONReader, _ context: inout DecodeContext) throws(JSONError) {
        try reader.forEachTopLevelObject(
            { (reader: inout JSONReader) throws(JSONError) in try context.emit(try span(&reader, &context)) },
            notAnObject: { context.skipNotAnObject(offset: $0, line: $1) })
    }

    /// One span object (its opening brace already read).
    private static func span(_ reader: inout JSONReader, _ context: inout DecodeContext) throws(JSONError) -> SpanDraft {
        var draft = SpanDraft(reader)
        context.beginSpan(&reader)
        defer { reader.readsPastBadStrings = false }
        var errorTag = false
        var otelStatus: SpanStatus?
        while try reader.next() == .key {
            if reader.keyIs("traceId") {
                draft.traceID = try context.readTraceID(&reader, base64: false)
            } else if reader.keyIs("id") {
                draft.spanID = try context.readSpanID(&reader, base64: false)
            } else if reader.keyIs("parentId") {
                draft.parentID = try context.readSpanID(&reader, base64: false)
            } else if reader.keyIs("name") {
                draft.name = try context.readInterned(&reader) ?? ""
            } else if reader.keyIs("kind") {
                draft.kind = try reader.readString().flatMap { SpanKind(name: $0) } ?? .unspecified
            } else if reader.keyIs("timestamp") {
                draft.start = try draft.readMicroseconds(&reader)
            } else if reader.keyIs("duration") {
                draft.duration = try draft.readMicroseconds(&reader)
            } else if reader.keyIs("localEndpoint") {
                guard try reader.enterObject() else { continue }
                while try reader.next() == .key {
                    if reader.keyIs("serviceName") { draft.service = try context.readInterned(&reader) } else { try reader.skipValue() }
                }
            } else if reader.keyIs("tags") {
                guard try reader.enterObject() else { continue }
                while try reader.next() == .key {
                    let key = context.internText(reader)
                    let value = try TagValue.read(&reader)
                    switch key {
                    case "error":
                        errorTag = true
                        if case .string(let s) = value, !s.isEmpty, s.lowercased() != "true" { draft.statusMessage = s }
                    case "otel.status_code":
                        if case .string(let s) = value {
                            if s.uppercased() == "ERROR" { otelStatus = .error } else if s.uppercased() == "OK" { otelStatus = .ok }
                        }
                    case "otel.status_description":
                        if draft.statusMessage == nil, case .string(let s) = value, !s.isEmpty { draft.statusMessage = s }
                    default:
                        break
                    }
                    if let value, context.policy.keeps(key) { draft.attributes[key] = value }
                }
            } else {
                try reader.skipValue()
            }
        }
        draft.status = errorTag ? .error : otelStatus ?? .unset
        context.endSpan(&reader, &draft)
        return draft
    }
}
