import LoupeEngine
import LoupeQuery

/// `level()`: the candidate fields and level table of `WellKnownFields` and `LogLevel`, read
/// the way loupe's evaluator reads them (names in any case, numbers by each field's numbering,
/// CLEF's implied info).
extension SQLTranslator {
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
}
