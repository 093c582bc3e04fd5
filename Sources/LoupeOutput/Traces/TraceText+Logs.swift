import LoupeTrace

/// The log records a trace report shows (`loupe trace --logs`): those of the spans on the
/// critical path and of the error origins (every span's with `all`), and those that name the
/// trace but no span of it.
package struct TraceLogs: Sendable {
    package let logs: SpanLogs
    package let all: Bool

    package init(_ logs: SpanLogs, all: Bool) {
        self.logs = logs
        self.all = all
    }

    /// The spans of the trace that wrote an error or fatal record (the waterfall marks them).
    func loggedErrors(_ a: TraceAnalysis) -> Set<Int> {
        let erring = Set(logs.logs(ofTrace: a.trace.traceID).filter(\.isError).compactMap(\.spanID))
        guard !erring.isEmpty else { return [] }
        return Set(a.trace.spans.indices.filter { erring.contains(a.trace.spans[$0].spanID) })
    }

    /// The trace's records to show, in time order, each with the span it names (nil: the
    /// trace, or a span not in it).
    func shown(_ a: TraceAnalysis) -> [(span: Int?, log: SpanLog)] {
        var index: [SpanID: Int] = [:]
        for (i, span) in a.trace.spans.enumerated() where index[span.spanID] == nil { index[span.spanID] = i }
        let origins = Set(a.errors.origins)
        return logs.logs(ofTrace: a.trace.traceID).compactMap { log in
            guard let id = log.spanID, let span = index[id] else { return (nil, log) }
            return all || a.onCriticalPath[span] || origins.contains(span) ? (span, log) : nil
        }
    }
}

extension TraceText {
    /// The `logs` section: per span (in the order of its first record) its records: time,
    /// level, message and where the record was written.
    func logs(_ a: TraceAnalysis, _ traceLogs: TraceLogs) -> String {
        let shown = traceLogs.shown(a)
        let total = traceLogs.logs.logs(ofTrace: a.trace.traceID).count
        guard total > 0 else { return "" }
        let scope = traceLogs.all ? "" : " (of spans on the critical path and error origins)"
        var out = title("logs", "\(TraceWords.count(total, "record")) name this trace; \(shown.count) shown\(scope)")
        var order: [Int?] = []
        var bySpan: [Int?: [SpanLog]] = [:]
        for (span, log) in shown {
            if bySpan[span] == nil { order.append(span) }
            bySpan[span, default: []].append(log)
        }
        let origins = Set(a.errors.origins)
        for span in order {
            let heading: String
            if let span {
                let marks = [a.onCriticalPath[span] ? "critical path" : nil, origins.contains(span) ? "error origin" : nil].compactMap { $0 }
                heading = operation(a.trace.spans[span]) + (marks.isEmpty ? "" : style.dim("  " + marks.joined(separator: ", ")))
            } else {
                heading = style.dim("the trace (no span of it named)")
            }
            out += "    " + heading + "\n"
            for log in bySpan[span]! { out += line(log) }
        }
        return out
    }

    /// `16:12:01.123  error  message  app.log:17` (the file's last component; JSON has the
    /// path), cut to the width.
    private func line(_ log: SpanLog) -> String {
        let time = log.time.map { String($0.dropFirst(11).prefix(12)) } ?? String(repeating: " ", count: 12)
        let level = DisplayWidth.padded(log.level ?? "-", to: 5)
        let file = log.file.split(separator: "/").last.map(String.init) ?? log.file
        let place = log.line.map { "\(file):\($0)" } ?? file
        let message = TerminalText.sanitize(log.message ?? "")
        let lead = "      \(time)  \(log.isError ? style.red(level) : level)  "
        let room = width - 6 - 12 - 2 - 5 - 2 - DisplayWidth.of(place) - 2
        return lead + DisplayWidth.truncated(message, to: max(10, room)) + "  " + style.dim(TerminalText.sanitize(place)) + "\n"
    }
}

extension TraceDocuments {
    /// One trace's entry of the `logs` document: `{"trace_id","logs":[{"span_id","time","level",
    /// "message","file","line"}]}`, every record that names the trace, in time order; nil when
    /// none does.
    package static func logs(_ a: TraceAnalysis, _ logs: SpanLogs) -> [UInt8]? {
        let records = logs.logs(ofTrace: a.trace.traceID)
        guard !records.isEmpty else { return nil }
        var json = JSONBuilder()
        json.beginObject()
        json.field("trace_id", a.trace.traceID)
        json.key("logs")
        json.beginArray()
        for log in records {
            json.beginObject()
            for (name, value) in [("span_id", log.spanID?.description), ("time", log.time), ("level", log.level), ("message", log.message)] {
                json.key(dynamic: name)
                if let value { json.string(value) } else { json.null() }
            }
            json.field("file", log.file)
            json.key("line")
            if let line = log.line { json.int(line) } else { json.null() }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.bytes
    }
}
