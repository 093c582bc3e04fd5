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
    /// byte), so a pretty-printed record becomes one line.
    package static func appendCompact(_ text: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        var inString = false
        var escaping = false
        for byte in text {
            if inString {
                if escaping {
                    escaping = false
                } else if byte == UInt8(ascii: "\\") {
                    escaping = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                continue
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            }
            output.append(byte)
        }
    }
}
