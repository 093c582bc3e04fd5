/// The JSON type of an extracted value, or `missing` when the record has no such path.
package enum JSONKind: UInt8, Sendable {
    case missing, null, `false`, `true`, number, string, object, array

    /// The name used in messages and in `loupe fields`.
    package var name: String {
        switch self {
        case .missing: return "missing"
        case .null: return "null"
        case .false, .true: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .object: return "object"
        case .array: return "array"
        }
    }
}

/// Where one extracted value lies in the record: its kind and byte range, nothing decoded.
///
/// For strings the range excludes the quotes and `escaped` tells whether the body holds a
/// backslash escape (so the raw bytes are not the decoded value).
package struct ValueSlot: Sendable {
    package var kind: JSONKind
    package var escaped: Bool
    /// The rank of the reading that found the value (lower is preferred); see `PathSet`.
    package var rank: Int32
    package var start: Int
    package var end: Int

    package static let missing = ValueSlot(kind: .missing, escaped: false, rank: .max, start: 0, end: 0)

    package init(kind: JSONKind, escaped: Bool, rank: Int32, start: Int, end: Int) {
        self.kind = kind
        self.escaped = escaped
        self.rank = rank
        self.start = start
        self.end = end
    }
}
