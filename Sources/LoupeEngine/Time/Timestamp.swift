/// Reading timestamps: RFC 3339 text and epoch numbers, to nanoseconds since the Unix epoch.
package enum Timestamp {
    /// Parses RFC 3339 (`2024-03-11T08:00:00.123Z`, `...+02:00`, a space instead of `T`, a
    /// bare date). A missing offset means UTC. Returns nil for anything else, and for times
    /// that nanoseconds in an Int64 cannot hold (before 1677-09-21 or after 2262-04-11, such as
    /// Go's zero time `0001-01-01T00:00:00Z`).
    package static func parseRFC3339(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
        @inline(__always) func digits(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= count else { return nil }
            var v = 0
            for i in at..<(at + n) {
                let d = Int(p[i]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard count >= 10, let year = digits(0, 4), p[4] == 0x2D, let month = digits(5, 2), p[7] == 0x2D,
            let day = digits(8, 2), (1...12).contains(month), day >= 1, day <= daysIn(month, year)
        else { return nil }
        var seconds = daysFromCivil(year, month, day) * 86400
        var nanos: Int64 = 0
        var i = 10
        if i < count, p[i] == 0x54 || p[i] == 0x74 || p[i] == 0x20 {
            guard let hour = digits(i + 1, 2), i + 3 < count, p[i + 3] == 0x3A, let minute = digits(i + 4, 2),
                hour < 24, minute < 60
            else { return nil }
            seconds += Int64(hour * 3600 + minute * 60)
            i += 6
            if i < count, p[i] == 0x3A {
                guard let second = digits(i + 1, 2), second <= 60 else { return nil }
                seconds += Int64(second)
                i += 3
                if i < count, p[i] == 0x2E || p[i] == 0x2C {
                    i += 1
                    var scale: Int64 = 100_000_000
                    let fractionStart = i
                    while i < count, p[i] >= 0x30, p[i] <= 0x39 {
                        nanos += Int64(p[i] - 0x30) * scale
                        scale /= 10
                        i += 1
                    }
                    if i == fractionStart { return nil }
                }
            }
            if i < count {
                switch p[i] {
                case 0x5A, 0x7A:
                    i += 1
                case 0x2B, 0x2D:
                    guard let oh = digits(i + 1, 2) else { return nil }
                    var om = 0
                    var next = i + 3
                    if next < count, p[next] == 0x3A {
                        guard let m = digits(next + 1, 2) else { return nil }
                        om = m
                        next += 3
                    } else if let m = digits(next, 2) {
                        om = m
                        next += 2
                    }
                    let offset = Int64(oh * 3600 + om * 60)
                    seconds += p[i] == 0x2B ? -offset : offset
                    i = next
                default:
                    return nil
                }
            }
        }
        guard i == count else { return nil }
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return nil }
        let (total, carry) = scaled.addingReportingOverflow(nanos)
        return carry ? nil : total
    }

    /// An epoch number in seconds, milliseconds, microseconds or nanoseconds, told apart by
    /// magnitude (below 1e11 seconds, below 1e14 ms, below 1e17 us, else ns).
    package static func fromEpoch(_ value: Double) -> Int64? {
        guard value.isFinite else { return nil }
        let magnitude = abs(value)
        let ns: Double
        if magnitude < 1e11 {
            ns = value * 1e9
        } else if magnitude < 1e14 {
            ns = value * 1e6
        } else if magnitude < 1e17 {
            ns = value * 1e3
        } else {
            ns = value
        }
        guard abs(ns) < 9.2e18 else { return nil }
        return Int64(ns.rounded())
    }

    /// RFC 3339 in UTC with as many fraction digits as needed (0, 3, 6 or 9).
    package static func format(_ ns: Int64) -> String {
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
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var text = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rest / 3600, 2)):\(pad(rest / 60 % 60, 2)):\(pad(rest % 60, 2))"
        if fraction != 0 {
            if fraction % 1_000_000 == 0 {
                text += "." + pad(fraction / 1_000_000, 3)
            } else if fraction % 1000 == 0 {
                text += "." + pad(fraction / 1000, 6)
            } else {
                text += "." + pad(fraction, 9)
            }
        }
        return text + "Z"
    }

    private static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }
}
