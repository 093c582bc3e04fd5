/// The ISO 8601 / RFC 3339 times of the formats that write them as text (the OpenTelemetry
/// SDK's console exporter) and of the records loupe writes for OTLP logs, in nanoseconds since
/// the Unix epoch.
///
/// LoupeEngine's `Timestamp` reads and writes the same texts for queries; LoupeTrace does not
/// import the engine, so the few lines it needs are here.
package enum ISOTime {
    /// Parses `2025-11-07T16:12:01.123456Z`: a date, `T` (or a space), a time with optional
    /// seconds and fraction (any number of digits, `.` or `,`; beyond 9 they are cut), and `Z`,
    /// an offset (`+02:00`, `+0200`) or nothing (UTC). Nil for anything else, and for times
    /// that an Int64 of nanoseconds cannot hold.
    package static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        let count = bytes.count
        func digits(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= count else { return nil }
            var v = 0
            for i in at..<(at + n) {
                let d = Int(bytes[i]) &- 48
                guard d >= 0 && d <= 9 else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard let year = digits(0, 4), count >= 16, bytes[4] == 0x2D, let month = digits(5, 2), bytes[7] == 0x2D,
            let day = digits(8, 2), (1...12).contains(month), (1...31).contains(day),
            bytes[10] == 0x54 || bytes[10] == 0x74 || bytes[10] == 0x20,
            let hour = digits(11, 2), bytes[13] == 0x3A, let minute = digits(14, 2), hour < 24, minute < 60
        else { return nil }
        var seconds = daysFromCivil(year, month, day) * 86400 + Int64(hour * 3600 + minute * 60)
        var nanos: Int64 = 0
        var i = 16
        if i < count, bytes[i] == 0x3A {
            guard let second = digits(i + 1, 2), second <= 60 else { return nil }
            seconds += Int64(second)
            i += 3
            if i < count, bytes[i] == 0x2E || bytes[i] == 0x2C {
                i += 1
                var scale: Int64 = 100_000_000
                let start = i
                while i < count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                    nanos += Int64(bytes[i] - 0x30) * scale
                    scale /= 10
                    i += 1
                }
                guard i > start else { return nil }
            }
        }
        if i < count {
            switch bytes[i] {
            case 0x5A, 0x7A:
                i += 1
            case 0x2B, 0x2D:
                guard let oh = digits(i + 1, 2) else { return nil }
                var next = i + 3
                var om = 0
                if next < count, bytes[next] == 0x3A {
                    guard let m = digits(next + 1, 2) else { return nil }
                    om = m
                    next += 3
                } else if let m = digits(next, 2) {
                    om = m
                    next += 2
                }
                let offset = Int64(oh * 3600 + om * 60)
                seconds += bytes[i] == 0x2B ? -offset : offset
                i = next
            default:
                return nil
            }
        }
        guard i == count else { return nil }
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return nil }
        let (total, carry) = scaled.addingReportingOverflow(nanos)
        return carry ? nil : total
    }

    /// RFC 3339 in UTC with all nine fraction digits (`2018-12-13T14:51:00.300000000Z`): the
    /// same width for every time, so that the texts of a field sort as the times do.
    package static func append(_ ns: Int64, to out: inout [UInt8]) {
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
        func put(_ value: Int64, _ width: Int) {
            var digits = [UInt8](repeating: 0x30, count: width)
            var v = value
            for k in stride(from: width - 1, through: 0, by: -1) {
                digits[k] = UInt8(0x30 + v % 10)
                v /= 10
            }
            out.append(contentsOf: digits)
        }
        put(y, 4)
        out.append(0x2D)
        put(m, 2)
        out.append(0x2D)
        put(d, 2)
        out.append(0x54)
        put(rest / 3600, 2)
        out.append(0x3A)
        put(rest / 60 % 60, 2)
        out.append(0x3A)
        put(rest % 60, 2)
        out.append(0x2E)
        put(fraction, 9)
        out.append(0x5A)
    }

    /// The text of `append` as a string (tests, messages).
    package static func text(_ ns: Int64) -> String {
        var out: [UInt8] = []
        append(ns, to: &out)
        return String(decoding: out, as: UTF8.self)
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
