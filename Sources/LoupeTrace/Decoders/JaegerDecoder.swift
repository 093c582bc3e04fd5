import LoupeJSON

/// Decodes Jaeger JSON: the UI download and query API shape `{"data":[trace, ...]}`, a single
/// trace object `{"traceID","spans","processes"}`, and an array of trace objects.
///
/// Times are microseconds (TRACE-SEMANTICS 1 multiplies by 1000). A span's service comes from
/// `processes[processID]` (or an embedded `process`), so the spans of one trace object are held
/// until its `processes` member has been read, wherever it is.
struct JaegerDecoder {
    static func decode(_ reader: inout JSONReader, _ context: inout DecodeContext) throws(JSONError) {
        try reader.forEachTopLevelObject { (reader: inout JSONReader) throws(JSONError) in
            try traceObject(&reader, &context, outermost: true)
        }
    }

    /// A process: its service name and tags.
    private struct Process {
        var service: String?
        var tags: [String: AttributeValue] = [:]
    }

    /// A span read before its process is known.
    private struct PendingSpan {
        var draft: SpanDraft
        var processID: String?
        var process: Process?
    }

    /// One trace object, or the `{"data":[...]}` envelope (its opening brace already read).
    /// A trace object, or (`outermost`) the API's `{"data": [trace, ...]}` wrapper, whose
    /// traces hold no further `data`: a hostile nesting of wrappers is skipped, not recursed.
    private static func traceObject(_ reader: inout JSONReader, _ context: inout DecodeContext, outermost: Bool) throws(JSONError) {
        var processes: [String: Process] = [:]
        var pending: [PendingSpan] = []
        do {
            try members(&reader, &context, outermost: outermost, &processes, &pending)
        } catch {
            // A document cut short keeps the spans before the cut, with the processes read so
            // far (the API writes `processes` after `spans`; a span without one has no service).
            try emit(pending, processes, &context)
            throw error
        }
        try emit(pending, processes, &context)
    }

    /// The members of a trace object: spans wait in `pending` for the processes.
    private static func members(
        _ reader: inout JSONReader, _ context: inout DecodeContext, outermost: Bool, _ processes: inout [String: Process],
        _ pending: inout [PendingSpan]
    ) throws(JSONError) {
        while try reader.next() == .key {
            if outermost && reader.keyIs("data") {
                try reader.forEachObjectOfArray { (reader: inout JSONReader) throws(JSONError) in
                    try traceObject(&reader, &context, outermost: false)
                }
            } else if reader.keyIs("spans") {
                try reader.forEachObjectOfArray(
                    { (reader: inout JSONReader) throws(JSONError) in pending.append(try span(&reader, &context)) },
                    notAnObject: { context.skipNotAnObject(offset: $0, line: $1) })
            } else if reader.keyIs("processes") {
                guard try reader.enterObject() else { continue }
                while try reader.next() == .key {
                    let id = reader.textString()
                    let value = try reader.next()
                    if value == .beginObject { processes[id] = try process(&reader, &context) } else { try reader.skip(value) }
                }
            } else {
                try reader.skipValue()
            }
        }
    }

    /// The spans of a trace object, each with its process's service (and tags).
    private static func emit(_ pending: [PendingSpan], _ processes: [String: Process], _ context: inout DecodeContext) throws(JSONError) {
        for item in pending {
            var draft = item.draft
            let process = item.process ?? item.processID.flatMap { processes[$0] }
            draft.service = process?.service
            if context.policy == .all, let tags = process?.tags { draft.resource = tags }
            try context.emit(draft)
        }
    }

    /// A process object (its opening brace already read).
    private static func process(_ reader: inout JSONReader, _ context: inout DecodeContext) throws(JSONError) -> Process {
        var process = Process()
        while try reader.next() == .key {
            if reader.keyIs("serviceName") {
                process.service = try context.readInterned(&reader)
            } else if reader.keyIs("tags"), context.policy == .all {
                var status = TagStatus()
                try tags(&reader, &context, into: &process.tags, status: &status, keepAll: true)
            } else {
                try reader.skipValue()
            }
        }
        return process
    }

