import Glibc

/// Text written before the JSON on a line: `web-1  | {...}` (docker compose),
/// `2025-11-07T16:12:01.123456789Z {...}` (`kubectl logs --timestamps`),
/// `Nov  7 16:12:01 host app[123]: {...}` (syslog, journald's short output).
///
/// The JSON starts at the first `{` that follows a blank, `|` or `:` (or opens the line) and is
/// followed by `"` or `}`: an object with a key, or an empty one. A line where no such brace
/// is found has no JSON part and is left as it is (a malformed line, as without prefixes).
package enum LinePrefix {
    /// Where the JSON of the line `[start, end)` starts, or nil when it has none after a
    /// prefix (including a line that starts with its JSON).
    package static func jsonStart(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
        var p = start
        while p < end, p.pointee == 0x20 || p.pointee == 0x09 { p += 1 }
        guard p < end, p.pointee != UInt8(ascii: "{"), p.pointee != UInt8(ascii: "[") else { return nil }
        while p < end {
            guard let brace = memchrBrace(p, end) else { return nil }
            let before = (brace - 1).pointee
            if brace > start, before == 0x20 || before == 0x09 || before == UInt8(ascii: "|") || before == UInt8(ascii: ":") {
                var q = brace + 1
                while q < end, q.pointee == 0x20 || q.pointee == 0x09 { q += 1 }
                if q < end, q.pointee == UInt8(ascii: "\"") || q.pointee == UInt8(ascii: "}") { return brace }
            }
            p = brace + 1
        }
        return nil
    }

    /// The prefix as the field `_prefix` holds it: without surrounding blanks and without one
    /// trailing `|` or `:` separator (`web-1`, `2025-11-07T16:12:01.123456789Z`,
    /// `Nov  7 16:12:01 host app[123]`).
    package static func text(_ start: UnsafePointer<UInt8>, _ jsonStart: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var a = start
        var b = jsonStart
        func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
        while b > a, isBlank((b - 1).pointee) { b -= 1 }
        if b > a, (b - 1).pointee == UInt8(ascii: "|") || (b - 1).pointee == UInt8(ascii: ":") { b -= 1 }
        while b > a, isBlank((b - 1).pointee) { b -= 1 }
        while a < b, isBlank(a.pointee) { a += 1 }
        return UnsafeBufferPointer(start: a, count: b - a)
    }

    /// The first word of `prefix` (or the first after a `|`) when it is an RFC 3339 / ISO 8601
    /// date and time (`2025-11-07T16:12:01.123456789Z`, `2025-11-07 16:12:01`): the time the
    /// line was written, which `_prefix_time` holds. A syslog time (`Nov  7 16:12:01`) has no
    /// year and is not taken.
    package static func timestamp(_ prefix: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var i = 0
        while i < prefix.count {
            while i < prefix.count, prefix[i] == 0x20 || prefix[i] == 0x09 || prefix[i] == UInt8(ascii: "|") { i += 1 }
            var j = i
            while j < prefix.count, prefix[j] != 0x20, prefix[j] != 0x09 { j += 1 }
            if isDateTime(UnsafeBufferPointer(rebasing: prefix[i..<j])) { return UnsafeBufferPointer(rebasing: prefix[i..<j]) }
            // Only the first word, and the first one after a `|` (docker compose with --timestamps).
            guard let bar = prefix[j...].firstIndex(of: UInt8(ascii: "|")) else { return nil }
            i = bar
        }
        return nil
    }

    /// `YYYY-MM-DDTHH:MM` followed by anything a timestamp may hold (seconds, fraction, zone).
    static func isDateTime(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count >= 16 else { return false }
        let pattern = Array("dddd-dd-ddTdd:dd".utf8)
        for (k, expected) in pattern.enumerated() {
            let c = word[k]
            switch expected {
            case UInt8(ascii: "d"): guard c >= 0x30 && c <= 0x39 else { return false }
            case UInt8(ascii: "T"): guard c == UInt8(ascii: "T") || c == UInt8(ascii: "t") else { return false }
            default: guard c == expected else { return false }
            }
        }
        return word[16...].allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: ":") || c == UInt8(ascii: ".") || c == UInt8(ascii: ",")
                || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: "Z") || c == UInt8(ascii: "z")
        }
    }

    private static func memchrBrace(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
        guard let hit = memchr(p, Int32(UInt8(ascii: "{")), end - p) else { return nil }
        return UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
    }
}
