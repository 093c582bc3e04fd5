import Glibc
import LoupeJSON

/// `--since`/`--until` values: a time (RFC 3339 `2024-03-11T08:00:00Z`, `2024-03-11`, or any
/// form `Timestamp.parseText` reads) or a duration before now (`15m`, `2h`, `7d`, `1h30m`).
package enum TimeBound {
    package static func parse(_ text: String, now: Int64 = currentTime()) -> Int64? {
        let bytes = Array(text.utf8)
        if let absolute = bytes.withUnsafeBufferPointer({
            $0.isEmpty || JSONNumber.isNumber($0.baseAddress!, $0.baseAddress! + $0.count)
                ? nil : Timestamp.parseText($0.baseAddress!, $0.count)
        }) {
            return absolute
        }
        if let ago = bytes.withUnsafeBufferPointer({ $0.isEmpty ? nil : sumOfDurations($0.baseAddress!, $0.count) }),
            ago >= 0, ago < 9.2e18  // further back than Int64 nanoseconds reach: unreadable, not a trap
        {
            return now - Int64(ago)
        }
        return nil
    }

    /// A duration written as one or more number-unit pairs, largest first as people write
    /// them (`1h30m`, `2d12h`, `90s`); nil for anything else.
    static func sumOfDurations(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        var total = 0.0
        var start = 0
        while start < count {
            // A part ends where a digit follows a unit's letters.
            var end = start
            while end < count, (p[end] >= 0x30 && p[end] <= 0x39) || p[end] == 0x2E { end += 1 }
            while end < count, !(p[end] >= 0x30 && p[end] <= 0x39) { end += 1 }
            guard let part = DurationText.parse(p + start, end - start), part >= 0 else { return nil }
            total += part
            start = end
        }
        return total
    }

    package static func currentTime() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