    /// One span object (its opening brace already read).
    private static func span(_ reader: inout JSONReader, _ context: inout DecodeContext) throws(JSONError) -> PendingSpan {
        var item = PendingSpan(draft: SpanDraft(reader))
        context.beginSpan(&reader)
        defer { reader.readsPastBadStrings = false }
        var references: [(type: ParentReference?, traceID: String?, spanID: SpanID?)] = []
        var legacyParent: SpanID?
        var start: Int64?
        var status = TagStatus()
        while try reader.next() == .key {
            if reader.keyIs("traceID") {
                item.draft.traceID = try context.readTraceID(&reader, base64: false)
            } else if reader.keyIs("spanID") {
                item.draft.spanID = try context.readSpanID(&reader, base64: false)
            } else if reader.keyIs("operationName") {
                item.draft.name = try context.readInterned(&reader) ?? ""
            } else if reader.keyIs("references") {
                try reader.forEachObjectOfArray { (reader: inout JSONReader) throws(JSONError) in
                    var reference: (type: ParentReference?, traceID: String?, spanID: SpanID?) = (nil, nil, nil)
                    while try reader.next() == .key {
                        if reader.keyIs("refType") {
                            reference.type = try reader.readString().flatMap { ParentReference(rawValue: $0.uppercased()) }
                        } else if reader.keyIs("traceID") {
                            reference.traceID = try context.readTraceID(&reader, base64: false)
                        } else if reader.keyIs("spanID") {
                            reference.spanID = try context.readSpanID(&reader, base64: false)
                        } else {
                            try reader.skipValue()
                        }
                    }
                    references.append(reference)
                }
            } else if reader.keyIs("parentSpanID") {
                legacyParent = try context.readSpanID(&reader, base64: false)
            } else if reader.keyIs("startTime") {
                start = try item.draft.readMicroseconds(&reader)
            } else if reader.keyIs("duration") {
                item.draft.duration = try item.draft.readMicroseconds(&reader)
            } else if reader.keyIs("tags") {
                try tags(&reader, &context, into: &item.draft.attributes, status: &status, keepAll: false)
            } else if reader.keyIs("processID") {
                item.processID = try reader.readString()
            } else if reader.keyIs("process") {
                let open = try reader.next()
                if open == .beginObject { item.process = try process(&reader, &context) } else { try reader.skip(open) }
            } else {
                try reader.skipValue()
            }
        }
        item.draft.start = start
        item.draft.kind = status.kind
        item.draft.status = status.status
        item.draft.statusMessage = status.message
        // TRACE-SEMANTICS 1: the first CHILD_OF of this trace, else the first FOLLOWS_FROM,
        // else the legacy parentSpanID. A reference into another trace is not a parent here.
        let traceID = item.draft.traceID
        let sameTrace = references.filter { $0.spanID != nil && ($0.traceID == nil || $0.traceID == traceID) }
        if let reference = sameTrace.first(where: { $0.type == .childOf }) ?? sameTrace.first(where: { $0.type == .followsFrom }) {
            item.draft.parentID = reference.spanID
            item.draft.parentRef = reference.type ?? .childOf
        } else if let legacyParent {
            item.draft.parentID = legacyParent
        }
        context.endSpan(&reader, &item.draft)
        return item
    }

    /// What the tags say about status and kind.
    struct TagStatus {
        var errorTag = false
        var otelStatus: SpanStatus?
        var kind = SpanKind.unspecified
        var message: String?

        /// `error` = true / "true" is ERROR; else `otel.status_code`; else UNSET.
        var status: SpanStatus { errorTag ? .error : otelStatus ?? .unset }
    }

    /// Reads a `tags` (or process `tags`) array of `{key, type, value}`.
    static func tags(
        _ reader: inout JSONReader, _ context: inout DecodeContext, into attributes: inout [String: AttributeValue],
        status: inout TagStatus,
        keepAll: Bool
    ) throws(JSONError) {
        try reader.forEachObjectOfArray { (reader: inout JSONReader) throws(JSONError) in
            var key: String?
            var type: String?
            var value: AttributeValue?
            while try reader.next() == .key {
                if reader.keyIs("key") {
                    key = try context.readInterned(&reader)
                } else if reader.keyIs("type") {
                    type = try reader.readString()
                } else if reader.keyIs("value") {
                    value = try TagValue.read(&reader)
                } else {
                    try reader.skipValue()
                }
            }
            guard let key, var value else { return }
            value = TagValue.applying(type: type, to: value)
            switch key {
            case "error":
                if case .bool(true) = value { status.errorTag = true }
                if case .string(let s) = value, s.lowercased() == "true" { status.errorTag = true }
            case "otel.status_code":
                if case .string(let s) = value {
                    if s.uppercased() == "ERROR" { status.otelStatus = .error } else if s.uppercased() == "OK" { status.otelStatus = .ok }
                }
            case "otel.status_description":
                if case .string(let s) = value, !s.isEmpty { status.message = s }
            case "span.kind":
                if case .string(let s) = value { status.kind = SpanKind(name: s) ?? .unspecified }
            default:
                break
            }
            if keepAll || context.policy.keeps(key) { attributes[key] = value }
        }
    }
}

/// A tag or Zipkin annotation value: JSON scalars typed as they are written.
enum TagValue {
    static func read(_ reader: inout JSONReader) throws(JSONError) -> AttributeValue? {
        let token = try reader.next()
        switch token {
        case .string: return .string(reader.textString())
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .number:
            let text = reader.text
            if !text.contains(where: { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }), let n = JSONReader.integer(text) {
                return .int(n)
            }
            return .double(JSONNumber.parse(text.baseAddress!, text.baseAddress! + text.count))
        case .null: return nil
        default:
            var json: [UInt8] = []
            try reader.copy(token, into: &json)
            return .json(String(decoding: json, as: UTF8.self))
        }
    }

    /// Jaeger writes a type beside each value; a string `"true"` typed `bool` is a boolean.
    static func applying(type: String?, to value: AttributeValue) -> AttributeValue {
        guard case .string(let s) = value, let type else { return value }
        switch type.lowercased() {
        case "bool": return s.lowercased() == "true" ? .bool(true) : s.lowercased() == "false" ? .bool(false) : value
        case "int64": return Int64(s).map(AttributeValue.int) ?? value
        case "float64": return Double(s).map(AttributeValue.double) ?? value
        default: return value
        }
    }
}
