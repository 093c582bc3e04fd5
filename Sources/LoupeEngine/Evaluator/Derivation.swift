import LoupeJSON
import LoupeQuery

/// A value the evaluator computes from a record's extracted values, rather than finds at a
/// path: the well-known fields and the case mappings. The compiler gives each one a slot (of a
/// placeholder path that no record holds) after the slots it reads, so whatever reads slots
/// (comparisons, group keys, aggregates, `fields`, `sort`) reads these alike.
package enum Derivation: Sendable {
    /// `message()`: the first candidate that holds a string; the value as the record has it.
    case message(candidates: [Int])
    /// `level()`: the normalised name (`warn`), a string.
    case levelName(LevelSources)
    /// The level's rank (0 trace ... 5 fatal), a number: what `level() >= "warn"` compares.
    case levelRank(LevelSources)
    /// `time()`: the first candidate that reads as a time, as RFC 3339 in UTC with nine
    /// fraction digits (so that the texts sort in time order and read back exactly).
    case time(candidates: [TimeSource])
    /// `lower(path)`, `upper(path)`: a string in one case (other values as they are).
    case lower(source: Int)
    case upper(source: Int)
    /// An `eval`'d field or a computed aggregate argument. A duration is written as a number
    /// of nanoseconds where the value is known to be one (`known == .duration`: its column has
    /// that unit), else as duration text (`"1500ms"`), which later stages read as a duration.
    case compute(Computation, known: ValueKind?)
    /// `count(EXPR)`: 1 where the test holds, else 0, summed by the aggregate.
    case test(Predicate)
    /// `parse PATH with /re/`: matches the string in `source` with `regexes[regex]`; the groups
    /// land in `DerivedStorage.captures[capture]` for the `.group` values after it. Its own
    /// slot stays missing.
    case match(source: Int, regex: Int, capture: Int, groups: Int)
    /// A named group of the `.match` whose captures are `captures[capture]`: the text it
    /// matched, or missing.
    case group(capture: Int, number: Int)

    /// The candidate index of a value none of the candidates had.
    package static let noPick = -1
    /// The "candidate" of the level Serilog's CLEF implies by leaving `@l` out.
    package static let clefPick = -2

    /// True when the value is new text, written after the record (see `DerivedStorage`).
    var writesBytes: Bool {
        if case .message = self { return false }
        return true
    }
}

/// The slots `level()` reads, with how each writes numbers, and the CLEF rule's slots.
package struct LevelSources: Sendable {
    package var candidates: [(slot: Int, numbering: LogLevel.Numbering)]
    /// `@t`, and `@mt` or `@m`: a record with these and no level is at info (Serilog CLEF).
    package var clefTime: Int
    package var clefMessages: [Int]
}

/// A slot `time()` reads and how.
package struct TimeSource: Sendable {
    package var slot: Int
    package var reading: WellKnownFields.TimeReading
    package var epochs: Timestamp.EpochRule
}

/// A derived value and the slot it fills.
package struct DerivedSlot: Sendable {
    package var slot: Int
    package var derivation: Derivation
}
