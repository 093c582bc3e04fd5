import LoupeEngine
import LoupeJSON
import LoupeQuery

/// Durations and times: a field's unit from its name, duration strings, timestamps as RFC 3339
/// text or epoch numbers told apart by magnitude (`Timestamp`), and times shown as loupe shows
/// them. All in integer nanoseconds, so buckets fall where loupe's do.
extension SQLTranslator {
    /// Nanoseconds per unit of a path's numbers: a known duration field, else its last key's
    /// name (`duration_ms`); nil when the name says no unit.
    func durationScale(_ path: QueryPath, in relation: Relation) -> Double? {
        if case .rows(let columns) = relation.shape {
            // A column of rows keeps the unit it had (`stats p95(duration) as p | where p > 50ms`).
            let name = path.description
            if let column = columns.first(where: { $0.name == name }) { return column.scale }
            if case .key(let first, _)? = path.components.first, let column = columns.first(where: { $0.name == first }),
                path.components.count == 1
            {
                return column.scale
            }
        }
        guard path.functions.isEmpty else { return nil }
        if path.components.count == 1, case .key(let name, _) = path.components[0], let computed = evalColumns[name] {
            return computed.scale
        }
        if let scale = durationScales[path.description] { return scale }
        guard case .key(let last, _)? = path.components.last(where: { if case .key = $0 { return true } else { return false } }) else {
            return nil
        }
        return DurationText.unitScale(forFieldName: last)
    }

    /// Nanoseconds of a string holding a duration (`"563ms"`, `"1.5s"`); NULL otherwise.
    func durationText(_ text: String) -> String {
        let (number, unit) = durationTextParts(text)
        return "(\(dialect.double(number)) * \(unit))"
    }

    /// A string holding a duration compared with `nanoseconds`, in the string's unit (see
    /// `compare`'s duration case); NULL when it holds none.
    func durationText(_ text: String, _ sqlOp: String, nanoseconds: Double) -> String {
        let (number, unit) = durationTextParts(text)
        return "(\(dialect.double(number)) \(sqlOp) \(Self.number(nanoseconds)) / \(unit))"
    }

    /// The number of a duration string, and its unit in nanoseconds (an integer; `/` divides
    /// as doubles in both dialects).
    private func durationTextParts(_ text: String) -> (number: String, unit: String) {
        let pattern = "^(-?[0-9.]+)(ns|us|µs|ms|s|m|h|d)$"
        let number = dialect.capture(text, pattern, group: 1)
        let unit = dialect.capture(text, pattern, group: 2)
        let scales = Lexer.durationUnits.sorted { $0.key < $1.key }.map { "WHEN \(dialect.literal($0.key)) THEN \(Self.number($0.value))" }
        return (number, "(CASE \(unit) \(scales.joined(separator: " ")) END)")
    }

    /// Nanoseconds since the epoch of a value at a path read as a timestamp: an RFC 3339 (or
    /// ISO 8601) text, or an epoch number (or numeric string) in s, ms, us or ns told apart by
    /// magnitude. `guessed`: a well-known candidate, where numbers before 1973 are no time.
    func timestamp(_ raw: String, guessed: Bool) -> String {
        let name = names.next("t")
        return dialect.bind(raw, as: name, in: timestampOfBound(name, guessed: guessed))
    }

    private func timestampOfBound(_ raw: String, guessed: Bool) -> String {
        let number = numberText(raw)
        let epoch = epochNanos(number)
        let text = "(CASE WHEN \(dialect.isString(raw)) THEN \(dialect.stringValue(raw)) END)"
        let epochPart = guessed ? "(CASE WHEN \(epoch) >= 94694400000000000 THEN \(epoch) END)" : epoch
        return "coalesce(\(epochPart), \(isoNanos(text)))"
    }

    /// An epoch number text in nanoseconds, by magnitude (`Timestamp.fromEpoch`), exactly.
    func epochNanos(_ text: String) -> String {
        let number = names.next("n")
        let x = "abs(\(dialect.double(number)))"
        return dialect.bind(text, as: number, in: epochBody(number, x))
    }

