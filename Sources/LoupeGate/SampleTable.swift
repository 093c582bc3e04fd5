/// The values of one side of a comparison (baseline or current), grouped by key.
///
/// Keys keep their first-appearance order; values keep their input order until `sorted()` is
/// asked for. Memory grows with the number of values: the gate's percentiles are exact.
package struct SampleTable: Sendable {
    /// The names of the key fields (`service.name`, `name`, or the `--by` paths).
    package let fields: [String]
    package private(set) var keys: [GroupKey] = []
    package private(set) var values: [GroupKey: [Double]] = [:]
    /// The groups whose values all came from spans in detached fragments (TRACE-SEMANTICS 2.5:
    /// async work the request did not wait for); empty for logs.
    package private(set) var detachedGroups: Set<GroupKey> = []

    package init(fields: [String]) {
        self.fields = fields
    }

    package var isEmpty: Bool { keys.isEmpty }
    package var valueCount: Int { values.values.reduce(0) { $0 + $1.count } }

    package mutating func add(_ value: Double, to key: GroupKey) {
        if values[key]?.append(value) == nil {
            keys.append(key)
            values[key] = [value]
        }
    }

    /// Adds the duration of a span; `detached` when the span is in a detached fragment.
    package mutating func add(_ value: Double, to key: GroupKey, detached: Bool) {
        let isNew = values[key] == nil
        add(value, to: key)
        markDetached(key, detached, isNew: isNew)
    }

    /// A group stays detached while every value it gets is.
    private mutating func markDetached(_ key: GroupKey, _ detached: Bool, isNew: Bool) {
        if !detached {
            detachedGroups.remove(key)
        } else if isNew {
            detachedGroups.insert(key)
        }
    }

    /// Adds every value of a later part of the same input (keys new to `self` go last).
    package mutating func merge(_ later: SampleTable) {
        for key in later.keys {
            let isNew = values[key] == nil
            for value in later.values[key]! { add(value, to: key) }
            markDetached(key, later.detachedGroups.contains(key), isNew: isNew)
        }
    }

    /// Each group's values in ascending order.
    package func sorted() -> [GroupKey: [Double]] {
        values.mapValues { $0.sorted() }
    }
}
