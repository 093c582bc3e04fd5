/// Why a record is not RFC 8259 JSON, and the byte offset (within the record) where it showed.
package struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong; the category decides under which reason a skipped record is counted.
    package enum Reason: Equatable, Sendable {
        case unexpectedEnd
        /// A newline inside a value of a one-value-per-line input: the line was cut short.
        case unexpectedEndOfLine
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
        switch reason {
        case .unexpectedEnd, .unexpectedEndOfLine: return problem
        default: return "\(problem) at byte \(offset + 1)"
        }
    }

    /// What is wrong, without where (for messages that say where in their own words).
    package var problem: String {
        switch reason {
        case .unexpectedEnd: return "unexpected end of input"
        case .unexpectedEndOfLine: return "the line ends inside a value"
        case .unexpectedByte(let b):
            if b >= 0x21 && b < 0x7F { return "unexpected '\(Character(Unicode.Scalar(b)))'" }
            return "unexpected byte 0x\(String(b, radix: 16, uppercase: true))"
        case .trailingData: return "unexpected data after the value"
        case .invalidNumber: return "invalid number"
        case .invalidEscape: return "invalid escape in string"
        case .invalidUTF8: return "invalid UTF-8"
        case .controlCharacterInString: return "unescaped control character in string"
        case .nulByte: return "NUL byte"
        }
    }
}
