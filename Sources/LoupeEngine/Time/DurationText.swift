import LoupeJSON
import LoupeQuery

/// Reading durations written as text in records: `563ms`, `1.5s`, `2m`, `250us`, `10ns`.
package enum DurationText {
    /// The duration in nanoseconds, or nil when the text is not a number followed by a unit.
    package static func parse(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        var i = 0
        while i < count, (p[i] >= 0x30 && p[i] <= 0x39) || p[i] == 0x2E || (i == 0 && p[i] == 0x2D) { i += 1 }
        guard i > 0, i < count else { return nil }
        let unit = String(decoding: UnsafeBufferPointer(start: p + i, count: count - i), as: UTF8.self)
        // The language's units: a duration in a record reads like one in a query.
        guard let scale = Lexer.durationUnits[unit] else { return nil }
        return DurationScaling.nanoseconds(UnsafeBufferPointer(start: p, count: i), unit: UInt64(scale))
    }

    /// The unit a numeric field holds, from its name (ns per unit), so that
    /// `duration_ms > 250ms` compares like with like. Nil when the name does not say.
    ///
    /// The rule: the unit is the name's last word, read without regard to case. Words are split
    /// at `_` and `-` (snake_case, kebab-case, SCREAMING_CASE) and where camelCase starts a new
    /// word (`durationMs`, `durationMS`, `GCNanos`); a name of one word is that word (`ms`, as the
    /// last key of `took.ms`). The unit words:
    /// - nanoseconds: `ns`, `nanos`, `nsec`, `nanoseconds`;
    /// - microseconds: `us`, `µs`, `micros`, `usec`, `microseconds`;
    /// - milliseconds: `ms`, `millis`, `msec`, `milliseconds`;
    /// - seconds: `s`, `sec`, `secs`, `seconds`.
    package static func unitScale(forFieldName name: String) -> Double? {
        guard let word = lastWord(of: name) else { return nil }
        return fieldUnits[word.lowercased()]
    }

    static let fieldUnits: [String: Double] = [
        "ns": 1, "nanos": 1, "nsec": 1, "nanoseconds": 1,
        "us": 1e3, "µs": 1e3, "micros": 1e3, "usec": 1e3, "microseconds": 1e3,
        "ms": 1e6, "millis": 1e6, "msec": 1e6, "milliseconds": 1e6,
        "s": 1e9, "sec": 1e9, "secs": 1e9, "seconds": 1e9,
    ]

    /// The last word of a name (see `unitScale(forFieldName:)`); nil when it ends in a
    /// separator or a digit.
    static func lastWord(of name: String) -> Substring? {
        var word = Substring(name)
        if let separator = name.lastIndex(where: { $0 == "_" || $0 == "-" }) {
            word = name[name.index(after: separator)...]
        }
        // A unit is written in cased letters: a name ending in a letter without case (日) has none.
        guard let last = word.last, last.isLowercase || last.isUppercase else { return nil }
        // camelCase: a trailing run of lower-case letters with the capital before it
        // (`durationMs`), or a trailing run of capitals (`durationMS`).
        var start = word.endIndex
        if last.isLowercase {
            while start > word.startIndex, word[word.index(before: start)].isLowercase { start = word.index(before: start) }
            if start > word.startIndex, word[word.index(before: start)].isUppercase { start = word.index(before: start) }
        } else {
            while start > word.startIndex, word[word.index(before: start)].isUppercase { start = word.index(before: start) }
        }
        // A word that does not start the name must follow a camelCase boundary: lower case or a
        // digit before a capital (`durationMs`), or a capital run before capitals.
        return start == word.startIndex || word[start].isUppercase ? word[start...] : nil
    }

    /// A duration as a query literal: `250ms`, `1500ms`, `2m`; the largest unit that holds it
    /// in whole numbers, else milliseconds with a fraction.
    package static func literal(nanoseconds ns: Double) -> String {
        let units: [(String, Double)] = [("d", 86400e9), ("h", 3600e9), ("m", 60e9), ("s", 1e9), ("ms", 1e6), ("us", 1e3), ("ns", 1)]
        for (unit, scale) in units where ns != 0 && (ns / scale).rounded() == ns / scale && abs(ns / scale) < 1e15 {
            return String(Int64(ns / scale)) + unit
        }
        return ns == 0 ? "0s" : number(ns / 1e6) + "ms"
    }

    /// A number as a query literal: `250`, `0.25`.
    package static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}

extension NumberValue {
    /// This many of a field's unit (`scale` nanoseconds each) as nanoseconds, rounded once
    /// (`DurationScaling`).
    func nanoseconds(unit scale: Double) -> Double {
        switch self {
        case .integer(let i): return DurationScaling.nanoseconds(i, unit: UInt64(scale))
        case .double(let d): return DurationScaling.nanoseconds(d, unit: UInt64(scale))
        }
    }
}
