/// The first step of assembly (TRACE-SEMANTICS 2.2): Zipkin, and older Jaeger clients, give
/// the CLIENT and the SERVER side of one RPC the same span id. The SERVER half is split off with
/// an id of its own, as Jaeger's `SpanIDDeduper` adjuster does, so both services and the
/// server's own time stay in the tree instead of one half being dropped as a duplicate.
enum SharedSpans {
    /// Which half of a shared RPC span a kind can be: 1 for CLIENT, 2 for SERVER, 0 for the
    /// others; an id whose records have both (3) is shared.
    @inline(__always)
    static func half(_ kind: SpanKind) -> UInt8 {
        kind == .client ? 1 : kind == .server ? 2 : 0
    }

    /// Gives the first SERVER span of each id a CLIENT span also uses a new id: the smallest
    /// unused 64-bit value above the trace's largest hex span id, in input order of the SERVER
    /// spans. Its parent becomes the shared id (the CLIENT half), and the spans that named the
    /// shared id as parent move under the new id. Returns the number of splits.
    static func split(_ spans: inout [Span]) -> Int {
        var clients = Set<SpanID>()
        for i in spans.indices where spans[i].kind == .client { clients.insert(spans[i].spanID) }
        var newIDs = NewSpanIDs(spans)
        var newIDOf: [SpanID: SpanID] = [:]
        var splitHalf = [Bool](repeating: false, count: spans.count)
        for i in spans.indices where spans[i].kind == .server {
            let shared = spans[i].spanID
            guard clients.contains(shared), newIDOf[shared] == nil else { continue }
            let id = newIDs.next()
            newIDOf[shared] = id
            spans[i].spanID = id
            spans[i].parentID = shared
            spans[i].parentRef = .childOf
            splitHalf[i] = true
        }
        guard !newIDOf.isEmpty else { return 0 }
        for i in spans.indices where !splitHalf[i] {
            if let parent = spans[i].parentID, let id = newIDOf[parent] { spans[i].parentID = id }
        }
        return newIDOf.count
    }

    /// New span ids above the largest hex id of a trace, as 16 lowercase hex digits.
    struct NewSpanIDs {
        private var used: Set<UInt64> = []
        private var candidate: UInt64

        init(_ spans: [Span]) {
            var largest: UInt64?
            for i in spans.indices {
                guard let value = spans[i].spanID.hexValue else { continue }
                used.insert(value)
                largest = max(largest ?? 0, value)
            }
            // Above the largest when there is room; otherwise the smallest unused value.
            candidate = largest.map { $0 == .max ? 1 : $0 + 1 } ?? 1
        }

        mutating func next() -> SpanID {
            while used.contains(candidate) { candidate &+= 1 }
            used.insert(candidate)
            return SpanID(hex: candidate)
        }
    }
}
