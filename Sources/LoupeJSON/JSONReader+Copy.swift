/// Re-serializes a value as compact JSON while reading it: for values kept as text (arrays
/// and objects inside attributes). Escapes are normalized; numbers keep their text.
extension JSONReader {
    /// Appends the value whose first token was `first` to `output`, iteratively.
    package mutating func copy(_ first: JSONToken, into output: inout [UInt8]) throws(JSONError) {
        var token = first
        let target = depth - (first == .beginObject || first == .beginArray ? 1 : 0)
        // Whether a comma is due before the next member or element, per open container.
        var needsComma: [Bool] = []
        while true {
            switch token {
            case .beginObject, .beginArray:
                separate(&needsComma, &output)
                output.append(token == .beginObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
                needsComma.append(false)
            case .endObject, .endArray:
                output.append(token == .endObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
                needsComma.removeLast()
                if !needsComma.isEmpty { needsComma[needsComma.count - 1] = true }
            case .key:
                separate(&needsComma, &output)
                appendQuotedText(to: &output)
                output.append(UInt8(ascii: ":"))
                // The member's value follows: no comma before it.
                needsComma[needsComma.count - 1] = false
            case .string:
                separate(&needsComma, &output)
                appendQuotedText(to: &output)
                if !needsComma.isEmpty { needsComma[needsComma.count - 1] = true }
            case .number:
                separate(&needsComma, &output)
                output.append(contentsOf: text)
                if !needsComma.isEmpty { needsComma[needsComma.count - 1] = true }
            case .true, .false, .null:
                separate(&needsComma, &output)
                output.append(contentsOf: token == .true ? Array("true".utf8) : token == .false ? Array("false".utf8) : Array("null".utf8))
                if !needsComma.isEmpty { needsComma[needsComma.count - 1] = true }
            case .endOfInput:
                throw JSONError(.unexpectedEnd, at: offset)
            }
            if depth <= target { return }
            token = try next()
        }
    }

    @inline(__always)
    private func separate(_ needsComma: inout [Bool], _ output: inout [UInt8]) {
        if let last = needsComma.last, last { output.append(UInt8(ascii: ",")) }
    }

    /// Appends the last string or key token as a JSON string literal.
    package func appendQuotedText(to output: inout [UInt8]) {
        if textEscaped {
            var decoded: [UInt8] = []
            appendText(to: &decoded)
            JSONString.appendQuoted(decoded, to: &output)
        } else {
            JSONString.appendQuoted(text, to: &output)
        }
    }
}
