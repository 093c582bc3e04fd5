/// Spans read without a start time that other spans of the same id can explain
/// (TRACE-SEMANTICS 1), resolved once every input is read, before assembly:
///
/// - a part: Zipkin sends one span in parts (tags or annotations apart from the timed record).
///   An untimed record with the id and the service of a timed span is merged into it, as
///   Zipkin's own `Trace.merge` does;
/// - a server half: an untimed SERVER span whose id a timed CLIENT span also uses (a Zipkin
///   shared RPC span) takes the CLIENT half's start and end;
/// - anything else is skipped, counted where it was read, like any span without a start time.
enum UntimedSpans {
    /// Resolves the untimed spans of one trace's spans in place, filling in `report`. SERVER
    /// halves are timed first, so that a part of an untimed server half finds it timed.
    static func resolve(_ spans: inout [Span], traceID: String, report: inout ReadReport) {
        var untimedIDs = Set<SpanID>()
        for i in spans.indices where spans[i].isUntimed { untimedIDs.insert(spans[i].spanID) }
        // The spans that share an id with an untimed one, by id, in input order.
        var withID: [SpanID: [Int]] = [:]
        for i in spans.indices where untimedIDs.contains(spans[i].spanID) { withID[spans[i].spanID, default: []].append(i) }
        func timedWhole(of i: Int) -> Int? {
            withID[spans[i].spanID]?.first { !spans[$0].isUntimed && spans[$0].service == spans[i].service }
        }
        var keep = [Bool](repeating: true, count: spans.count)
        var parts: [Int] = []
        // A SERVER record whose id only a timed CLIENT span has is that span's other half, even in
        // the CLIENT's service: merged into the CLIENT as a part, the server's error would
        // become the client's.
        func clientHalf(of i: Int) -> Int? {
            guard spans[i].kind == .server, let records = withID[spans[i].spanID],
                !records.contains(where: { !spans[$0].isUntimed && spans[$0].kind == .server })
            else { return nil }
            return records.first { !spans[$0].isUntimed && spans[$0].kind == .client }
        }
        for i in spans.indices where spans[i].isUntimed {
            if let client = clientHalf(of: i) {
                spans[i].start = spans[client].start
                spans[i].end = spans[client].end
            } else if timedWhole(of: i) != nil {
                parts.append(i)
            } else if spans[i].kind != .server {
                parts.append(i)  // may belong to a server half timed just now
            } else {
                keep[i] = false
                report.skipUntimed(traceID: traceID, spanID: spans[i].spanID)
            }
        }
        for i in parts {
            keep[i] = false
            if let whole = timedWhole(of: i) {
                let part = spans[i]
                merge(part, into: &spans[whole])
                report.mergedPart(traceID: traceID, spanID: part.spanID)
            } else {
                report.skipUntimed(traceID: traceID, spanID: spans[i].spanID)
            }
        }
        var next = 0
        for i in spans.indices where keep[i] {
            if next != i { spans.swapAt(next, i) }
            next += 1
        }
        spans.removeLast(spans.count - next)
    }

    /// What a part adds to its span: an error (or OK over UNSET) status, a status message, a
    /// kind, and attributes the span lacks.
    static func merge(_ part: Span, into span: inout Span) {
        if part.status == .error || (part.status == .ok && span.status == .unset) { span.status = part.status }
        if span.statusMessage == nil { span.statusMessage = part.statusMessage }
        if span.kind == .unspecified { span.kind = part.kind }
        for (key, value) in part.attributes where span.attributes[key] == nil { span.attributes[key] = value }
        for (key, value) in part.resource where span.resource[key] == nil { span.resource[key] = value }
    }
}
