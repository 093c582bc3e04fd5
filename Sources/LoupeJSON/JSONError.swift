/// Why a record is not RFC 8259 JSON, and the byte offset (within the record) where it showed.
package struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong; the category decides under which reason a skipped record is counted.
    package enum Reason: Equatable, Sendable {
        case unexpectedEnd
        case unexpectedByte(UInt8)
        case trailingData
        case invalidNumber
        case invalidEscape
        case invalidUTF8
        case controlCharacterInString
        case nulByte
    }

    package var reason: Reason
    package var offset: Int

    package init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// The skip-report category: records are counted per category.
    package var category: String {
        switch reason {
        case .invalidUTF8: return "invalid UTF-8"
        case .nulByte: return "binary data"
        default: return "malformed JSON"
        }
    }

    package var description: String {
        let column = "at byte \(offset + 1)"
        switch reason {
        case .unexpectedEnd: return "unexpected end of input"
        case .unexpectedByte(let b):
            if b >= 0x21 && b < 0x7F { return "unexpected '\(Character(Unicode.Scalar(b)))' \(column)" }
            return "unexpected byte 0x\(String(b, radix: 16, uppercase: true)) \(column)"
        case .trailingData: return "unexpected data after the value \(column)"
        case .invalidNumber: return "invalid number \(column)"
        case .invalidEscape: return "invalid escape in string \(column)"
        case .invalidUTF8: return "invalid UTF-8 \(column)"
        case .controlCharacterInString: return "unescaped control character in string \(column)"
        case .nulByte: return "NUL byte \(column)"
        }
    }
}
