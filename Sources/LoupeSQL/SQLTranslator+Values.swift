import LoupeEngine
import LoupeJSON
import LoupeQuery

/// Values: a path (or a function standing for one) to the JSON text of its value in a record
/// or row, and the typed views of that text the predicates and aggregates read.
extension SQLTranslator {
    /// The JSON text of the value `path` names in `relation`; SQL NULL when missing. Paths with
    /// `[*]` name many values: the predicates read them (`anyElement`); anywhere else they are
    /// refused, as loupe refuses them.
    func raw(_ path: QueryPath, in relation: Relation) throws -> String {
        if case .rows(let columns) = relation.shape {
            return try rowValue(path, columns)
        }
        guard let function = path.function else {
            if path.hasWildcard { throw TranslationError("[*] names many values; only a test can take it", at: path.range) }
            return lookup(path.components, in: SQLDialect.lineColumn)
        }
        switch function {
        case .message:
            // The first candidate that holds a string.
            let cases = WellKnownFields.message.map { candidate -> String in
                let value = lookup(dotted(candidate), in: SQLDialect.lineColumn)
                return "WHEN \(dialect.isString(value)) THEN \(value)"
            }
            return "(CASE \(cases.joined(separator: " ")) END)"
        case .level:
            let rank = try levelRank(path, in: relation)
            return "(CASE \(rank) \(LogLevel.allCases.map { "WHEN \($0.rawValue) THEN '\"\($0.name)\"'" }.joined(separator: " ")) END)"
        case .time:
            return timeText(try timeNanos(path, in: relation), fractionDigits: 9)
        case .lower, .upper:
            let inner = try raw(path.argument, in: relation)
            let text = dialect.stringValue(inner)
            let mapped = function == .lower ? dialect.lower(text) : dialect.upper(text)
            // A value that is no string passes through unchanged, as in loupe.
            return "(CASE WHEN \(dialect.isString(inner)) THEN \(dialect.jsonString(mapped)) ELSE \(inner) END)"
        }
    }

    /// A path over result rows: a function names its column as written (`level()`); a plain
    /// path starts at a column (`service.name` is the column of that name or a key inside one).
    private func rowValue(_ path: QueryPath, _ columns: [SQLColumn]) throws -> String {
        if !path.functions.isEmpty {
            guard let i = columns.firstIndex(where: { $0.name == path.description }) else { return "NULL" }
            return Relation.column(i)
        }
        var found: [String] = []
        for reading in readings(path.components) {
            guard case .key(let first) = reading.first, let i = columns.firstIndex(where: { $0.name == first }) else { continue }
            found.append(dialect.extract(Relation.column(i), Array(reading.dropFirst())))
        }
        // A name no column has is a missing field, as loupe reads a row as a record.
        if found.isEmpty { return "NULL" }
        return found.count == 1 ? found[0] : "coalesce(\(found.joined(separator: ", ")))"
    }

    /// The value at `components` in the JSON text `json`: the first reading of the path that is
    /// present, nested readings first (`a.b` is `a`→`b`, then the key `"a.b"`), as the
    /// scanner's `PathSet` orders them.
    func lookup(_ components: [QueryPath.Component], in json: String) -> String {
        let all = readings(components).map { dialect.extract(json, $0) }
        return all.count == 1 ? all[0] : "coalesce(\(all.joined(separator: ", ")))"
    }

    /// Every reading of a path without `[*]`, as `PathSet.readings` lists them.
    func readings(_ components: [QueryPath.Component]) -> [[JSONStep]] {
        let field = FieldPath(
            components.compactMap { component -> FieldPath.Component? in
                switch component {
                case .key(let name, let dotted): return .key(name, dotted: dotted)
                case .index(let i): return .index(i)
                case .anyElement: return nil
                }
            })
        return PathSet.readings(of: field.components).map { edges in
            edges.map { edge in
                switch edge {
                case .key(let bytes): return .key(String(decoding: bytes, as: UTF8.self))
                case .index(let i): return .index(i)
                }
            }
        }
    }

