import CLoupeSearch
import LoupeIO

/// Finds the elements of one big JSON array without validating them: the byte ranges that
/// readers on other threads then validate and decode independently.
///
/// The array is the document itself, or the value of a named member of the top-level object.
/// The split is only a guess about structure: each range must still be read by a validating
/// reader, and `skeleton` (the document with the array emptied) must be too. Anything unusual
/// (an escaped key, a value cut short) makes `split` return nil, and the caller reads the
/// input sequentially instead. Strings are skipped eight bytes at a time.
package enum JSONSplitter {
    package struct Split: Sendable {
        /// Each element's byte range, in order.
        package var elements: [Range<Int>]
        /// The document with the array's elements removed (`{"data":[],"total":0}`).
        package var skeleton: [UInt8]
    }

    /// Splits the array that is the document (`member == nil`) or the value of the first
    /// top-level member whose key is one of `member`.
    package static func split(_ bytes: UnsafeBufferPointer<UInt8>, member: Set<String>?) -> Split? {
        guard var cursor = Elements(bytes, member: member) else { return nil }
        var elements: [Range<Int>] = []
        while let element = cursor.next() { elements.append(element) }
        guard let skeleton = cursor.skeleton else { return nil }
        return Split(elements: elements, skeleton: skeleton)
    }

    /// The same split, one element at a time, so that readers can decode the first elements
    /// while the rest of the document is still being scanned.
    ///
    /// `next` returns nil at the end of the array, or where the structure is unusual
    /// (`failed`); `skeleton` is then the document with the array emptied, or nil when it
    /// failed. `prefix` (the document up to the array's opening bracket) is known at once.
    package struct Elements {
        private let base: UnsafeBufferPointer<UInt8>
        private var i = 0
        /// Offset of the array's `[`.
        private let arrayStart: Int
        private var ended = false
        /// True when the array's structure could not be followed to its end.
        package private(set) var failed = false
        /// The document up to and including the array's opening bracket.
        package var prefix: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: base[0...arrayStart]) }

        /// Finds the array; nil when the document does not start like one that holds it.
        package init?(_ bytes: UnsafeBufferPointer<UInt8>, member: Set<String>?) {
            guard let start = bytes.baseAddress else { return nil }
            base = bytes
            var scan = Scan(base: start, count: bytes.count)
            scan.i = ByteOrderMark.length(bytes)
            scan.skipWhitespace()
            if let member {
                guard scan.peek == UInt8(ascii: "{") else { return nil }
                scan.i += 1
                while true {
                    scan.skipWhitespace()
                    guard scan.peek == UInt8(ascii: "\""), let keyEnd = scan.stringEnd(from: scan.i) else { return nil }
                    let key = UnsafeBufferPointer(start: start + scan.i + 1, count: keyEnd - scan.i - 1)
                    guard !key.contains(UInt8(ascii: "\\")) else { return nil }
                    scan.i = keyEnd + 1
                    scan.skipWhitespace()
                    guard scan.peek == UInt8(ascii: ":") else { return nil }
                    scan.i += 1
                    scan.skipWhitespace()
                    if scan.peek == UInt8(ascii: "["), member.contains(String(decoding: key, as: UTF8.self)) { break }
                    guard let end = scan.valueEnd(from: scan.i) else { return nil }
                    scan.i = end
                    scan.skipWhitespace()
                    guard scan.peek == UInt8(ascii: ",") else { return nil }
                    scan.i += 1
                }
            } else {
                guard scan.peek == UInt8(ascii: "[") else { return nil }
            }
            arrayStart = scan.i
            i = arrayStart + 1
            var rest = Scan(base: start, count: bytes.count)
            rest.i = i
            rest.skipWhitespace()
            if rest.peek == UInt8(ascii: "]") {
                i = rest.i
                ended = true
            }
        }

        /// The next element's byte range.
        package mutating func next() -> Range<Int>? {
            guard !ended, let start = base.baseAddress else { return nil }
            var scan = Scan(base: start, count: base.count)
            scan.i = i
            scan.skipWhitespace()
            let from = scan.i
            guard let end = scan.valueEnd(from: from) else { return fail() }
            scan.i = end
            scan.skipWhitespace()
            if scan.peek == UInt8(ascii: ",") {
                i = scan.i + 1
            } else if scan.peek == UInt8(ascii: "]") {
                i = scan.i
                ended = true
            } else {
                return fail()
            }
            return from..<end
        }

        private mutating func fail() -> Range<Int>? {
            failed = true
            ended = true
            return nil
        }

        /// The document with the array's elements removed, once `next` has returned nil; nil
        /// when the split failed.
        package var skeleton: [UInt8]? {
            guard ended, !failed else { return nil }
            var skeleton = Array(prefix)
            skeleton.append(contentsOf: UnsafeBufferPointer(rebasing: base[i...]))
            return skeleton
        }
    }

    /// The offset of the quote that closes the string whose opening quote is at `from`, in the
    /// `count` bytes at `base`; nil when they end first. Eight bytes at a time, not validating
    /// (the framing of JSON values uses it too).
    package static func stringEnd(_ base: UnsafePointer<UInt8>, count: Int, from: Int) -> Int? {
        Scan(base: base, count: count).stringEnd(from: from)
    }

    /// A cursor with the forgiving structural steps.
    private struct Scan {
        let base: UnsafePointer<UInt8>
        let count: Int
        var i = 0

        var peek: UInt8? { i < count ? base[i] : nil }

        mutating func skipWhitespace() {
            while i < count {
                let c = base[i]
                guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
                i += 1
            }
        }

        /// The offset of the quote that closes the string opening at `from`.
        func stringEnd(from: Int) -> Int? {
            var j = from + 1
            while true {
                while count - j >= 8 {
                    let w = UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)
                    let hits = Self.quoteOrBackslash(w)
                    if hits == 0 {
                        j += 8
                        continue
                    }
                    j += hits.trailingZeroBitCount >> 3
                    break
                }
                guard j < count else { return nil }
                let c = base[j]
                if c == UInt8(ascii: "\"") { return j }
                j += c == UInt8(ascii: "\\") ? 2 : 1
            }
        }

        /// Where the value starting at `from` ends (one past its last byte).
        func valueEnd(from: Int) -> Int? {
            guard from < count else { return nil }
            switch base[from] {
            case UInt8(ascii: "\""):
                return stringEnd(from: from).map { $0 + 1 }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                // The C kernel looks at 16 bytes a step; a byte-at-a-time loop here was most
                // of the split's cost, which runs on one thread (callgrind, trace -o json).
                guard let end = loupe_container_end(base + from, base + count) else { return nil }
                return end - base
            default:
                var j = from
                while j < count {
                    let c = base[j]
                    if c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == 0x20 || c == 0x0A || c == 0x0D
                        || c == 0x09
                    {
                        break
                    }
                    j += 1
                }
                return j > from ? j : nil
            }
        }

        /// The high bit of each byte of `w` that is `"` or `\`.
        @inline(__always)
        static func quoteOrBackslash(_ w: UInt64) -> UInt64 {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let high: UInt64 = 0x8080_8080_8080_8080
            let quote = w ^ (ones &* 0x22)
            let backslash = w ^ (ones &* 0x5C)
            return (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)) & high
        }
    }
}
