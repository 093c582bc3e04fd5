import LoupeJSON

/// A hash table from byte strings (encoded group keys) to dense group numbers 0, 1, 2, ...
/// in order of insertion.
///
/// Keys live in one growing byte arena and slots are open-addressed with linear probing, so a
/// lookup hashes the bytes once (64-bit multiply-mix, not SipHash: the keys are not chosen by an
/// attacker who could gain from collisions here, and a flood of them only slows the table) and
/// allocates nothing unless the key is new.
package struct ByteKeyTable {
    private var arena: [UInt8] = []
    private var offsets: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [UInt64] = []
    /// Slot -> group + 1 (0 = empty).
    private var slots: [Int32]
    private var mask: Int

    package init() {
        slots = Array(repeating: 0, count: 16)
        mask = 15
    }

    package var count: Int { offsets.count }

    /// The bytes of group `g`'s key.
    package func key(_ g: Int) -> ArraySlice<UInt8> { arena[offsets[g]..<(offsets[g] + lengths[g])] }

    /// The group of `key` (`count` bytes at `bytes`), inserting it when new; `inserted` tells.
    @inline(__always)
    package mutating func group(for bytes: UnsafeRawBufferPointer, inserted: inout Bool) -> Int {
        let h = Self.hash(bytes)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = Int(slots[i])
            if entry == 0 { break }
            let g = entry - 1
            if hashes[g] == h, lengths[g] == bytes.count, equal(g, bytes) { return g }
            i = (i + 1) & mask
        }
        inserted = true
        let g = offsets.count
        offsets.append(arena.count)
        lengths.append(bytes.count)
        hashes.append(h)
        arena.append(contentsOf: bytes)
        slots[i] = Int32(g + 1)
        if offsets.count * 2 > slots.count { grow() }
        return g
    }

    @inline(__always)
    private func equal(_ g: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let key = bytes.baseAddress else { return true }
        return arena.withUnsafeBytes { ShortBytes.equal($0.baseAddress! + offsets[g], key, count: bytes.count) }
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for g in 0..<offsets.count {
            var i = Int(truncatingIfNeeded: hashes[g]) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(g + 1)
        }
    }

    /// 64-bit multiply-mix over 8-byte words (seeded constant, fixed: results never depend on
    /// the hash anyway, only speed does).
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        if i < n && n >= 8 {
            // The last 8 bytes, overlapping the words already mixed in.
            tail = bytes.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        } else {
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 29)
    }
}
