import CLoupeSearch
import Glibc

/// Line boundaries inside a chunk: `\n` ends a line; a final line without one still counts.
package enum LineFraming {
    /// The end of the line that contains `position` (the `\n` itself, or `end`).
    @inline(__always)
    package static func lineEnd(from position: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        guard position < end, let hit = memchr(position, 0x0A, end - position) else { return end }
        return UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
    }

    /// The first byte of the line that contains `position`, not looking before `start`.
    @inline(__always)
    package static func lineStart(before position: UnsafePointer<UInt8>, start: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        var p = position
        while p > start {
            if (p - 1).pointee == 0x0A { return p }
            p -= 1
        }
        return start
    }

    /// How many `\n` bytes lie in `[start, end)`.
    package static func countNewlines(from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>) -> Int {
        end > start ? loupe_count_byte(start, end - start, 0x0A) : 0
    }
}
