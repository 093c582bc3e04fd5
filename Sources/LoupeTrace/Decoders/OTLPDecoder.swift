import LoupeJSON

/// Decodes OTLP/JSON trace documents (`ExportTraceServiceRequest`, `TracesData`), one after
/// another: a single document, the collector's one-per-line files, and Tempo's `batches`.
///
/// Field names are accepted in lowerCamelCase and in the proto's snake_case; ids as hex or
/// base64; enums as numbers or names; 64-bit integers as strings or numbers (TRACE-SEMANTICS 1).
/// Spans stream out as they are read; only when a `resource` comes after its spans are that
/// resource's spans held back until it is known.
struct OTLPDecoder {
    /// Decodes documents until the input ends.
    static func decode(_ reader: inout JSONReader, _ context: inout DecodeContext) throws(JSONError) {
        while true {
            let token = try reader.next()
            if token == .endOfInput { return }
            try document(token, &reader, &context)
            context.endLine()
        }
    }

    /// One top-level document whose first token is `first`.
    static func document(_ first: JSONToken, _ reader: inout JSONReader, _ context: inout DecodeContext) throws(JSONError) {
        guard first == .beginObject else { return try reader.skip(first) }
        while try reader.next() == .key {
            if reader.keyIs("resourceSpans") || reader.keyIs("resource_spans") || reader.keyIs("batches") {
                try reader.forEachObjectOfArray { (reader: inout JSONReader) throws(JSONError) in try resourceSpans(&reader, &context) }
            } else {
                try reader.skipValue()
            }
        }
    }

    /// One `ResourceSpans` (its opening brace already read).
    static func resourceSpans(_ reader: inout JSONReader, _ context: inout DecodeContext) throws(JSONError) {
        var resource: [String: AttributeValue] = [:]
        var service: String?
        var resourceSeen = false
        var pending: [SpanDraft] = []
        do {
            try members(&reader, &context, &resource, &service, &resourceSeen, &pending)
        } catch {
            // A document cut short keeps the spans before the cut: those waiting for a resource
            // after them go out without one.
            for draft in pending { try context.emit(draft) }
            throw error
        }
        // No resource at all: the spans have no service.
        for draft in pending { try context.emit(draft) }
    }

    /// The members of a `ResourceSpans`: spans go out as they are read once the resource is
    /// known, and wait in `pending` before it.
    private static func members(
        _ reader: inout JSONReader, _ context: inout DecodeContext, _ resource: inout [String: AttributeValue], _ service: inout String?,
        _ resourceSeen: inout Bool, _ pending: inout [SpanDraft]
    ) throws(JSONError) {
        while try reader.next() == .key {
            if reader.keyIs("resource") {
                guard try reader.enterObject() else { continue }
                service = try OTLPAttributes.resource(&reader, &context, into: &resource)
                resourceSeen = true
                for var draft in pending {
                    draft.service = service
                    draft.resource = resource
                    try context.emit(draft)
                }
                pending = []
            } else if reader.keyIs("scopeSpans") || reader.keyIs("scope_spans") || reader.keyIs("instrumentationLibrarySpans")
                || reader.keyIs("instrumentation_library_spans")
            {
                try reader.forEachObjectOfArray { (reader: inout JSONReader) throws(JSONError) in
                    while try reader.next() == .key {
                        guard reader.keyIs("spans") else {
                            try reader.skipValue()
                            continue
                        }
                        try reader.forEachObjectOfArray(
                            { (reader: inout JSONReader) throws(JSONError) in
                                // The draft goes straight on, moved: held in a variable here, it was
                                // copied (each of its strings retained, then released).
                                if resourceSeen {
                                    try context.emit(span(&reader, &context, service: service, resource: resource))
                                } else {
                                    pending.append(try span(&reader, &context, service: nil, resource: [:]))
                                }
                            }, notAnObject: { context.skipNotAnObject(offset: $0, line: $1) })
                    }
                }
            } else {
                try reader.skipValue()
            }
        }
    }

    /// One span object (its opening brace already read), of the resource `service` and `resource`.
    private static func span(
        _ reader: inout JSONReader, _ context: inout DecodeContext, service: String?, resource: [String: AttributeValue]
    ) throws(JSONError) -> SpanDraft {
        var draft = SpanDraft(reader)
        context.beginSpan(&reader)
        defer { reader.readsPastBadStrings = false }
        draft.service = service
        draft.resource = resource
        while try reader.next() == .key {
            switch reader.keyLength {
            case 4 where reader.keyIs("name"):
                draft.name = try context.readInterned(&reader) ?? ""
            case 4 where reader.keyIs("kind"):
                draft.kind = try kind(&reader)
            case 6 where reader.keyIs("spanId"), 7 where reader.keyIs("span_id"):
                draft.spanID = try context.readSpanID(&reader, base64: true)
            case 6 where reader.keyIs("status"):
                try status(&reader, &draft)
            case 7 where reader.keyIs("traceId"), 8 where reader.keyIs("trace_id"):
                draft.traceID = try context.readTraceID(&reader, base64: true)
            case 10 where reader.keyIs("attributes"):
                _ = try OTLPAttributes.read(&reader, &context, into: &draft.attributes)
            case 12 where reader.keyIs("parentSpanId"), 14 where reader.keyIs("parent_span_id"):
                draft.parentID = try context.readSpanID(&reader, base64: true)
            case 15 where reader.keyIs("endTimeUnixNano"), 18 where reader.keyIs("end_time_unix_nano"):
                draft.end = try reader.readInteger()
            case 17 where reader.keyIs("startTimeUnixNano"), 20 where reader.keyIs("start_time_unix_nano"):
                draft.start = try reader.readInteger()
            default:
                try reader.skipValue()
            }
        }
        context.endSpan(&reader, &draft)
        return draft
    }

    /// `kind`: a number 0-5 or a name (`SPAN_KIND_SERVER`); anything else is UNSPECIFIED.
    private static func kind(_ reader: inout JSONReader) throws(JSONError) -> SpanKind {
        let token = try reader.next()
        switch token {
        case .number:
            return JSONReader.integer(reader.text).flatMap { SpanKind(otlpNumber: $0) } ?? .unspecified
        case .string:
            let text = reader.textString()
            if let n = Int64(text) { return SpanKind(otlpNumber: n) ?? .unspecified }
            return SpanKind(name: text) ?? .unspecified
        default:
            try reader.skip(token)
            return .unspecified
        }
    }

    /// `status`: `code` 2 / `STATUS_CODE_ERROR` is ERROR, 1 / `STATUS_CODE_OK` is OK, else UNSET.
    private static func status(_ reader: inout JSONReader, _ draft: inout SpanDraft) throws(JSONError) {
        let open = try reader.next()
        guard open == .beginObject else { return try reader.skip(open) }
        while try reader.next() == .key {
            if reader.keyIs("code") {
                let token = try reader.next()
                var code: Int64?
                if token == .number {
                    code = JSONReader.integer(reader.text)
                } else if token == .string {
                    switch reader.textString().uppercased() {
                    case "STATUS_CODE_ERROR", "ERROR", "2": code = 2
                    case "STATUS_CODE_OK", "OK", "1": code = 1
                    default: code = 0
                    }
                } else {
                    try reader.skip(token)
                }
                draft.status = code == 2 ? .error : code == 1 ? .ok : .unset
            } else if reader.keyIs("message") {
                draft.statusMessage = try reader.readString().flatMap { $0.isEmpty ? nil : $0 }
            } else {
                try reader.skipValue()
            }
        }
    }
}
