import LoupeJSON

/// `--since`/`--until`: keeps records whose timestamp lies in `[since, until)`.
///
/// The timestamp is `time()`'s (the candidate fields of `WellKnownFields.time`, or
/// `--time-field`); a record without one is left out and counted, never guessed.
package struct TimeFilter: Sendable {
    /// The slot of `time()`.
    package var slot: Int
    package var since: Int64?
    package var until: Int64?

    /// What one record's timestamp says.
    package enum Verdict {
        case inside, outside, unreadable
    }

    /// The record's timestamp in nanoseconds.
    package func timestamp(_ values: UnsafeBufferPointer<ValueSlot>, _ base: UnsafePointer<UInt8>) -> Int64? {
        Self.nanoseconds(values[slot], base)
    }

    /// What a timestamp (nil: none readable) says.
    package func verdict(_ ns: Int64?) -> Verdict {
        guard let ns else { return .unreadable }
        if let since, ns < since { return .outside }
        if let until, ns >= until { return .outside }
        return .inside
    }

    /// A timestamp value (a time text of `Timestamp.parseText`, or an epoch number) in
    /// nanoseconds since the epoch.
    @inline(__always)
    package static func nanoseconds(_ value: ValueSlot, _ base: UnsafePointer<UInt8>) -> Int64? {
        switch value.kind {
        case .string:
            if value.escaped {
                var decoded: [UInt8] = []
                JSONString.decode(base + value.start, base + value.end, into: &decoded)
                if decoded.isEmpty { return nil }
                return decoded.withUnsafeBufferPointer { Timestamp.parseText($0.baseAddress!, $0.count) }
            }
            return Timestamp.parseText(base + value.start, value.end - value.start)
        case .number:
            return Timestamp.fromEpoch(text: base + value.start, count: value.end - value.start)
        default:
            return nil
        }
    }
}
