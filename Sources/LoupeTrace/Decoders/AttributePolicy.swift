import Glibc
import LoupeIO

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

    /// False when the JSON text of a list of attributes cannot hold one the policy keeps, so
    /// the list can be skipped whole: for `.analysis`, its bytes hold neither `db.system` nor
    /// a backslash (an escape could spell a key any way).
    func mayKeep(_ json: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self {
        case .all:
            return true
        case .analysis:
            guard let start = json.baseAddress, memchr(start, 0x5C, json.count) == nil else { return true }
            return Self.keptKey.firstMatch(in: start, end: start + json.count) != nil
        }
    }

    /// What both keys `.analysis` keeps begin with.
    private static let keptKey = LiteralSearcher(Array("db.system".utf8))
}
