import Dispatch
import LoupeJSON

/// Groups and their aggregates, in order of first appearance.
///
/// Each worker fills its own table for a part of the input; tables are merged in input order,
/// so group order and every result are the same for any number of threads. Memory grows with
/// the number of groups (and the values exact percentiles hold), not with the input.
package final class GroupTable {
    let aggregates: [AggregateSpec]
    let approximate: Bool
    /// The distinct argument slots of numeric aggregates, and for each whether values are kept.
    private let numericSlots: [Int]
    private let keepsValues: [Bool]
    /// The distinct argument slots of `distinct(...)` aggregates.
    private let distinctSlots: [Int]
    private var table = ByteKeyTable()
    package private(set) var counts: [Int] = []
    private var columns: [[NumericColumn]] = []
    /// `columns` again, flat (group * numericSlots.count + i) and without reference counting:
    /// `columns` owns the objects, and a retain and release per record cost more than the add.
    private var columnRefs: [Unmanaged<NumericColumn>] = []
    private var distincts: [[DistinctCounter]] = []

    package init(aggregates: [AggregateSpec], approximate: Bool) {
        self.aggregates = aggregates
        self.approximate = approximate
        var numeric: [Int] = []
        var keeps: [Bool] = []
        var distinct: [Int] = []
        for spec in aggregates {
            guard let slot = spec.slot else { continue }
            switch spec.function {
            case .count: break
            case .distinct:
                if !distinct.contains(slot) { distinct.append(slot) }
            case .sum, .avg, .min, .max, .percentile:
                let isPercentile: Bool
                if case .percentile = spec.function { isPercentile = true } else { isPercentile = false }
                if let i = numeric.firstIndex(of: slot) {
                    keeps[i] = keeps[i] || isPercentile
                } else {
                    numeric.append(slot)
                    keeps.append(isPercentile)
                }
            }
        }
        numericSlots = numeric
        keepsValues = keeps
        distinctSlots = distinct
    }

    package var groupCount: Int { table.count }

    /// The group for an encoded key, created on first sight.
    @inline(__always)
    package func group(for key: UnsafeRawBufferPointer) -> Int {
        var inserted = false
        let g = table.group(for: key, inserted: &inserted)
        if inserted {
            counts.append(0)
            let made = keepsValues.map { NumericColumn(keepsValues: $0, approximate: approximate) }
            columns.append(made)
            columnRefs += made.map(Unmanaged.passUnretained)
            distincts.append(distinctSlots.map { _ in DistinctCounter() })
        }
        return g
    }

    /// The group for an encoded key given as an array.
    package func group(for key: [UInt8]) -> Int {
        key.withUnsafeBytes { group(for: $0) }
    }

    /// Adds one record to group `g`; `slots` are the scanner's values for the record.
    @inline(__always)
    package func add(to g: Int, _ slots: UnsafeBufferPointer<ValueSlot>, _ base: UnsafePointer<UInt8>) {
        counts[g] += 1
        let width = numericSlots.count
        for i in 0..<width {
            columnRefs[g * width + i]._withUnsafeGuaranteedRef { $0.add(slots[numericSlots[i]], base) }
        }
        for (i, slot) in distinctSlots.enumerated() { distincts[g][i].add(slots[slot], base) }
    }

    /// Folds a table built from later input into this one.
    package func merge(_ later: GroupTable) {
        for og in 0..<later.groupCount {
            var inserted = false
            let g = Array(later.table.key(og)).withUnsafeBytes { table.group(for: $0, inserted: &inserted) }
            if inserted {
                counts.append(later.counts[og])
                columns.append(later.columns[og])
                columnRefs += later.columns[og].map(Unmanaged.passUnretained)
                distincts.append(later.distincts[og])
            } else {
                counts[g] += later.counts[og]
                for (mine, theirs) in zip(columns[g], later.columns[og]) { mine.merge(theirs) }
                for (mine, theirs) in zip(distincts[g], later.distincts[og]) { mine.merge(theirs) }
            }
        }
    }

    /// The rows: key values then aggregate results, in first-appearance order.
    package func rows() -> [[RowValue]] {
        // Exact percentiles are the costly part: compute them for all columns in parallel.
        let percents = aggregates.compactMap { spec -> Double? in
            if case .percentile(let p) = spec.function { return p }
            return nil
        }
        let holding = columns.joined().filter { $0.values != nil }
        if !percents.isEmpty, !holding.isEmpty {
            let shared = UncheckedColumns(holding)
            DispatchQueue.concurrentPerform(iterations: holding.count) { i in
                for p in percents { shared.columns[i].computePercentile(p) }
            }
        }
        return (0..<groupCount).map { g in
            var row = GroupKeyEncoding.decode(Array(table.key(g)))
            for spec in aggregates {
                switch spec.function {
                case .count:
                    row.append(.number(NumberValue(counts[g])))
                case .distinct:
                    row.append(distincts[g][distinctSlots.firstIndex(of: spec.slot!)!].result)
                default:
                    row.append(columns[g][numericSlots.firstIndex(of: spec.slot!)!].result(spec.function))
                }
            }
            return row
        }
    }

    /// Values each aggregate left out, summed over groups (zero for count and distinct).
    package func leftOut() -> [LeftOutCount] {
        aggregates.map { spec in
            // distinct(x) shares no column with avg(x) and leaves nothing out.
            guard let slot = spec.slot, spec.function != .distinct, let i = numericSlots.firstIndex(of: slot) else { return LeftOutCount() }
            return columns.reduce(LeftOutCount()) { $0 + $1[i].leftOut }
        }
    }
}

/// A group key's bytes, hashed in one call rather than byte by byte.
struct EncodedKey: Hashable {
    var bytes: [UInt8]

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

/// Columns handed to parallel percentile work: each column is touched by exactly one thread.
private struct UncheckedColumns: @unchecked Sendable {
    let columns: [NumericColumn]

    init(_ columns: [NumericColumn]) {
        self.columns = columns
    }
}
