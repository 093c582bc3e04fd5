import LoupeJSON

/// Groups and their accumulators, in order of first appearance.
///
/// Each worker fills its own table for a part of the input; tables are merged in input order,
/// so group order and every result are the same for any number of threads. Memory grows with
/// the number of groups (and the values exact percentiles hold), not with the input.
package final class GroupTable {
    let aggregates: [AggregateSpec]
    let approximate: Bool
    private var index: [EncodedKey: Int] = [:]
    package private(set) var keys: [[UInt8]] = []
    package private(set) var counts: [Int] = []
    /// Per group, one accumulator per aggregate (nil for `count()`, which `counts` answers).
    private var accumulators: [[(any Accumulator)?]] = []

    package init(aggregates: [AggregateSpec], approximate: Bool) {
        self.aggregates = aggregates
        self.approximate = approximate
    }

    package var groupCount: Int { keys.count }

    /// The group for an encoded key, created on first sight.
    @inline(__always)
    package func group(for key: [UInt8]) -> Int {
        if let g = index[EncodedKey(bytes: key)] { return g }
        let g = keys.count
        index[EncodedKey(bytes: key)] = g
        keys.append(key)
        counts.append(0)
        accumulators.append(aggregates.map(makeAccumulator))
        return g
    }

    /// Adds one record to group `g`; `slots` are the scanner's values for the record.
    @inline(__always)
    package func add(to g: Int, _ slots: UnsafeBufferPointer<ValueSlot>, _ base: UnsafePointer<UInt8>) {
        counts[g] += 1
        for (a, accumulator) in accumulators[g].enumerated() {
            guard let accumulator, let slot = aggregates[a].slot else { continue }
            accumulator.add(slots[slot], base)
        }
    }

    /// Folds a table built from later input into this one.
    package func merge(_ other: GroupTable) {
        for (og, key) in other.keys.enumerated() {
            if let g = index[EncodedKey(bytes: key)] {
                counts[g] += other.counts[og]
                for (a, accumulator) in accumulators[g].enumerated() {
                    if let accumulator, let theirs = other.accumulators[og][a] { accumulator.merge(theirs) }
                }
            } else {
                index[EncodedKey(bytes: key)] = keys.count
                keys.append(key)
                counts.append(other.counts[og])
                accumulators.append(other.accumulators[og])
            }
        }
    }

    /// The rows: key values then aggregate results, in first-appearance order.
    package func rows() -> [[RowValue]] {
        keys.indices.map { g in
            var row = GroupKeyEncoding.decode(keys[g])
            for (a, spec) in aggregates.enumerated() {
                if spec.function == .count {
                    row.append(.number(Double(counts[g])))
                } else {
                    row.append(accumulators[g][a]?.result() ?? .null)
                }
            }
            return row
        }
    }

    /// Values each aggregate left out, summed over groups.
    package func leftOut() -> [LeftOutCount] {
        aggregates.indices.map { a in
            accumulators.reduce(LeftOutCount()) { total, group in total + (group[a]?.leftOut ?? LeftOutCount()) }
        }
    }

    private func makeAccumulator(_ spec: AggregateSpec) -> (any Accumulator)? {
        switch spec.function {
        case .count: return nil
        case .sum: return SumAccumulator()
        case .avg: return AverageAccumulator()
        case .min: return ExtremumAccumulator(isMax: false)
        case .max: return ExtremumAccumulator(isMax: true)
        case .distinct: return DistinctAccumulator()
        case .percentile(let p):
            return approximate ? SketchPercentileAccumulator(percent: p) : PercentileAccumulator(percent: p)
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
