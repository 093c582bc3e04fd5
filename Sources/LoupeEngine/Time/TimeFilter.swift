import LoupeJSON

/// `--since`/`--until`: keeps records whose timestamp lies in `[since, until)`.
///
/// The timestamp is the first of `slots` (the candidate time fields, in preference order)
/// that is present; a record with none, or with one that does not parse, is left out and
/// counted, never guessed.
package struct TimeFilter: Sendable {
    package var slots: [Int]
    package var since: Int64?
    package var until: Int64?

    /// The names tried, in order, when no `--time-field` is given. The last, `_prefix_time`,
    /// is the time written before the JSON of a prefixed line (`kubectl logs --timestamps`):
    /// the record's time only when it has none of its own.
    package static let defaultFieldNames = [
        "ts", "time", "timestamp", "@timestamp", "@t", "t", "date", "datetime", "Timestamp", "eventTime", "start", "_prefix_time",
    ]

    /// What one record's timestamp says.
    package enum Verdict {
        case inside, outside, unreadable
    }

    /// The record's timestamp in nanoseconds: the first present candidate field, parsed.
    package func timestamp(_ values: UnsafeBufferPointer<ValueSlot>, _ base: UnsafePointer<UInt8>) -> Int64? {
        guard let slot = slots.first(where: { values[$0].kind != .missing }) else { return nil }
        return Self.nanoseconds(values[slot], base)
    }

    /// What a timestamp (nil: none readable) says.
    package func verdict(_ ns: Int64?) -> Verdict {
        guard let ns else { return .unreadable }
        if let since, ns < since { return .outside }
        if let until, ns >= until { return .outside }
        return .inside
    }

    /// A timestamp value (RFC 3339 string or epoch number) in nanoseconds since the epoch.
    @inline(__always)
    package static func nanoseconds(_ value: ValueSlot, _ base: UnsafePointer<UInt8>) -> Int64? {
        switch value.kind {
        case .string:
            if value.escaped {
                var decoded: [UInt8] = []
                JSONString.decode(base + value.start, base + value.end, into: &decoded)
                if decoded.isEmpty { return nil }
                return decoded.withUnsafeBufferPointer { Timestamp.parseRFC3339($0.baseAddress!, $0.count) }
            }
            return Timestamp.parseRFC3339(base + value.start, value.end - value.start)
        case .number:
            return Timestamp.fromEpoch(text: base + value.start, count: value.end - value.start)
        default:
            return nil
        }
    }
}
