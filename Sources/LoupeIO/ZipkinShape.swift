/// Whether an object's top-level keys have the shape of a Zipkin v2 span, so that log records
/// that happen to carry `traceId`, `id` and `timestamp` are not read as spans.
///
/// A span has `traceId` and `id` (strings) and at least one span field with a span's type:
/// `name`, `kind` or `parentId` a string, `localEndpoint` or `remoteEndpoint` an object,
/// `duration` a number.
enum ZipkinShape {
    /// `keys` maps each top-level key to the offset of its value's first byte in `bytes`.
    static func isSpan(_ keys: [String: Int], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func opens(_ key: String) -> UInt8? {
            guard let at = keys[key], at < bytes.count else { return nil }
            return bytes[at]
        }
        let quote = UInt8(ascii: "\"")
        guard opens("traceId") == quote, opens("id") == quote else { return false }
        if opens("name") == quote || opens("kind") == quote || opens("parentId") == quote { return true }
        if opens("localEndpoint") == UInt8(ascii: "{") || opens("remoteEndpoint") == UInt8(ascii: "{") { return true }
        if let first = opens("duration"), first >= 0x30 && first <= 0x39 { return true }
        return false
    }
}
