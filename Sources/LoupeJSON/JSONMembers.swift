import CLoupeSearch

/// The members of an object, and the compact form of a value, in JSON text a scan already
/// validated: what printing records as JSON lines or as CSV columns needs.
///
/// Like `JSONElements` it trusts its input and never recurses.
package enum JSONMembers {
    /// Calls `body` with the decoded key and the value slot of each member of the object that
    /// `count` bytes at `base` hold (blanks around it allowed), in order; returns false, calling
    /// nothing, when the text is not an object.
    @discardableResult
    package static func forEach(
        _ base: UnsafePointer<UInt8>, count: Int, _ body: (_ key: [UInt8], _ value: ValueSlot) -> Void
    ) -> Bool {
        let end = base + count
        var p = base
        JSONScanner.skipWhitespace(&p, end)
        guard p < end, p.pointee == UInt8(ascii: "{") else { return false }
        let object = ValueSlot(kind: .array, escaped: false, rank: 0, start: p - base, end: count)
        var key: [UInt8] = []
        var isKey = true
        // An object reads as an array whose items alternate key, value (the colon is skipped
        // like a comma): one walker for both.
        _ = JSONElements.contains(object, in: base, alsoSeparatedBy: UInt8(ascii: ":")) { item in
            if isKey {
                key.removeAll(keepingCapacity: true)
                JSONString.decode(base + item.start, base + item.end, into: &key)
            } else {
                body(key, item)
            }
            isKey.toggle()
            return false
        }
        return true
    }

    /// Appends the value's text without the blanks between its tokens (strings kept byte for
    /// byte), so a pretty-printed record becomes one line. Copies runs of bytes, not one byte at
    /// a time: staging a file for `--engine` writes every record through here.
    package static func appendCompact(_ text: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        guard let start = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let end = start + text.count
        var run = start
        var p = start
        while p < end {
            let byte = p.pointee
            if byte == UInt8(ascii: "\"") {
                // A string: to its closing quote, escapes skipped, plain bytes 16 at a time.
                p += 1
                while p < end {
                    p = loupe_skip_plain(p, end)
                    guard p < end else { break }
                    if p.pointee == UInt8(ascii: "\"") {
                        p += 1
                        break
                    }
                    p += p.pointee == UInt8(ascii: "\\") ? 2 : 1
                }
                p = min(p, end)
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                output.append(contentsOf: UnsafeBufferPointer(start: run, count: p - run))
                p += 1
                run = p
            } else {
                p += 1
            }
        }
        output.append(contentsOf: UnsafeBufferPointer(start: run, count: end - run))
    }
}
