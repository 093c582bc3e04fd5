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
        if path.functions.isEmpty, path.components.count == 1, case .key(let name, _) = path.components[0],
            let computed = evalColumns[name]
        {
            return computed.column
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
        // Null first ascending, as loupe orders null before every other value.
        return [typeRank(raw), "(\(raw) = 'true')", number, string, raw].map { $0 + direction + " NULLS FIRST" }
    }

    /// A canonical group key of a value: equal loupe values give equal keys (`"a"` and
    /// `"\u0061"`, `1` and `1.0`), missing and null are one NULL group (`GroupKeyEncoding`).
    func groupKey(_ raw: String) -> String {
        "(CASE WHEN \(raw) IS NULL OR \(raw) = 'null' THEN NULL WHEN \(dialect.isString(raw)) THEN 's' || \(dialect.stringValue(raw)) WHEN \(dialect.isNumber(raw)) THEN (CASE WHEN \(isWhole(raw)) THEN 'i' || \(dialect.integerText(wholeValue(raw))) ELSE 'd' || \(dialect.doubleText(dialect.double(raw))) END) ELSE 'j' || \(raw) END)"
    }

    /// A double as an SQL number literal.
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }
}
