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

    /// The rank a comparison of `level()` with a name compares with: nil when the comparison
    /// is not one of `level()` with a string (`level() == null` compares the name as it is).
    func levelRank(_ path: QueryPath, _ literal: Literal, range: SourceRange) throws(QueryError) -> Int64? {
        guard path.functions == [.level], !functionsAreColumns, case .string(let name) = literal else { return nil }
        guard let level = LogLevel.named(name) else {
            let names = LogLevel.allCases.map(\.name).joined(separator: ", ")
            throw QueryError(
                "unknown level \"\(name)\" (levels: \(names); names such as warning, err or critical are read as these)", at: range)
        }
        return Int64(level.rawValue)
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
