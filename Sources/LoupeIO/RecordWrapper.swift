/// The objects that tools wrap a list of records in: a member of the object (or of an object
/// inside it) holds the array whose elements are the records.
///
/// Detection (`isWrapper`) asks for the shape of the tool's whole answer, never for one key
/// alone, so that a log record with an `items` or `events` field is still a record. Framing
/// (`ValueFraming`) then looks for the members of `recordPaths` in each top-level object.
package enum RecordWrapper: CaseIterable, Sendable {
    /// `kubectl get ... -o json`: `{"apiVersion": "v1", "items": [...], "kind": "List", ...}`.
    case kubernetesList
    /// An Elasticsearch or OpenSearch search response: `{"took": 5, ..., "hits": {"hits": [...]}}`.
    case elasticsearchHits
    /// `aws logs filter-log-events` and `get-log-events`: `{"events": [...], "nextToken": ...}`.
    case cloudWatchEvents
    /// A CloudTrail log file, as delivered to S3 or `lookup-events` saved: `{"Records": [...]}`.
    case cloudTrailRecords

    /// The keys from the top-level object down to the array of records.
    package var path: [String] {
        switch self {
        case .kubernetesList: return ["items"]
        case .elasticsearchHits: return ["hits", "hits"]
        case .cloudWatchEvents: return ["events"]
        case .cloudTrailRecords: return ["Records"]
        }
    }

    /// Every wrapper's path, as bytes, for the framing's look into each top-level object.
    package static let recordPaths: [[[UInt8]]] = allCases.map { $0.path.map { Array($0.utf8) } }

    /// The wrapper whose shape the object at `start` in `bytes` has, or nil. `keys` maps each
    /// top-level key of that object to the offset of its value (a prefix may hold only some).
    static func detect(_ keys: [String: Int], _ bytes: UnsafeBufferPointer<UInt8>) -> RecordWrapper? {
        func opens(_ key: String) -> UInt8? {
            guard let at = keys[key], at < bytes.count else { return nil }
            return bytes[at]
        }
        let array = UInt8(ascii: "["), object = UInt8(ascii: "{")
        // kubectl writes keys sorted: `apiVersion` before `items`, `kind` after the items.
        if opens("items") == array, keys["apiVersion"] != nil || stringValue(keys["kind"], bytes)?.hasSuffix("List") == true {
            return .kubernetesList
        }
        if opens("hits") == object, keys["took"] != nil || keys["_shards"] != nil || keys["timed_out"] != nil,
            innerKeys(at: keys["hits"]!, bytes)["hits"].map({ $0 < bytes.count && bytes[$0] == array }) == true
        {
            return .elasticsearchHits
        }
        if opens("events") == array {
            let tokens = ["nextToken", "nextForwardToken", "nextBackwardToken", "searchedLogStreams"]
            let first = firstElementKeys(at: keys["events"]!, bytes)
            if tokens.contains(where: { keys[$0] != nil }) || first["ingestionTime"] != nil || first["logStreamName"] != nil {
                return .cloudWatchEvents
            }
        }
        if opens("Records") == array {
            let first = firstElementKeys(at: keys["Records"]!, bytes)
            if first["eventVersion"] != nil || first["eventSource"] != nil { return .cloudTrailRecords }
        }
        return nil
    }

    /// The top-level keys of the object at `offset`, as far as the prefix holds it.
    private static func innerKeys(at offset: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> [String: Int] {
        var sniffer = Sniffer(bytes)
        sniffer.i = offset
        var keys: [String: Int] = [:]
        _ = sniffer.topLevelKeys(into: &keys)
        return keys
    }

    /// The keys of the first element of the array at `offset` when it is an object.
    private static func firstElementKeys(at offset: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> [String: Int] {
        var sniffer = Sniffer(bytes)
        sniffer.i = offset + 1
        sniffer.skipWhitespace()
        guard sniffer.i < bytes.count, bytes[sniffer.i] == UInt8(ascii: "{") else { return [:] }
        return innerKeys(at: sniffer.i, bytes)
    }

    /// The text of the string at `offset` when it has no escapes, else nil.
    private static func stringValue(_ offset: Int?, _ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let offset, offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { return nil }
        var k = offset + 1
        while k < bytes.count, bytes[k] != UInt8(ascii: "\""), bytes[k] != UInt8(ascii: "\\") { k += 1 }
        guard k < bytes.count, bytes[k] == UInt8(ascii: "\"") else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[(offset + 1)..<k]), as: UTF8.self)
    }
}
