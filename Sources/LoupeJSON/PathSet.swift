/// The paths a query needs, compiled into a trie the scanner walks while it reads a record.
///
/// A dotted path also matches keys that contain dots: `a.b.c` is found as `a`→`b`→`c`, as
/// `a`→`"b.c"`, as `"a.b"`→`c` and as `"a.b.c"`. When a record holds several of these, the
/// reading with more nesting wins (it has the lower rank), as DESIGN section 4 asks.
package struct PathSet: Sendable {
    /// One trie node: edges by key and by array index, and the paths that end here.
    package struct Node: Sendable {
        package var keyEdges: [(key: [UInt8], child: Int32)] = []
        package var indexEdges: [(index: Int, child: Int32)] = []
        package var leaves: [(path: Int32, rank: Int32)] = []
    }

    package private(set) var nodes: [Node] = [Node()]
    package let paths: [FieldPath]

    /// How many alternative readings of one path are tried at most; beyond it only the fully
    /// nested and the fully joined reading are kept.
    static let maxReadings = 64

    package init(_ paths: [FieldPath]) {
        self.paths = paths
        for (pathIndex, path) in paths.enumerated() {
            var rank: Int32 = 0
            let readings = Self.readings(of: path.components)
            for reading in readings {
                insert(reading, path: Int32(pathIndex), rank: rank)
                rank += 1
            }
        }
    }

    package var isEmpty: Bool { paths.isEmpty }

    /// A step of one reading: a literal key or an index.
    package enum Edge: Equatable, Sendable {
        case key([UInt8])
        case index(Int)
    }

    /// Every way to read the components, nested readings first.
    package static func readings(of components: [FieldPath.Component]) -> [[Edge]] {
        var results: [[Edge]] = []
        var current: [Edge] = []
        func walk(_ i: Int) {
            if results.count >= maxReadings { return }
            if i == components.count {
                results.append(current)
                return
            }
            switch components[i] {
            case .index(let n):
                current.append(.index(n))
                walk(i + 1)
                current.removeLast()
            case .key(let first, _):
                var joined = first
                var j = i
                while true {
                    current.append(.key(Array(joined.utf8)))
                    walk(j + 1)
                    current.removeLast()
                    j += 1
                    guard j < components.count, case .key(let next, let dotted) = components[j], dotted else { break }
                    joined += "." + next
                }
            }
        }
        walk(0)
        if results.count >= maxReadings {
            // Too many dotted splits to try them all: keep the nested reading users mean most.
            results = [results[0]]
        }
        return results
    }

    private mutating func insert(_ reading: [Edge], path: Int32, rank: Int32) {
        var node = 0
        for edge in reading {
            switch edge {
            case .key(let key):
                if let existing = nodes[node].keyEdges.first(where: { $0.key == key }) {
                    node = Int(existing.child)
                } else {
                    nodes.append(Node())
                    nodes[node].keyEdges.append((key, Int32(nodes.count - 1)))
                    node = nodes.count - 1
                }
            case .index(let index):
                if let existing = nodes[node].indexEdges.first(where: { $0.index == index }) {
                    node = Int(existing.child)
                } else {
                    nodes.append(Node())
                    nodes[node].indexEdges.append((index, Int32(nodes.count - 1)))
                    node = nodes.count - 1
                }
            }
        }
        nodes[node].leaves.append((path, rank))
    }
}
