/// The dialects' time arithmetic and text helpers: civil times in UTC, epoch scaling, capture
/// groups and constant lookup tables (the level names).
extension SQLDialect {
    /// Integer division of integers (exact when `a` is a multiple of `b`, else toward zero).
    func intDiv(_ a: String, _ b: String) -> String {
        self == .duckdb ? "(\(a) // \(b))" : "intDiv(\(a), \(b))"
    }

    /// `text` padded on the left (or right) with `pad` to `width` characters.
    func pad(_ text: String, _ width: Int, _ pad: String, left: Bool) -> String {
        switch self {
        case .duckdb: return "\(left ? "lpad" : "rpad")(\(text), \(width), \(literal(pad)))"
        case .clickhouse: return "\(left ? "leftPad" : "rightPad")(\(text), \(width), \(literal(pad)))"
        }
    }

    /// The first `count` characters of `text`.
    func prefix(_ text: String, _ count: Int) -> String {
        "substring(\(text), 1, \(count))"
    }

    /// Seconds since the epoch of a UTC civil time whose parts are integer expressions.
    func epochSeconds(year: String, month: String, day: String, hour: String, minute: String, second: String) -> String {
        switch self {
        case .duckdb:
            return "CAST(epoch(TRY(make_timestamp(\(year), \(month), \(day), \(hour), \(minute), CAST(\(second) AS DOUBLE)))) AS BIGINT)"
        case .clickhouse:
            return
                "toInt64(toUnixTimestamp64Second(makeDateTime64(\(year), \(month), \(day), \(hour), \(minute), \(second), 0, 0, 'UTC')))"
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS` of whole seconds since the epoch, in UTC.
    func civilText(seconds: String) -> String {
        switch self {
        case .duckdb: return "strftime(make_timestamp(\(seconds) * 1000000), '%Y-%m-%dT%H:%M:%S')"
        case .clickhouse: return "formatDateTime(toDateTime64(\(seconds), 0, 'UTC'), '%Y-%m-%dT%H:%i:%S', 'UTC')"
        }
    }

    /// Number text as an exact decimal times `scale`, rounded to a 64-bit integer (epoch
    /// numbers to nanoseconds without a double's rounding).
    func scaledDecimal(_ text: String, _ scale: Int64) -> String {
        switch self {
        case .duckdb: return "CAST(round(TRY_CAST(\(text) AS DECIMAL(38, 9)) * \(scale)) AS BIGINT)"
        case .clickhouse: return "toInt64(round(toDecimal128OrNull(\(text), 9) * \(scale)))"
        }
    }
}

extension SQLDialect {
    /// The value paired with `key` in a small constant table; NULL when it has none.
    func lookup(_ key: String, _ keys: [String], _ values: [Int64]) -> String {
        let keyList = "[" + keys.map(literal).joined(separator: ", ") + "]"
        let valueList = "[" + values.map(String.init).joined(separator: ", ") + "]"
        switch self {
        case .duckdb: return "\(valueList)[list_position(\(keyList), \(key))]"
        case .clickhouse: return "nullIf(transform(\(key), \(keyList), \(valueList), -1), -1)"
        }
    }
}

extension SQLDialect {
    /// The capture groups of the RE2 `pattern` in `text`, matched once: a list of `count`
    /// texts, each '' where the group did not take part or the text does not match.
    func groups(_ text: String, _ pattern: String, count: Int) -> String {
        switch self {
        case .duckdb:
            let names = (1...count).map { "'g\($0)'" }.joined(separator: ", ")
            return "regexp_extract(coalesce(\(text), ''), \(literal(pattern)), [\(names)])"
        case .clickhouse:
            return "extractGroups(coalesce(\(text), ''), \(literal(pattern)))"
        }
    }

    /// The i-th (from 1) of `groups`' texts.
    func group(_ groups: String, _ i: Int) -> String {
        switch self {
        case .duckdb: return "\(groups).g\(i)"
        case .clickhouse: return "coalesce(\(groups)[\(i)], '')"
        }
    }
}
