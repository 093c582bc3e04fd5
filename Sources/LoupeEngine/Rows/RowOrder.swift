/// The one order of `sort`, for result rows and for records alike.
///
/// Values compare as `RowValue.order` says: null < booleans < numbers < strings < objects and
/// arrays (as JSON text); within a type the natural order (numbers by exact value, strings by
/// UTF-8 bytes). Keys are compared in turn, each ascending or descending. The sort is stable:
/// items equal on every key keep their order.
package struct RowOrder: Sendable {
    /// One sort key: which value of an item's values, and the direction.
    package struct Key: Sendable, Equatable {
        package var index: Int
        package var descending: Bool
    }

    package let keys: [Key]

    package init(_ keys: [Key]) {
        self.keys = keys
    }

    /// Which of `a` and `b` comes first on the keys alone: negative for `a`, positive for `b`,
    /// zero when they are equal on every key.
    package func compare(_ a: [RowValue], _ b: [RowValue]) -> Int {
        for key in keys {
            let c = RowValue.order(a[key.index], b[key.index])
            if c != 0 { return key.descending ? -c : c }
        }
        return 0
    }

    /// The positions of `items` in sorted order; equal items keep their input order.
    package func permutation<Item>(of items: [Item], values: (Item) -> [RowValue]) -> [Int] {
        let keyed = items.map(values)
        return keyed.indices.sorted { a, b in
            let c = compare(keyed[a], keyed[b])
            return c != 0 ? c < 0 : a < b
        }
    }

    /// `rows` in sorted order.
    package func sorted(_ rows: [[RowValue]]) -> [[RowValue]] {
        permutation(of: rows) { $0 }.map { rows[$0] }
    }
}
