/// The first step of assembly (TRACE-SEMANTICS 1 and 2.2) for spans where Zipkin, or an older
/// Jaeger client, gave the CLIENT and the SERVER side of one RPC the same span id: the SERVER
/// half is split off with an id of its own, as Jaeger's `SpanIDDeduper` adjuster does, so both
/// services and the server's own time stay in the tree instead of one half being dropped as a
/// duplicate.
enum SharedSpans {
    /// The spans after the split, and what it did.
    struct Result {
        var spans: [Span]
        var splits = 0
        var untimedDropped = 0
    }

    /// True when two spans with one id are the two halves of a shared RPC span.
    @inline(__always)
    static func areHalves(_ a: SpanKind, _ b: SpanKind) -> Bool {
        (a == .client && b == .server) || (a == .server && b == .client)
    }

    /// Times untimed SERVER halves from their CLIENT half (dropping those without one), then
    /// gives the first SERVER span of each id a CLIENT span also uses a new id: the smallest
    /// unused 64-bit value above the trace's largest hex span id, in input order of the SERVER
    /// spans. Its parent becomes the shared id (the CLIENT half), and the spans that named the
    /// shared id as parent move under the new id.
    static func split(_ input: [Span]) -> Result {
        var clientOf: [String: Int] = [:]
        for i in input.indices where input[i].kind == .client && !input[i].isUntimed && clientOf[input[i].spanID] == nil {
            clientOf[input[i].spanID] = i
        }
        var result = Result(spans: [])
        result.spans.reserveCapacity(input.count)
        for i in input.indices {
            guard input[i].isUntimed else {
                result.spans.append(input[i])
                continue
            }
            guard let client = clientOf[input[i].spanID] else {
                result.untimedDropped += 1
                continue
            }
            var span = input[i]
            span.start = input[client].start
            span.end = input[client].end
            result.spans.append(span)
        }
        var newIDs = NewSpanIDs(result.spans)
        var newIDOf: [String: String] = [:]
        var splitHalf = [Bool](repeating: false, count: result.spans.count)
        for i in result.spans.indices where result.spans[i].kind == .server {
            let shared = result.spans[i].spanID
            guard clientOf[shared] != nil, newIDOf[shared] == nil else { continue }
            let id = newIDs.next()
            newIDOf[shared] = id
            result.spans[i].spanID = id
            result.spans[i].parentID = shared
            result.spans[i].parentRef = .childOf
            splitHalf[i] = true
            result.splits += 1
        }
        guard result.splits > 0 else { return result }
        for i in result.spans.indices where !splitHalf[i] {
            if let parent = result.spans[i].parentID, let id = newIDOf[parent] { result.spans[i].parentID = id }
        }
        return result
    }

    /// New span ids above the largest hex id of a trace, as 16 lowercase hex digits.
    struct NewSpanIDs {
        private var used: Set<UInt64> = []
        private var candidate: UInt64

        init(_ spans: [Span]) {
            var largest: UInt64?
            for i in spans.indices {
                guard let value = Self.value(spans[i].spanID) else { continue }
                used.insert(value)
                largest = max(largest ?? 0, value)
            }
            // Above the largest when there is room; otherwise the smallest unused value.
            candidate = largest.map { $0 == .max ? 1 : $0 + 1 } ?? 1
        }

        mutating func next() -> String {
            while used.contains(candidate) { candidate &+= 1 }
            used.insert(candidate)
            let digits = String(candidate, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }

        /// The value of a span id of at most 16 hex digits; nil for ids kept as written.
        static func value(_ id: String) -> UInt64? {
            guard id.utf8.count <= 16 else { return nil }
            return UInt64(id, radix: 16)
        }
    }
}
