
/// The time formats loggers write, beyond RFC 3339: what `time()`, `bucket()`, `--since` and
/// timestamp comparisons read from a record's value.
extension Timestamp {
    /// Whether an epoch number must look like a time: when `time()` guesses among candidate
    /// fields, a small number (`"t": 21.5`) is not taken for one; a field the user names is read
    /// as it is.
    package enum EpochRule: Sendable {
        case any
        /// Not before 1973-03-03 (10^8 seconds; what magnitude reads as ms, us or ns always is).
        case plausible
    }

    /// A time written as text, in nanoseconds since the epoch, or nil:
    /// - RFC 3339 and ISO 8601 variants: `T` or a space, `.123` or `,123` (Python), `Z`, an
    ///   offset with or without a colon (or a space before it), `UTC` or `GMT`, no zone (UTC),
    ///   a bare date;
    /// - `2025/11/07 16:12:01` (Go's log, nginx's error log), UTC;
    /// - `07/Nov/2025:16:12:01 +0000` (Apache and nginx access logs);
    /// - a JSON number in the text: epoch seconds, ms, us or ns (told apart by magnitude).
    package static func parseText(_ p: UnsafePointer<UInt8>, _ count: Int, epochs: EpochRule = .any) -> Int64? {
        // No time text is this long (the rewriting below works in a 96-byte buffer).
        guard count > 0, count <= 80 else { return nil }
        if p[0] == UInt8(ascii: "-") || (p[0] >= 0x30 && p[0] <= 0x39 && (count < 5 || p[4] != UInt8(ascii: "-"))) {
            if JSONNumber.isNumber(p, p + count) { return parseEpoch(p, count, epochs: epochs) }
        }
        if let ns = parseRFC3339(p, count) { return ns }
        if count >= 19, p[4] == UInt8(ascii: "/"), p[7] == UInt8(ascii: "/") { return parseSlashed(p, count) }
        if count >= 20, p[2] == UInt8(ascii: "/"), p[6] == UInt8(ascii: "/") { return parseCommonLog(p, count) }
        if count > 10, p[4] == UInt8(ascii: "-") { return parseZoneVariant(p, count) }
        return nil
    }

    /// A time written as text, the whole buffer (`parseText`).
    package static func parseText(_ bytes: UnsafeBufferPointer<UInt8>, epochs: EpochRule = .any) -> Int64? {
        guard let base = bytes.baseAddress else { return nil }
        return parseText(base, bytes.count, epochs: epochs)
    }

    /// An epoch number written as JSON number text, under `epochs`.
    package static func parseEpoch(_ p: UnsafePointer<UInt8>, _ count: Int, epochs: EpochRule) -> Int64? {
        guard let ns = fromEpoch(text: p, count: count) else { return nil }
        if epochs == .plausible, ns < 100_000_000 * 1_000_000_000 { return nil }
        return ns
    }

    /// The leading time of a text: its first two whitespace-separated words (a date, then a
    /// time: `2025-11-07 16:12:01,123 INFO`), else its first word.
    package static func parseLeading(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
        var first = 0
        while first < count, p[first] != 0x20, p[first] != 0x09 { first += 1 }
        if first == 0 { return nil }
        var second = first
        while second < count, p[second] == 0x20 { second += 1 }
        if second > first, second < count {
            while second < count, p[second] != 0x20, p[second] != 0x09 { second += 1 }
            if let ns = parseText(p, second, epochs: .plausible) { return ns }
        }
        return parseText(p, first, epochs: .plausible)
    }

    /// `2025-11-07 16:12:01 +0000`, `2025-11-07T16:12:01.123 UTC`, `...UTC`, `...GMT`: the
    /// zone after a space, or spelled as a name, moved into RFC 3339's place.
    static func parseZoneVariant(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
        var end = count
        var named = false
        if count > 13, p[count - 3] == UInt8(ascii: "U"), p[count - 2] == UInt8(ascii: "T"), p[count - 1] == UInt8(ascii: "C") {
            (end, named) = (count - 3, true)
        } else if count > 13, p[count - 3] == UInt8(ascii: "G"), p[count - 2] == UInt8(ascii: "M"), p[count - 1] == UInt8(ascii: "T") {
            (end, named) = (count - 3, true)
        }
        if end > 0, p[end - 1] == 0x20 { end -= 1 }
        if named {
            return rewritten { out in
                out.update(from: p, count: end)
                out[end] = UInt8(ascii: "Z")
                return end + 1
            }
        }
        // A space before an offset: `... 16:12:01 +0000`.
        var space = end - 1
        while space > 10, p[space] != 0x20 { space -= 1 }
        guard space > 10, space + 1 < end, p[space + 1] == UInt8(ascii: "+") || p[space + 1] == UInt8(ascii: "-") else {
            return nil
        }
        return rewritten { out in
            out.update(from: p, count: space)
            (out + space).update(from: p + space + 1, count: end - space - 1)
            return end - 1
        }
    }

