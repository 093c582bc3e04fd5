/// Which attributes decoders keep. Analysis needs only the few that TRACE-SEMANTICS reads;
/// spans as query records need them all.
package enum AttributePolicy: Sendable {
    /// Every span attribute and resource attribute (process tags), values flattened.
    case all
    /// Only `db.system` and `db.system.name` (what section 4.1 reads); no resource attributes.
    case analysis

    @inline(__always)
    func keeps(_ key: String) -> Bool {
        switch self {
        case .all: return true
        case .analysis: return key == "db.system" || key == "db.system.name"
        }
    }
}
