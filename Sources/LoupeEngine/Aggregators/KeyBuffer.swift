/// Where `GroupKeyEncoding` writes: a growable byte array, or the `KeyBuffer` the hot path
/// reuses for every record.
package protocol KeyBytes {
    mutating func append(_ byte: UInt8)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>)
    /// Bytes written so far.
    var count: Int { get }
    /// Overwrites the byte at `index` (already written).
    mutating func set(_ byte: UInt8, at index: Int)
}

extension Array: KeyBytes where Element == UInt8 {
    package mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
    package mutating func set(_ byte: UInt8, at index: Int) { self[index] = byte }
}

/// A reusable byte buffer in unmanaged memory: resetting and appending cost no uniqueness
/// checks or generic calls, which matters when every record encodes a group key.
package struct KeyBuffer: KeyBytes {
    private let storage = Storage()
    package private(set) var count = 0

    package init() {}

    /// The buffer's memory; its owner frees it.
    private final class Storage {
        var pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        var capacity = 256

        func grow(keeping count: Int, atLeast needed: Int) {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity * 2, needed))
            bigger.update(from: pointer, count: count)
            pointer.deallocate()
            pointer = bigger
            capacity = max(capacity * 2, needed)
        }

        deinit { pointer.deallocate() }
    }

    @inline(__always)
    package mutating func reset() { count = 0 }

    @inline(__always)
    package mutating func append(_ byte: UInt8) {
        if count == storage.capacity { storage.grow(keeping: count, atLeast: count + 1) }
        storage.pointer[count] = byte
        count += 1
    }

    @inline(__always)
    package mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > storage.capacity { storage.grow(keeping: count, atLeast: count + bytes.count) }
        (storage.pointer + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    package mutating func set(_ byte: UInt8, at index: Int) { storage.pointer[index] = byte }

    /// The bytes written, valid until the next change.
    @inline(__always)
    package var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage.pointer, count: count) }
}