    /// A well-known candidate's dotted name as path components.
    func dotted(_ name: String) -> [QueryPath.Component] {
        name.split(separator: ".", omittingEmptySubsequences: false).map { .key(String($0), dotted: true) }
    }

    // MARK: Typed views of JSON text

    /// JSON number grammar (RFC 8259), which loupe requires of a numeric string.
    static let jsonNumber = "-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?"

    /// The number text of a value: a JSON number, or a string whose decoded text is one
    /// (`"503"`); NULL otherwise. Comparisons and aggregates read numbers through this.
    func numberText(_ raw: String) -> String {
        let text = dialect.stringValue(raw)
        return
            "(CASE WHEN \(dialect.isNumber(raw)) THEN \(raw) WHEN \(dialect.isString(raw)) AND \(dialect.fullMatch(text, Self.jsonNumber)) THEN \(text) END)"
    }

    /// Whether number text is a whole number loupe keeps exact (integer text in Int64's range,
    /// or a whole value up to 2^53, which loupe also reads as an integer).
    func isWhole(_ number: String) -> String {
        let x = dialect.double(number)
        return "(\(dialect.int64(number)) IS NOT NULL OR (\(x) = round(\(x)) AND abs(\(x)) <= 9007199254740992))"
    }

    /// A whole number text as an exact 64-bit integer.
    func wholeValue(_ number: String) -> String {
        "coalesce(\(dialect.int64(number)), \(dialect.roundedInt64(dialect.double(number))))"
    }

    /// The order of types in `sort`: null < booleans < numbers < strings < objects and arrays.
    func typeRank(_ raw: String) -> String {
        "(CASE WHEN \(raw) IS NULL OR \(raw) = 'null' THEN 0 WHEN \(raw) IN ('true', 'false') THEN 1 WHEN \(dialect.isNumber(raw)) THEN 2 WHEN \(dialect.isString(raw)) THEN 3 ELSE 4 END)"
    }

    /// Sort expressions for a value in loupe's order (`RowValue.order`), each with the direction.
    func sortKeys(_ raw: String, descending: Bool) -> [String] {
        let direction = descending ? " DESC" : " ASC"
        let number = "(CASE WHEN \(dialect.isNumber(raw)) THEN \(dialect.double(raw)) END)"
        let string = "(CASE WHEN \(dialect.isString(raw)) THEN \(dialect.stringValue(raw)) END)"
        let nulls = dialect == .duckdb ? " NULLS FIRST" : " NULLS FIRST"
        return [typeRank(raw), "(\(raw) = 'true')", number, string, raw].map { $0 + direction + nulls }
    }

    /// A canonical group key of a value: equal loupe values give equal keys (`"a"` and
    /// `"\u0061"`, `1` and `1.0`), missing and null are one NULL group (`GroupKeyEncoding`).
    func groupKey(_ raw: String) -> String {
        let number = raw
        return
            "(CASE WHEN \(raw) IS NULL OR \(raw) = 'null' THEN NULL WHEN \(dialect.isString(raw)) THEN 's' || \(dialect.stringValue(raw)) WHEN \(dialect.isNumber(raw)) THEN (CASE WHEN \(isWhole(number)) THEN 'i' || \(dialect.integerText(wholeValue(number))) ELSE 'd' || \(dialect.doubleText(dialect.double(number))) END) ELSE 'j' || \(raw) END)"
    }

