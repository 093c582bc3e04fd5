import Glibc

/// Hands out one shared `String` per distinct byte sequence, so the many spans that repeat a
/// trace id, a service or an operation name share one allocation (memory per span stays flat).
///
/// Lookups hash the bytes and compare them in place; no `String` is built for a hit. It holds
/// at most `capacity` strings and starts over when full, which only costs sharing.
package struct StringInterner {
    private var strings: [String] = []
    private var hashes: [UInt64] = []
    private var table: [Int32]
    private var mask: Int
    private let capacity: Int

    package init(capacity: Int = 1 << 20) {
        self.capacity = capacity
        table = Array(repeating: -1, count: 1024)
        mask = 1023
    }

    package mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(table[slot])
            if entry < 0 { break }
            if hashes[entry] == hash, Self.equal(strings[entry], bytes) { return strings[entry] }
            slot = (slot + 1) & mask
        }
        let string = String(decoding: bytes, as: UTF8.self)
        if strings.count >= capacity { reset() }
        insert(string, hash: hash)
        return string
    }

    package mutating func intern(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { intern($0) }
    }

    private mutating func insert(_ string: String, hash: UInt64) {
        if (strings.count + 1) * 2 > table.count { grow() }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while table[slot] >= 0 { slot = (slot + 1) & mask }
        table[slot] = Int32(strings.count)
        strings.append(string)
        hashes.append(hash)
    }

    private mutating func grow() {
        table = Array(repeating: -1, count: table.count * 2)
        mask = table.count - 1
        for (i, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(i)
        }
    }

    private mutating func reset() {
        strings.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        for i in table.indices { table[i] = -1 }
    }

    /// FNV-1a over the bytes, eight at a time, then MurmurHash3's final mix.
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        guard let base = bytes.baseAddress else { return h }
        var i = 0
        let raw = UnsafeRawPointer(base)
        while i + 8 <= bytes.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            h ^= h >> 29
            i += 8
        }
        while i < bytes.count {
            h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01B3
            i += 1
        }
        // The table is indexed by the low bits: without a final mix, ids that differ in a few
        // hex digits (sequential span ids) fell into a few long probe runs (callgrind, a
        // million-span chain: 1.1G instructions in `intern`).
        h ^= UInt64(bytes.count)
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }

    @inline(__always)
    private static func equal(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var string = string
        return string.withUTF8 { utf8 in
            utf8.count == bytes.count && (utf8.count == 0 || memcmp(utf8.baseAddress!, bytes.baseAddress!, utf8.count) == 0)
        }
    }
}
