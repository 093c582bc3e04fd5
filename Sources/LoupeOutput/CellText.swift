import LoupeEngine
import LoupeJSON

/// How a row value is written in a cell of a TSV, CSV, table or Markdown output: the one rule
/// that keeps types apart (docs/GUIDE.md, "Types in text output").
///
/// null is written `null`; numbers, booleans, objects and arrays as their JSON text. A string is
/// written as it is unless it is empty or its text would itself read as JSON (`1`, `true`,
/// `null`, `"a"`, `[1]`, ` 2 `): then it is JSON-quoted (`""`, `"1"`, `"null"`), so `1` and
/// `"1"`, or `null` and `""`, never print alike. A cell that reads as JSON is that JSON value;
/// any other cell is a string.
package enum CellText {
    /// The cell's text; control characters are left to each format's escaping. A `label` (a
    /// column of descriptive text, `RowSet.labelColumns`) is written as it is.
    package static func text(_ value: RowValue, label: Bool = false) -> String {
        switch value {
        case .null: return "null"
        case .string(let s): return !label && readsAsJSON(s) ? quoted(s) : s
        default: return value.plainText
        }
    }

    /// Whether `s` is empty or is a JSON text by itself (blanks around it allowed). Most text
    /// is ruled out by its first byte; only text that starts like an array, object or string
    /// is scanned.
    package static func readsAsJSON(_ s: String) -> Bool {
        var bytes = Array(s.utf8)
        while let last = bytes.last, isBlank(last) { bytes.removeLast() }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }) else { return true }
        bytes.removeFirst(first)
        switch bytes[0] {
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return bytes.elementsEqual("true".utf8) || bytes.elementsEqual("false".utf8) || bytes.elementsEqual("null".utf8)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return bytes.withUnsafeBufferPointer { JSONNumber.isNumber($0.baseAddress!, $0.baseAddress! + $0.count) }
        case UInt8(ascii: "\""), UInt8(ascii: "["), UInt8(ascii: "{"):
            var scanner = JSONScanner(paths: PathSet([]))
            return bytes.withUnsafeBufferPointer { scanner.scan($0.baseAddress!, count: $0.count) == nil }
        default:
            return false
        }
    }

    /// `s` as a JSON string whose every control character (C0, DEL, C1) is escaped, so the
    /// quoted text is safe on a terminal and reads back as `s`.
    package static func quoted(_ s: String) -> String {
        JSONString.quoted(s, escaping: isControl)
    }

    /// C0 controls, DEL and C1 controls: the characters a terminal may act on.
    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
    }

    /// `\u001b` for ESC: how every format writes a control character it does not name.
    package static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        JSONString.unicodeEscape(scalar)
    }

    private static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}