    // MARK: Durations and time

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
        if let scale = durationScales[path.description] { return scale }
        guard case .key(let last, _)? = path.components.last(where: { if case .key = $0 { return true } else { return false } }) else {
            return nil
        }
        return DurationText.unitScale(forFieldName: last)
    }

    /// Nanoseconds of a string holding a duration (`"563ms"`, `"1.5s"`); NULL otherwise.
    func durationText(_ text: String) -> String {
        let pattern = "^(-?[0-9.]+)(ns|us|µs|ms|s|m|h|d)$"
        let number = dialect.capture(text, pattern, group: 1)
        let unit = dialect.capture(text, pattern, group: 2)
        let scales = Lexer.durationUnits.sorted { $0.key < $1.key }.map { "WHEN \(dialect.literal($0.key)) THEN \(Self.number($0.value))" }
        return "(\(dialect.double(number)) * (CASE \(unit) \(scales.joined(separator: " ")) END))"
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

    // MARK: Levels

    /// The level of `level()` as its rank (trace 0 ... fatal 5): the first candidate that names
    /// or numbers a level, by the table and numberings of `LogLevel`; info for a CLEF record.
    func levelRank(_ path: QueryPath, in relation: Relation) throws -> String {
        guard case .records = relation.shape else {
            throw TranslationError("after count or stats, level() is a column of names; compare it with == or in", at: path.range)
        }
        var cases: [String] = []
        for candidate in WellKnownFields.level {
            let value = lookup(dotted(candidate.path), in: SQLDialect.lineColumn)
            let text = dialect.stringValue(value)
            var fromText = levelOfName(text)
            if candidate.numbering != .none {
                fromText = "coalesce(\(fromText), \(levelOfNumber(dialect.int64(text), candidate.numbering)))"
            }
            let number = "(CASE WHEN \(dialect.isNumber(value)) AND \(isWhole(value)) THEN \(wholeValue(value)) END)"
            cases.append("(CASE WHEN \(dialect.isString(value)) THEN \(fromText) ELSE \(levelOfNumber(number, candidate.numbering)) END)")
        }
        let present = { (name: String) in "\(lookup(dotted(name), in: SQLDialect.lineColumn)) IS NOT NULL" }
        let clef =
            "(CASE WHEN \(present(WellKnownFields.clefTime)) AND (\(WellKnownFields.clefMessages.map(present).joined(separator: " OR "))) THEN \(LogLevel.info.rawValue) END)"
        return "coalesce(\(cases.joined(separator: ", ")), \(clef))"
    }

    /// The rank of a level name in any ASCII case (`DEBUG5` is debug); NULL for no name.
    private func levelOfName(_ text: String) -> String {
        let table = LogLevel.names.sorted { $0.key < $1.key }
        return dialect.lookup(dialect.withoutVerbosity(dialect.lower(text)), table.map(\.key), table.map { Int64($0.value.rawValue) })
    }

    /// The rank of a whole number read with a field's numbering (`LogLevel.numbered`).
    private func levelOfNumber(_ n: String, _ numbering: LogLevel.Numbering) -> String {
        switch numbering {
        case .none:
            return "NULL"
        case .logger:
            return
                "(CASE WHEN \(n) BETWEEN 0 AND 4 THEN \(n) + 1 WHEN \(n) BETWEEN 10 AND 69 THEN least(\(dialect.intDiv(n, "10")), 6) - 1 WHEN \(n) BETWEEN 100 AND 199 THEN 1 WHEN \(n) BETWEEN 200 AND 299 THEN 2 WHEN \(n) BETWEEN 300 AND 399 THEN 3 WHEN \(n) BETWEEN 400 AND 499 THEN 4 WHEN \(n) BETWEEN 500 AND 699 THEN 5 END)"
        case .syslog:
            return
                "(CASE WHEN \(n) BETWEEN 0 AND 2 THEN 5 WHEN \(n) = 3 THEN 4 WHEN \(n) = 4 THEN 3 WHEN \(n) BETWEEN 5 AND 6 THEN 2 WHEN \(n) = 7 THEN 1 END)"
        case .openTelemetry:
            return "(CASE WHEN \(n) BETWEEN 1 AND 24 THEN \(dialect.intDiv("(\(n) - 1)", "4")) END)"
        case .python:
            return "(CASE WHEN \(n) BETWEEN 1 AND 9 THEN 0 WHEN \(n) BETWEEN 10 AND 59 THEN \(dialect.intDiv(n, "10")) END)"
        }
    }

    /// A double as an SQL number literal.
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }
}
