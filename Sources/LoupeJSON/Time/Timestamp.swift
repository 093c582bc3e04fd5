
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
                    // RFC 3339's offsets: hours 00-23, minutes 00-59; `+99:00` is no time,
                    // not a time four days off.
                    guard let oh = digits(i + 1, 2), oh <= 23 else { return nil }
                    var om = 0
                    var next = i + 3
                    if next < count, p[next] == 0x3A {
                        guard let m = digits(next + 1, 2), m <= 59 else { return nil }
                        om = m
                        next += 3
                    } else if let m = digits(next, 2) {
                        guard m <= 59 else { return nil }
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

    /// An epoch number as written in a record (JSON number text), told apart by magnitude like
    /// `fromEpoch(_:)` but scaled exactly in decimal: `1710144000.123` seconds is
    /// `...000123000000` ns, where the nearest double would give `...000122999808` and land in
    /// the wrong millisecond. Rounds to the nearest nanosecond (halves away from zero); digits
    /// beyond Int64's 19 are dropped.
    package static func fromEpoch(text p: UnsafePointer<UInt8>, count: Int) -> Int64? {
        let value = JSONNumber.parse(p, p + count)
        guard fromEpoch(value) != nil else { return nil }
        let magnitude = abs(value)
        // The number is `mantissa` times ten to `exponent`, in nanoseconds.
        var exponent = magnitude < 1e11 ? 9 : (magnitude < 1e14 ? 6 : (magnitude < 1e17 ? 3 : 0))
        var mantissa: Int64 = 0
        var full = false
        var inFraction = false
        var i = 0
        let negative = count > 0 && p[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        while i < count {
            let c = p[i]
            if c == UInt8(ascii: ".") {
                inFraction = true
            } else if c >= 0x30 && c <= 0x39 {
                if !full {
                    let (times10, o1) = mantissa.multipliedReportingOverflow(by: 10)
                    let (next, o2) = times10.addingReportingOverflow(Int64(c - 0x30))
                    full = o1 || o2
                    if !full {
                        mantissa = next
                        if inFraction { exponent -= 1 }
                    }
                }
                if full && !inFraction { exponent += 1 }
            } else {
                break
            }
            i += 1
        }
        if i < count, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            let minus = i < count && p[i] == UInt8(ascii: "-")
            if i < count, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") { i += 1 }
            var e = 0
            while i < count, p[i] >= 0x30, p[i] <= 0x39 {
                e = min(e * 10 + Int(p[i] - 0x30), 1000)
                i += 1
            }
            exponent += minus ? -e : e
        }
        var ns = mantissa
        if exponent >= 0 {
            for _ in 0..<exponent {
                let (next, overflow) = ns.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                ns = next
            }
        } else if exponent >= -18 {
            var divisor: Int64 = 1
            for _ in 0..<(-exponent) { divisor *= 10 }
            ns = mantissa / divisor
            if (mantissa % divisor) * 2 >= divisor { ns += 1 }
        } else {
            // At most 0.92 ns: rounds to 1 from one half up, when that is the only digit left.
            ns = exponent == -19 && mantissa >= 5_000_000_000_000_000_000 ? 1 : 0
        }
        return negative ? -ns : ns
    }

    /// RFC 3339 in UTC with as many fraction digits as needed (0, 3, 6 or 9), or exactly
    /// `fractionDigits` (0 to 9; digits beyond them are cut).
    package static func format(_ ns: Int64, fractionDigits: Int? = nil) -> String {
        var fixed = [UInt8](repeating: 0, count: fixedRFC3339Width)
        fixed.withUnsafeMutableBufferPointer { writeFixedRFC3339(ns, to: $0.baseAddress!) }
        var fraction = ns % 1_000_000_000
        if fraction < 0 { fraction += 1_000_000_000 }
        let digits =
            fractionDigits.map { min(max($0, 0), 9) }
            ?? (fraction == 0 ? 0 : fraction % 1_000_000 == 0 ? 3 : fraction % 1000 == 0 ? 6 : 9)
        // `YYYY-MM-DDTHH:MM:SS` + `.` and the first `digits` of the nine + `Z`.
        let kept = fixed[0..<19] + (digits > 0 ? fixed[19..<(20 + digits)] : []) + [UInt8(ascii: "Z")]
        return String(decoding: kept, as: UTF8.self)
    }

    /// Appends `writeFixedRFC3339`'s text (records loupe writes: OTLP log times).
    package static func appendFixedRFC3339(_ ns: Int64, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: fixedRFC3339Width))
        out.withUnsafeMutableBufferPointer { writeFixedRFC3339(ns, to: $0.baseAddress! + start) }
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
