import LoupeJSON

/// A mergeable aggregate over the values of one group: add values, merge another partial
/// result of the same kind (in input order), read the result.
///
/// Merging partials produced from consecutive parts of the input gives the same result as one
/// pass over all of it, so the answer never depends on the number of threads.
package protocol Accumulator: AnyObject {
    func add(_ value: ValueSlot, _ base: UnsafePointer<UInt8>)
    func merge(_ other: any Accumulator)
    func result() -> RowValue
    /// Values left out because they were missing or not numbers (numeric aggregates only).
    var leftOut: LeftOutCount { get }
}

/// How many values an aggregate left out, by reason.
package struct LeftOutCount: Sendable, Equatable {
    package var missing = 0
    package var notNumber = 0

    package static func + (a: LeftOutCount, b: LeftOutCount) -> LeftOutCount {
        LeftOutCount(missing: a.missing + b.missing, notNumber: a.notNumber + b.notNumber)
    }
}

/// Shared handling of numeric aggregates: JSON numbers are used, everything else is counted.
package class NumericAccumulator {
    package var leftOut = LeftOutCount()

    @inline(__always)
    final func number(_ value: ValueSlot, _ base: UnsafePointer<UInt8>) -> Double? {
        switch value.kind {
        case .number: return JSONNumber.parse(base + value.start, base + value.end)
        case .missing, .null:
            leftOut.missing += 1
            return nil
        default:
            leftOut.notNumber += 1
            return nil
        }
    }

    final func mergeLeftOut(_ other: any Accumulator) { leftOut = leftOut + other.leftOut }
}

/// sum(path)
package final class SumAccumulator: NumericAccumulator, Accumulator {
    var sum = 0.0
    var count = 0

    package func add(_ value: ValueSlot, _ base: UnsafePointer<UInt8>) {
        if let x = number(value, base) {
            sum += x
            count += 1
        }
    }

    package func merge(_ other: any Accumulator) {
        let o = other as! SumAccumulator
        sum += o.sum
        count += o.count
        mergeLeftOut(other)
    }

    package func result() -> RowValue { .number(sum) }
}

/// avg(path): null when the group has no numbers.
package final class AverageAccumulator: NumericAccumulator, Accumulator {
    var sum = 0.0
    var count = 0

    package func add(_ value: ValueSlot, _ base: UnsafePointer<UInt8>) {
        if let x = number(value, base) {
            sum += x
            count += 1
        }
    }

    package func merge(_ other: any Accumulator) {
        let o = other as! AverageAccumulator
        sum += o.sum
        count += o.count
        mergeLeftOut(other)
    }

    package func result() -> RowValue { count == 0 ? .null : .number(sum / Double(count)) }
}

/// min(path) or max(path): null when the group has no numbers.
package final class ExtremumAccumulator: NumericAccumulator, Accumulator {
    let isMax: Bool
    var best: Double?

    package init(isMax: Bool) { self.isMax = isMax }

    package func add(_ value: ValueSlot, _ base: UnsafePointer<UInt8>) {
        if let x = number(value, base) { take(x) }
    }

    private func take(_ x: Double) {
        guard let current = best else {
            best = x
            return
        }
        if isMax ? x > current : x < current { best = x }
    }

    package func merge(_ other: any Accumulator) {
        let o = other as! ExtremumAccumulator
        if let x = o.best { take(x) }
        mergeLeftOut(other)
    }

    package func result() -> RowValue { best.map(RowValue.number) ?? .null }
}

/// distinct(path): how many distinct non-null values (1 and 1.0 are the same number).
package final class DistinctAccumulator: Accumulator {
    var seen = Set<[UInt8]>()
    package var leftOut: LeftOutCount { LeftOutCount() }

    package func add(_ value: ValueSlot, _ base: UnsafePointer<UInt8>) {
        if value.kind == .missing || value.kind == .null { return }
        var key: [UInt8] = []
        GroupKeyEncoding.append(value, base, to: &key)
        seen.insert(key)
    }

    package func merge(_ other: any Accumulator) {
        seen.formUnion((other as! DistinctAccumulator).seen)
    }

    package func result() -> RowValue { .number(Double(seen.count)) }
}
