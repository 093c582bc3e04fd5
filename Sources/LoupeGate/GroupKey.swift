/// A group's identity: one string per key field, in the order the fields were given.
///
/// Keys order by their values, each compared by UTF-8 bytes, so every list of groups has a
/// total order that does not depend on the platform's string collation.
package struct GroupKey: Hashable, Sendable, Comparable {
    package var values: [String]

    package init(_ values: [String]) {
        self.values = values
    }

    package static func < (a: GroupKey, b: GroupKey) -> Bool {
        for (x, y) in zip(a.values, b.values) where x != y {
            return x.utf8.lexicographicallyPrecedes(y.utf8)
        }
        return a.values.count < b.values.count
    }

    /// The key for people: the values joined by a space (`checkout POST /orders`); an empty
    /// value shows as `""` so that a missing field stays visible; a key of no fields (no `--by`)
    /// is `(all)`.
    package var label: String {
        if values.isEmpty { return "(all)" }
        return values.map { $0.isEmpty ? "\"\"" : $0 }.joined(separator: " ")
    }
}