    private func epochBody(_ number: String, _ x: String) -> String {
        "(CASE WHEN \(x) < 1e11 THEN \(dialect.scaledDecimal(number, 1_000_000_000)) WHEN \(x) < 1e14 THEN \(dialect.scaledDecimal(number, 1_000_000)) WHEN \(x) < 1e17 THEN \(dialect.scaledDecimal(number, 1000)) WHEN \(x) < 9.2e18 THEN \(dialect.scaledDecimal(number, 1)) END)"
    }

    /// RFC 3339 / ISO 8601 text in nanoseconds: `T` or a space, a fraction after `.` or `,`,
    /// `Z`, an offset or none (UTC). NULL for other text.
    func isoNanos(_ text: String) -> String {
        let pattern =
            "^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?(?:[.,]([0-9]+))?)? ?(Z|z|UTC|[+-][0-9]{2}:?[0-9]{2})?$"
        let groups = names.next("g")
        func part(_ i: Int) -> String { dialect.group(groups, i) }
        func integer(_ i: Int) -> String { "coalesce(\(dialect.int64("nullIf(\(part(i)), '')")), 0)" }
        let seconds = dialect.epochSeconds(
            year: integer(1), month: integer(2), day: integer(3), hour: integer(4), minute: integer(5), second: integer(6))
        let fraction = "coalesce(\(dialect.int64(dialect.pad(dialect.prefix(part(7), 9), 9, "0", left: false))), 0)"
        let zone = part(8)
        let sign = "(CASE WHEN \(dialect.prefix(zone, 1)) = '-' THEN -1 ELSE 1 END)"
        let digits = "replace(\(zone), ':', '')"
        let offset =
            "(CASE WHEN \(zone) IN ('', 'Z', 'z', 'UTC') THEN 0 ELSE \(sign) * (\(dialect.int64("substring(\(digits), 2, 2)")) * 60 + \(dialect.int64("substring(\(digits), 4, 2)"))) END)"
        let body = "(CASE WHEN \(part(1)) <> '' THEN \(seconds) * 1000000000 + \(fraction) - \(offset) * 60000000000 END)"
        return dialect.bind(dialect.groups(text, pattern, count: 8), as: groups, in: body)
    }

    /// The timestamp of `time()` (the first candidate that holds one) or of a path.
    func timeNanos(_ path: QueryPath, in relation: Relation) throws -> String {
        if path.function == .time, case .records = relation.shape {
            let candidates = WellKnownFields.time.filter { $0.reading == .value && !$0.path.hasPrefix("_prefix") }
            return
                "coalesce(\(candidates.map { timestamp(lookup(dotted($0.path), in: SQLDialect.lineColumn), guessed: true) }.joined(separator: ", ")))"
        }
        return timestamp(try raw(path, in: relation), guessed: false)
    }

    /// Nanoseconds as loupe shows a time: JSON text of RFC 3339 in UTC with `fractionDigits`.
    func timeText(_ value: String, fractionDigits: Int) -> String {
        let nanos = names.next("ns")
        return dialect.bind(value, as: nanos, in: timeTextOfBound(nanos, fractionDigits: fractionDigits))
    }

    private func timeTextOfBound(_ nanos: String, fractionDigits: Int) -> String {
        let fraction = "(((\(nanos) % 1000000000) + 1000000000) % 1000000000)"
        let seconds = dialect.intDiv("(\(nanos) - \(fraction))", "1000000000")
        var text = dialect.civilText(seconds: seconds)
        if fractionDigits > 0 {
            text += " || '.' || " + dialect.prefix(dialect.pad(dialect.integerText(fraction), 9, "0", left: true), fractionDigits)
        }
        return "(CASE WHEN \(nanos) IS NOT NULL THEN '\"' || \(text) || 'Z\"' END)"
    }
}
