import LoupeJSON
import LoupeQuery

/// Which field `level()`, `time()` and `message()` took their value from in each record, and
/// how many records had none: the rows `loupe fields` ends with, so a user sees what the
/// functions will read before querying with them.
package struct WellKnownPicks {
    /// The tally of one function.
    struct Tally {
        var name: String
        /// Records per candidate index (`Derivation.clefPick` for CLEF's implied level), in
        /// order of first appearance.
        var counts: [(pick: Int, records: Int)] = []
        var none = 0
        var example: RowValue?
    }

    private(set) var tallies = [Tally(name: "level()"), Tally(name: "time()"), Tally(name: "message()")]

    /// `* | fields level(), time(), message()`: the program whose evaluator finds the picks
    /// (its derived values are these three, in this order).
    package static let program: Program = {
        let functions: [PathFunction] = [.level, .time, .message]
        let columns = functions.map { Column(path: QueryPath([], range: SourceRange(0, 0), functions: [$0]), name: "\($0.rawValue)()") }
        // A constant query of known functions: it compiles.
        return try! Compiler.compile(Query(filter: .all(SourceRange(0, 0)), stages: [.fields(columns)]))
    }()

    /// Counts the record `evaluator` (running `program`) just evaluated.
    mutating func add(_ evaluator: RecordEvaluator, _ record: UnsafePointer<UInt8>) {
        guard case .rows(let plan) = evaluator.program.plan, case .project(let slots) = plan.source else { return }
        let base = evaluator.valueBase(record)
        for (i, pick) in evaluator.derivedPicks.enumerated() where i < tallies.count {
            guard pick != Derivation.noPick else {
                tallies[i].none += 1
                continue
            }
            if let at = tallies[i].counts.firstIndex(where: { $0.pick == pick }) {
                tallies[i].counts[at].records += 1
            } else {
                tallies[i].counts.append((pick, 1))
            }
            if tallies[i].example == nil { tallies[i].example = RowValue(evaluator.scanner.slots[slots[i]], base) }
        }
    }

    /// No record was looked at (a catalog filled without `FieldCatalog.addWellKnown`).
    var isEmpty: Bool { tallies.allSatisfy { $0.none == 0 && $0.counts.isEmpty } }

    /// Folds in the picks of later input.
    mutating func merge(_ later: WellKnownPicks) {
        for i in tallies.indices {
            let theirs = later.tallies[i]
            tallies[i].none += theirs.none
            if tallies[i].example == nil { tallies[i].example = theirs.example }
            for (pick, records) in theirs.counts {
                if let at = tallies[i].counts.firstIndex(where: { $0.pick == pick }) {
                    tallies[i].counts[at].records += records
                } else {
                    tallies[i].counts.append((pick, records))
                }
            }
        }
    }

    /// One row per function in the catalog's columns: the function, the records it found a
    /// value in, the fields it took them from (most records first) and how many had none, an
    /// example value.
    func rows() -> [[RowValue]] {
        tallies.indices.map { i in
            let tally = tallies[i]
            let found = tally.counts.reduce(0) { $0 + $1.records }
            let sorted = tally.counts.sorted { $0.records > $1.records }
            var from = sorted.count == 1 ? "from " + Self.name(i, sorted[0].pick) : ""
            if sorted.count > 1 { from = "from " + sorted.map { "\(Self.name(i, $0.pick)) \($0.records)" }.joined(separator: ", ") }
            if tally.none > 0 { from += (from.isEmpty ? "" : "; ") + "none in \(tally.none)" }
            // As the fields' examples: JSON text, or a string once shortened; none is null.
            let example = tally.example.map { Self.example($0.jsonText) } ?? .null
            return [.string(tally.name), .number(NumberValue(found)), .string(from), example]
        }
    }

    /// The candidate field a pick stands for.
    static func name(_ function: Int, _ pick: Int) -> String {
        switch function {
        case 0: return pick == Derivation.clefPick ? "@t with @mt or @m (CLEF: info)" : WellKnownFields.level[pick].path
        case 1: return WellKnownFields.time[pick].path
        default: return WellKnownFields.message[pick]
        }
    }

    private static func example(_ text: String) -> RowValue {
        text.count > FieldCatalog.exampleLength ? .string(String(text.prefix(FieldCatalog.exampleLength - 1)) + "…") : .json(text)
    }
}
