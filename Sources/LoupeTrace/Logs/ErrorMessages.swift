/// `loupe hotspots --logs`: the messages of the error and fatal log records written by error
/// origins, counted per operation, so each error hotspot shows what its failures said.
package struct ErrorMessages: Sendable {
    /// Per operation, each message and how many records said it.
    package private(set) var counts: [OperationKey: [String: Int]] = [:]

    package init() {}

    /// The error records of the trace's error origins, by the origin's operation.
    package init(_ a: TraceAnalysis, _ logs: SpanLogs) {
        let records = logs.logs(ofTrace: a.trace.traceID)
        guard !records.isEmpty, !a.errors.origins.isEmpty else { return }
        var origins: [SpanID: OperationKey] = [:]
        for span in a.errors.origins { origins[a.trace.spans[span].spanID] = OperationKey(a.trace.spans[span]) }
        for log in records where log.isError {
            guard let id = log.spanID, let key = origins[id], let message = log.message else { continue }
            counts[key, default: [:]][message, default: 0] += 1
        }
    }

    package mutating func merge(_ other: ErrorMessages) {
        for (key, messages) in other.counts {
            counts[key, default: [:]].merge(messages, uniquingKeysWith: +)
        }
    }

    /// An operation's messages, most frequent first (then by text).
    package func top(_ key: OperationKey, _ n: Int) -> [(message: String, count: Int)] {
        guard let messages = counts[key] else { return [] }
        return messages.map { ($0.key, $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : ByteOrder.less($0.0, $1.0) }.prefix(n).map { $0 }
    }
}
