import LoupeJSON
import LoupeQuery

/// A query ready to run: what to extract, what to test, what to do with matches.
///
/// A program is immutable and shared by all workers; each worker makes its own
/// `RecordEvaluator` from it.
package struct Program: Sendable {
    /// Every path the query reads, deduplicated; slot `i` of the scanner holds `paths.paths[i]`.
    package var paths: PathSet
    /// The record filter: the query's filter and any `where` stages before the first
    /// row-producing stage.
    package var predicate: Predicate
    package var regexes: [CompiledRegex]
    /// The steps after each `[*]` of the filter's wildcard paths (`Predicate.anyElement`).
    package var elementPaths: [ElementPath] = []
    /// Values computed from each record after its scan, in order (`level()`, `lower(msg)`);
    /// each fills a slot of a placeholder path (see `Derivation`).
    package var derived: [DerivedSlot] = []
    /// Byte strings of which a record must contain at least one to possibly match, or nil when
    /// no such set is known (see `Prefilter`).
    package var needles: [[UInt8]]?
    /// Slots the filter tests, to highlight in colored output.
    package var testedSlots: [Int]
    /// What happens after the filter.
    package var plan: Plan
    /// Record-level stages the engine applies to lines (grep mode): sort keys and a limit.
    package var lineSort: [LineSortKey]
    package var lineLimit: Int?
    /// `--since`/`--until`, applied after the filter.
    package var timeFilter: TimeFilter?
    /// When more stages follow a record-level sort or limit (`* | sort ts desc | limit 20 |
    /// fields ts, msg`): what they compiled to, run over the lines this program selects, in
    /// their sorted order, as records of their own.
    package var then: Then?

    /// Holds the program of `then` (a struct cannot hold itself inline).
    package final class Then: Sendable {
        package let program: Program

        package init(_ program: Program) {
            self.program = program
        }
    }

    /// The shape of the result.
    package enum Plan: Sendable {
        /// Print matching records as they were.
        case lines
        /// Turn records into rows (count, stats, fields, distinct), then apply row stages.
        case rows(RowPlan)
        /// List every path with its types (`loupe fields`).
        case schema
    }

    /// The program of `loupe fields`: every valid record goes into a `FieldCatalog`.
    package static let schema = Program(
        paths: PathSet([]), predicate: .all, regexes: [], needles: nil, testedSlots: [], plan: .schema, lineSort: [], lineLimit: nil)

    /// A sort key over raw records: the slot of its path and the direction.
    package struct LineSortKey: Sendable {
        package var slot: Int
        package var descending: Bool
    }
}

extension Program {
    /// The order of `lineSort`, over each match's sort keys (`ChunkResult.sortKeys`).
    package var lineOrder: RowOrder {
        RowOrder(lineSort.indices.map { RowOrder.Key(index: $0, descending: lineSort[$0].descending) })
    }
}

extension Program {
    /// Whether the query's result is records (a filter, and sorts, limits and `where` over
    /// records), not a table of rows.
    package var printsRecords: Bool {
        guard case .lines = plan else { return false }
        return then?.program.printsRecords ?? true
    }
}

extension Program.Plan {
    var isSchema: Bool {
        if case .schema = self { return true }
        return false
    }
}
