import LoupeJSON

/// A result row read as a record by the stages after it (`where`, a further `count`, `stats`,
/// `fields` or `distinct`): the values a program's paths find among the row's cells, as the
/// value slots the evaluator and the aggregators read, without writing the row out as JSON.
///
/// A path finds what it would find in the row written as a JSON object with the columns as
/// keys: a column by its name (`service.name` finds the column named so), into an object or
/// array cell (`user.plan` in a `fields user` row), the more nested reading first, and the
/// last of two columns of one name. Each path is matched with the column names once; a row
/// then costs a copy of the cells the paths read.
package struct RowRecord {
    /// How one path is found: the readings that start with a column, most nested first.
    private struct Route {
        /// The columns named like the reading's first step, last first (the last one wins).
        var columns: [Int]
        /// The steps after the column, into an object or array cell; nil for the cell itself.
        var inner: JSONScanner?
    }

    private let routes: [[Route]]
    private var slotStorage: [ValueSlot]
    private var bytes: [UInt8] = []

    /// Matches `paths` with the row's `columns`.
    package init(paths: PathSet, columns: [String]) {
        routes = paths.paths.map { path in
            PathSet.readings(of: path.components).compactMap { reading -> Route? in
                guard case .key(let name)? = reading.first else { return nil }
                let named = columns.indices.filter { Array(columns[$0].utf8) == name }
                guard !named.isEmpty else { return nil }
                let rest = reading.dropFirst().map { edge -> FieldPath.Component in
                    switch edge {
                    // Already split into keys: the inner path must not join them again.
                    case .key(let key): return .key(String(decoding: key, as: UTF8.self), dotted: false)
                    case .index(let i): return .index(i)
                    }
                }
                return Route(columns: named.reversed(), inner: rest.isEmpty ? nil : JSONScanner(paths: PathSet([FieldPath(rest)])))
            }
        }
        slotStorage = Array(repeating: .missing, count: paths.paths.count)
    }

    /// Finds the paths' values in `row`, then calls `body` with one slot per path and the
    /// bytes the slots point into.
    package mutating func withValues<R>(
        of row: [RowValue], _ body: (UnsafeBufferPointer<ValueSlot>, UnsafePointer<UInt8>) -> R
    ) -> R {
        bytes.removeAll(keepingCapacity: true)
        for path in routes.indices {
            slotStorage[path] = find(path, in: row)
        }
        // A base pointer even when no value has bytes.
        if bytes.isEmpty { bytes.append(0) }
        return slotStorage.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { body(slots, $0.baseAddress!) }
        }
    }

    /// The value of path `path`: the first reading that finds one.
    private mutating func find(_ path: Int, in row: [RowValue]) -> ValueSlot {
        for r in routes[path].indices {
            let route = routes[path][r]
            guard var inner = route.inner else { return append(row[route.columns[0]]) }
            for column in route.columns {
                guard case .json(let text) = row[column] else { continue }
                let start = bytes.count
                bytes.append(contentsOf: text.utf8)
                let found: ValueSlot? = bytes.withUnsafeBufferPointer { buffer in
                    guard inner.scan(buffer.baseAddress! + start, count: buffer.count - start) == nil else { return nil }
                    return inner.slots[0]
                }
                if var found, found.kind != .missing {
                    found.start += start
                    found.end += start
                    return found
                }
                bytes.removeSubrange(start...)
            }
        }
        return .missing
    }

    /// Appends a cell's bytes as the scanner would have found them: a string's decoded bytes
    /// (so nothing is escaped), a number as its JSON text, an object or array as its text.
    private mutating func append(_ value: RowValue) -> ValueSlot {
        let start = bytes.count
        let kind: JSONKind
        switch value {
        case .null:
            kind = .null
        case .bool(let b):
            kind = b ? .true : .false
        case .number(let n):
            let text = n.text
            bytes.append(contentsOf: text.utf8)
            // A NaN has no JSON number: it reads as the null it prints as.
            kind = text == "null" ? .null : .number
        case .string(let s):
            bytes.append(contentsOf: s.utf8)
            kind = .string
        case .json(let text):
            bytes.append(contentsOf: text.utf8)
            kind = text.utf8.first == UInt8(ascii: "[") ? .array : .object
        }
        return ValueSlot(kind: kind, escaped: false, rank: 0, start: start, end: bytes.count)
    }
}
