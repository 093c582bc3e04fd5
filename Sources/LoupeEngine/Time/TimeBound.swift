import Glibc
import LoupeEngine

/// `--since`/`--until` values: RFC 3339 (`2024-03-11T08:00:00Z`, `2024-03-11`) or a duration
/// before now (`15m`, `2h`, `7d`).
package enum TimeBound {
    package static func parse(_ text: String, now: Int64 = currentTime()) -> Int64? {
        let bytes = Array(text.utf8)
        if let absolute = bytes.withUnsafeBufferPointer({ $0.isEmpty ? nil : Timestamp.parseRFC3339($0.baseAddress!, $0.count) }) {
            return absolute
        }
        if let ago = bytes.withUnsafeBufferPointer({ $0.isEmpty ? nil : DurationText.parse($0.baseAddress!, $0.count) }),
            ago >= 0, ago < 9.2e18  // further back than Int64 nanoseconds reach: unreadable, not a trap
        {
            return now - Int64(ago)
        }
        return nil
    }

    package static func currentTime() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