    /// `2025/11/07 16:12:01[.123]`: RFC 3339 with slashes in the date.
    static func parseSlashed(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
        rewritten { out in
            out.update(from: p, count: count)
            out[4] = UInt8(ascii: "-")
            out[7] = UInt8(ascii: "-")
            return count
        }
    }

    /// The month abbreviations of the common log format.
    static let monthNames: [[UInt8]] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].map {
        Array($0.utf8)
    }

    /// `07/Nov/2025:16:12:01 +0000` (Apache's and nginx's `%t` and `$time_local`).
    static func parseCommonLog(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
        guard count >= 20, p[11] == UInt8(ascii: ":"),
            let m = monthNames.firstIndex(where: { $0[0] == p[3] && $0[1] == p[4] && $0[2] == p[5] })
        else { return nil }
        // Rewritten as `2025-11-07T16:12:01 +0000`, then read as an ISO time.
        return rewritten { out in
            (out).update(from: p + 7, count: 4)
            out[4] = UInt8(ascii: "-")
            out[5] = UInt8(ascii: "0") + UInt8((m + 1) / 10)
            out[6] = UInt8(ascii: "0") + UInt8((m + 1) % 10)
            out[7] = UInt8(ascii: "-")
            out[8] = p[0]
            out[9] = p[1]
            out[10] = UInt8(ascii: "T")
            (out + 11).update(from: p + 12, count: count - 12)
            return count - 1
        }
    }

    /// Reads a time written into a scratch buffer on the stack by `fill` (which returns its
    /// length, at most the input's): RFC 3339, or its variant with the zone after a space.
    private static func rewritten(_ fill: (UnsafeMutablePointer<UInt8>) -> Int) -> Int64? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 96) { buffer -> Int64? in
            let n = fill(buffer.baseAddress!)
            return parseRFC3339(buffer.baseAddress!, n) ?? parseZoneVariant(buffer.baseAddress!, n)
        }
    }
}

extension Timestamp {
    /// The width of `writeFixedRFC3339`'s text.
    package static let fixedRFC3339Width = 30

    /// Writes `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` (UTC, nine fraction digits; 30 bytes): the form
    /// of `time()`, whose texts sort in time order for every time an Int64 of nanoseconds holds.
    package static func writeFixedRFC3339(_ ns: Int64, to out: UnsafeMutablePointer<UInt8>) {
        var seconds = ns / 1_000_000_000
        var fraction = ns % 1_000_000_000
        if fraction < 0 {
            fraction += 1_000_000_000
            seconds -= 1
        }
        var days = seconds / 86400
        var rest = seconds % 86400
        if rest < 0 {
            rest += 86400
            days -= 1
        }
        let (y, m, d) = civilFromDays(days)
        func put(_ value: Int64, _ width: Int, at offset: Int) {
            var v = value
            for i in stride(from: offset + width - 1, through: offset, by: -1) {
                out[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            }
        }
        put(y, 4, at: 0)
        out[4] = UInt8(ascii: "-")
        put(m, 2, at: 5)
        out[7] = UInt8(ascii: "-")
        put(d, 2, at: 8)
        out[10] = UInt8(ascii: "T")
        put(rest / 3600, 2, at: 11)
        out[13] = UInt8(ascii: ":")
        put(rest / 60 % 60, 2, at: 14)
        out[16] = UInt8(ascii: ":")
        put(rest % 60, 2, at: 17)
        out[19] = UInt8(ascii: ".")
        put(fraction, 9, at: 20)
        out[29] = UInt8(ascii: "Z")
    }
}
