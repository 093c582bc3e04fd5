/// The distinct (service, name) pairs of one trace, and each span's pair as an index: sums per
/// operation then hash each span once, not once per sum.
package struct TraceOperations: Sendable {
    /// The distinct operations, in order of first appearance.
    package let keys: [OperationKey]
    /// For each span, the index of its operation in `keys`.
    package let ofSpan: [Int32]

    package init(_ spans: [Span]) {
        var index: [OperationKey: Int32] = [:]
        // Traces have tens of operations, not thousands: growing from empty rehashed them often.
        index.reserveCapacity(min(spans.count, 64))
        var keys: [OperationKey] = []
        var ofSpan = [Int32](repeating: 0, count: spans.count)
        for i in spans.indices {
            // Siblings that repeat a call (N+1) lie next to each other: no hashing for those.
            if i > 0 && spans[i].name == spans[i - 1].name && spans[i].service == spans[i - 1].service {
                ofSpan[i] = ofSpan[i - 1]
                continue
            }
            let key = OperationKey(service: spans[i].service, name: spans[i].name)
            if let known = index[key] {
                ofSpan[i] = known
            } else {
                ofSpan[i] = Int32(keys.count)
                index[key] = Int32(keys.count)
                keys.append(key)
            }
        }
        self.keys = keys
        self.ofSpan = ofSpan
    }

    @inline(__always)
    package func key(of span: Int) -> OperationKey { keys[Int(ofSpan[span])] }
}
