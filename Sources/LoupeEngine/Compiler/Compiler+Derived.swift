import LoupeJSON
import LoupeQuery

/// Compiling the functions that stand for a path (`level()`, `time()`, `message()`,
/// `lower(path)`, `upper(path)`): the candidate paths join the scanner's one pass, and the
/// value gets a slot of its own that the evaluator fills (see `Derivation`).
extension Compiler {
    /// The slot of a function's value, compiled once per distinct function and argument.
    mutating func derivedSlot(for path: QueryPath) -> Int {
        let key = QueryPath(path.components, range: SourceRange(0, 0), functions: path.functions)
        if let existing = slotOfDerived[key] { return existing }
        let derivation: Derivation
        switch path.function! {
        case .message:
            derivation = .message(candidates: WellKnownFields.message.map { slot(forDotted: $0) })
        case .level:
            derivation = .levelName(levelSources())
        case .time:
            derivation = .time(candidates: timeSources())
        case .lower:
            derivation = .lower(source: slot(for: path.argument))
        case .upper:
            derivation = .upper(source: slot(for: path.argument))
        }
        return addDerived(derivation, key: key)
    }

    /// The slot of `level()`'s rank (0 trace ... 5 fatal), for comparisons with level names.
    mutating func levelRankSlot(for path: QueryPath) -> Int {
        let key = QueryPath([.key("rank", dotted: false)], range: SourceRange(0, 0), functions: path.functions)
        if let existing = slotOfDerived[key] { return existing }
        return addDerived(.levelRank(levelSources()), key: key)
    }

    /// A comparison of `level()` with level names (`op` nil: `in [...]`), or nil for any
    /// other comparison (`level() == null` compares the value as it is). Over records the
    /// levels' order decides (`level() >= "warning"` is warn, error and fatal); over rows,
    /// where `level()` is a column of names, the name as normalised is compared, and only for
    /// equality. A name that is no level is an error.
    mutating func levelComparison(
        _ path: QueryPath, _ op: Expression.ComparisonOperator?, _ literals: [Literal], range: SourceRange
    ) throws(QueryError) -> Predicate? {
        guard path.functions == [.level], literals.contains(where: { if case .string = $0 { true } else { false } }) else { return nil }
        var levels: [LogLevel] = []
        for literal in literals {
            guard case .string(let name) = literal else { continue }
            guard let level = LogLevel.named(name) else {
                let names = LogLevel.allCases.map(\.name).joined(separator: ", ")
                // The caret under the string: the comparison ends with it, quotes included.
                let at = literals.count == 1 ? SourceRange(max(range.start, range.end - name.utf8.count - 2), range.end) : range
                throw QueryError(
                    "unknown level \"\(name)\" (levels: \(names); names such as warning, err or critical are read as these)", at: at)
            }
            levels.append(level)
        }
        if functionsAreColumns {
            guard op == nil || op == .equal || op == .notEqual else {
                throw QueryError(
                    "after count or stats, level() is a column of names: compare it with == or !=, or order levels before (level() >= \"warn\" | count by level())",
                    at: range)
            }
            let slot = slot(for: path)
            let names = levels.map { Operand.string(Array($0.name.utf8)) }
            guard let op else { return .member(slot: slot, names) }
            return .compare(slot: slot, Self.comparison(op), names[0])
        }
        let slot = levelRankSlot(for: path)
        let ranks = levels.map { Operand.number(.integer(Int64($0.rawValue))) }
        guard let op else { return .member(slot: slot, ranks) }
        return .compare(slot: slot, Self.comparison(op), ranks[0])
    }

    /// A placeholder path no record holds: its slot is the derived value's, filled after the scan.
    private mutating func addDerived(_ derivation: Derivation, key: QueryPath) -> Int {
        let slot = slot(for: QueryPath([.key("\u{0}" + key.description, dotted: false)], range: SourceRange(0, 0)))
        slotOfDerived[key] = slot
        derived.append(DerivedSlot(slot: slot, derivation: derivation))
        return slot
    }

    private mutating func slot(forDotted path: String) -> Int {
        slot(
            for: QueryPath(
                FieldPath(dotted: path).components.map { component in
                    switch component {
                    case .key(let name, let dotted): return .key(name, dotted: dotted)
                    case .index(let i): return .index(i)
                    }
                }, range: SourceRange(0, 0)))
    }

    private mutating func levelSources() -> LevelSources {
        let candidates = WellKnownFields.level.map { (slot: slot(forDotted: $0.path), numbering: $0.numbering) }
        return LevelSources(
            candidates: candidates, clefTime: slot(forDotted: WellKnownFields.clefTime),
            clefMessages: WellKnownFields.clefMessages.map { slot(forDotted: $0) })
    }

    /// `--time-field`, read as the user names it (any epoch number); else the well-known
    /// candidates, which must look like a time to be taken for one.
    private mutating func timeSources() -> [TimeSource] {
        if let timeField {
            return [TimeSource(slot: slot(for: timeField), reading: .value, epochs: .any)]
        }
        return WellKnownFields.time.map { TimeSource(slot: slot(forDotted: $0.path), reading: $0.reading, epochs: .plausible) }
    }
}
