/// A `PathSet` laid out flat in unmanaged memory, so the scanner's inner loop reads it with
/// plain loads: no reference counting, no exclusivity checks.
// @unchecked Sendable: filled once in `init`, read-only after, shared by every worker.
final class ScannerTables: @unchecked Sendable {
    let nodeCount: Int
    /// Per node: the first key edge and how many; the same for index edges and leaves.
    let keyEdgeStart: UnsafeMutablePointer<Int32>
    let keyEdgeCount: UnsafeMutablePointer<Int32>
    let indexEdgeStart: UnsafeMutablePointer<Int32>
    let indexEdgeCount: UnsafeMutablePointer<Int32>
    let leafStart: UnsafeMutablePointer<Int32>
    let leafCount: UnsafeMutablePointer<Int32>
    /// Per key edge: where its bytes are in `keyBytes`, their length, the child node.
    let edgeKeyOffset: UnsafeMutablePointer<Int32>
    let edgeKeyLength: UnsafeMutablePointer<Int32>
    let edgeChild: UnsafeMutablePointer<Int32>
    let keyBytes: UnsafeMutablePointer<UInt8>
    /// Per index edge: the index and the child node.
    let indexValue: UnsafeMutablePointer<Int>
    let indexChild: UnsafeMutablePointer<Int32>
    /// Per leaf: the path number and the reading's rank.
    let leafPath: UnsafeMutablePointer<Int32>
    let leafRank: UnsafeMutablePointer<Int32>
    /// Per node: whether members of a container at this node need looking at (it has edges),
    /// and whether values at this node are recorded (it has leaves).
    let tracksChildren: UnsafeMutablePointer<Bool>
    let recordsValue: UnsafeMutablePointer<Bool>
    /// Per node: bit n is set when some key edge has length n (bit 63: length 63 or more), so
    /// most keys of a record are ruled out with one test, without a call.
    let keyLengths: UnsafeMutablePointer<UInt64>

    init(_ paths: PathSet) {
        let nodes = paths.nodes
        nodeCount = nodes.count
        func allocate<T>(_ count: Int, _ value: T) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
            p.initialize(repeating: value, count: max(count, 1))
            return p
        }
        let keyEdges = nodes.reduce(0) { $0 + $1.keyEdges.count }
        let indexEdges = nodes.reduce(0) { $0 + $1.indexEdges.count }
        let leaves = nodes.reduce(0) { $0 + $1.leaves.count }
        let keyByteCount = nodes.reduce(0) { $0 + $1.keyEdges.reduce(0) { $0 + $1.key.count } }
        keyEdgeStart = allocate(nodeCount, 0)
        keyEdgeCount = allocate(nodeCount, 0)
        indexEdgeStart = allocate(nodeCount, 0)
        indexEdgeCount = allocate(nodeCount, 0)
        leafStart = allocate(nodeCount, 0)
        leafCount = allocate(nodeCount, 0)
        tracksChildren = allocate(nodeCount, false)
        recordsValue = allocate(nodeCount, false)
        keyLengths = allocate(nodeCount, 0)
        edgeKeyOffset = allocate(keyEdges, 0)
        edgeKeyLength = allocate(keyEdges, 0)
        edgeChild = allocate(keyEdges, 0)
        keyBytes = allocate(keyByteCount, 0)
        indexValue = allocate(indexEdges, 0)
        indexChild = allocate(indexEdges, 0)
        leafPath = allocate(leaves, 0)
        leafRank = allocate(leaves, 0)
        var edge = 0
        var index = 0
        var leaf = 0
        var byte = 0
        for (n, node) in nodes.enumerated() {
            keyEdgeStart[n] = Int32(edge)
            keyEdgeCount[n] = Int32(node.keyEdges.count)
            for (key, child) in node.keyEdges {
                keyLengths[n] |= 1 << UInt64(min(key.count, 63))
                edgeKeyOffset[edge] = Int32(byte)
                edgeKeyLength[edge] = Int32(key.count)
                edgeChild[edge] = child
                for b in key {
                    keyBytes[byte] = b
                    byte += 1
                }
                edge += 1
            }
            indexEdgeStart[n] = Int32(index)
            indexEdgeCount[n] = Int32(node.indexEdges.count)
            for (value, child) in node.indexEdges {
                indexValue[index] = value
                indexChild[index] = child
                index += 1
            }
            leafStart[n] = Int32(leaf)
            leafCount[n] = Int32(node.leaves.count)
            for (path, rank) in node.leaves {
                leafPath[leaf] = path
                leafRank[leaf] = rank
                leaf += 1
            }
            tracksChildren[n] = !node.keyEdges.isEmpty || !node.indexEdges.isEmpty
            recordsValue[n] = !node.leaves.isEmpty
        }
    }

    deinit {
        for p in [
            keyEdgeStart, keyEdgeCount, indexEdgeStart, indexEdgeCount, leafStart, leafCount, edgeKeyOffset, edgeKeyLength, edgeChild,
            leafPath, leafRank,
        ] {
            p.deallocate()
        }
        keyBytes.deallocate()
        indexValue.deallocate()
        indexChild.deallocate()
        tracksChildren.deallocate()
        recordsValue.deallocate()
        keyLengths.deallocate()
    }
}

/// The scanner's mutable working memory (value slots and the container stack), unmanaged so
/// the inner loop touches it without reference counting. Owned by one scanner at a time.
final class ScannerStorage {
    let slots: UnsafeMutablePointer<ValueSlot>
    let slotCount: Int
    var frames: UnsafeMutablePointer<ScannerFrame>
    var frameCapacity: Int

    init(slotCount: Int) {
        self.slotCount = slotCount
        slots = .allocate(capacity: max(slotCount, 1))
        slots.initialize(repeating: .missing, count: max(slotCount, 1))
        frameCapacity = 64
        frames = .allocate(capacity: frameCapacity)
    }

    /// Doubles the stack; returns the new base.
    func growFrames(keeping count: Int) -> UnsafeMutablePointer<ScannerFrame> {
        let bigger = UnsafeMutablePointer<ScannerFrame>.allocate(capacity: frameCapacity * 2)
        bigger.moveInitialize(from: frames, count: count)
        frames.deallocate()
        frames = bigger
        frameCapacity *= 2
        return bigger
    }

    deinit {
        slots.deallocate()
        frames.deallocate()
    }
}

/// One open container on the scanner's stack.
struct ScannerFrame {
    var isArray: Bool
    /// Trie node whose edges apply to this container's members, or -1 when untracked.
    var node: Int32
    /// Trie node with leaves that this container itself is the value of, or -1.
    var leafNode: Int32
    var index: Int
    var start: Int
}
