/// A deliberately plain JSON parser to check loupe's readers against: recursive descent over
/// RFC 8259, UTF-8 checked by the standard library, no speed tricks and no code shared with
/// LoupeJSON. It keeps each value's byte range so that extracted slots can be compared.
package enum ReferenceJSON {
    /// One parsed value and where it lies: `start..<end` covers the whole value (quotes and
    /// brackets included).
    package struct Node: Equatable {
        package var value: Value
        package var start: Int
        package var end: Int
    }

    package indirect enum Value: Equatable {
        case null, bool(Bool)
        /// A number's text, as written.
        case number([UInt8])
        /// A string's decoded bytes (lone surrogate escapes become U+FFFD, as loupe documents).
        case string([UInt8])
        case array([Node])
        case object([(key: [UInt8], value: Node)])

        package static func == (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case (.null, .null): return true
            case (.bool(let x), .bool(let y)): return x == y
            case (.number(let x), .number(let y)): return x == y
            case (.string(let x), .string(let y)): return x == y
            case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { $0.value == $1.value }
            case (.object(let x), .object(let y)):
                return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value.value == $1.value.value }
            default: return false
            }
        }
    }

    /// The outcome of a parse: nesting deeper than `maximumDepth` is not judged.
    package enum Outcome {
        case valid(Node)
        case invalid
        case tooDeep
    }

    package static let maximumDepth = 500

    /// Exactly one value, with optional whitespace around it.
    package static func parseDocument(_ bytes: [UInt8]) -> Outcome {
        var parser = Parser(bytes: bytes)
        parser.skipWhitespace()
        guard let node = parser.value(depth: 0) else { return parser.tooDeep ? .tooDeep : .invalid }
        parser.skipWhitespace()
        return parser.i == bytes.count ? .valid(node) : .invalid
    }

    /// A sequence of values, as `JSONReader` reads them: an optional byte order mark, then
    /// values separated by optional whitespace. Returns the values read before the first error
    /// and whether the whole input was read.
    package static func parseSequence(_ bytes: [UInt8]) -> (values: [Node], complete: Bool, tooDeep: Bool) {
        var parser = Parser(bytes: bytes)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { parser.i = 3 }
        var values: [Node] = []
        while true {
            parser.skipWhitespace()
            if parser.i == bytes.count { return (values, true, false) }
            guard let node = parser.value(depth: 0) else { return (values, false, parser.tooDeep) }
            values.append(node)
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        var tooDeep = false

        init(bytes: [UInt8]) { self.bytes = bytes }

        var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

        mutating func skipWhitespace() {
            while let c = peek, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 }
        }

        mutating func value(depth: Int) -> Node? {
            guard depth <= ReferenceJSON.maximumDepth else {
                tooDeep = true
                return nil
            }
            let start = i
            guard let c = peek else { return nil }
            let value: Value
            switch c {
            case UInt8(ascii: "{"):
                i += 1
                var members: [(key: [UInt8], value: Node)] = []
                skipWhitespace()
                if peek == UInt8(ascii: "}") {
                    i += 1
                } else {
                    while true {
                        skipWhitespace()
                        guard peek == UInt8(ascii: "\""), let key = string() else { return nil }
                        skipWhitespace()
                        guard peek == UInt8(ascii: ":") else { return nil }
                        i += 1
                        skipWhitespace()
                        guard let member = self.value(depth: depth + 1) else { return nil }
                        members.append((key, member))
                        skipWhitespace()
                        if peek == UInt8(ascii: ",") {
                            i += 1
                            continue
                        }
                        guard peek == UInt8(ascii: "}") else { return nil }
                        i += 1
                        break
                    }
                }
                value = .object(members)
            case UInt8(ascii: "["):
                i += 1
                var elements: [Node] = []
                skipWhitespace()
                if peek == UInt8(ascii: "]") {
                    i += 1
                } else {
                    while true {
                        skipWhitespace()
                        guard let element = self.value(depth: depth + 1) else { return nil }
                        elements.append(element)
                        skipWhitespace()
                        if peek == UInt8(ascii: ",") {
                            i += 1
                            continue
                        }
                        guard peek == UInt8(ascii: "]") else { return nil }
                        i += 1
                        break
                    }
                }
                value = .array(elements)
            case UInt8(ascii: "\""):
                guard let s = string() else { return nil }
                value = .string(s)
            case UInt8(ascii: "t"):
                guard literal("true") else { return nil }
                value = .bool(true)
            case UInt8(ascii: "f"):
                guard literal("false") else { return nil }
                value = .bool(false)
            case UInt8(ascii: "n"):
                guard literal("null") else { return nil }
                value = .null
            default:
                guard number() else { return nil }
                value = .number(Array(bytes[start..<i]))
            }
            return Node(value: value, start: start, end: i)
        }

        mutating func literal(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { return false }
            i += w.count
            return true
        }

        /// number = [ minus ] int [ frac ] [ exp ]  (RFC 8259 section 6)
        mutating func number() -> Bool {
            func digit(_ c: UInt8?) -> Bool { c.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
            if peek == UInt8(ascii: "-") { i += 1 }
            guard digit(peek) else { return false }
            if peek == UInt8(ascii: "0") {
                i += 1
            } else {
                while digit(peek) { i += 1 }
            }
            if peek == UInt8(ascii: ".") {
                i += 1
                guard digit(peek) else { return false }
                while digit(peek) { i += 1 }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                i += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
                guard digit(peek) else { return false }
                while digit(peek) { i += 1 }
            }
            return true
        }

        /// Reads a string at its opening quote; returns its decoded bytes.
        mutating func string() -> [UInt8]? {
            i += 1
            var decoded: [UInt8] = []
            var raw: [UInt8] = []
            func flushRaw() -> Bool {
                // The standard library's validation: no overlongs, no surrogates, nothing past U+10FFFF.
                guard String(validating: raw, as: UTF8.self) != nil else { return false }
                decoded += raw
                raw.removeAll()
                return true
            }
            while true {
                guard let c = peek else { return nil }
                if c == UInt8(ascii: "\"") {
                    i += 1
                    return flushRaw() ? decoded : nil
                }
                if c < 0x20 { return nil }
                if c != UInt8(ascii: "\\") {
                    raw.append(c)
                    i += 1
                    continue
                }
                guard flushRaw(), i + 1 < bytes.count else { return nil }
                let e = bytes[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(e)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(scalar), i + 6 <= bytes.count, bytes[i] == 0x5C, bytes[i + 1] == UInt8(ascii: "u") {
                        let save = i
                        i += 2
                        if let low = hex4(), (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            i = save
                        }
                    }
                    let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    decoded += Array(String(Character(character)).utf8)
                default: return nil
                }
            }
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for b in bytes[i..<(i + 4)] {
                let digit: UInt32
                switch b {
                case 0x30...0x39: digit = UInt32(b - 0x30)
                case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
                default: return nil
                }
                value = value << 4 | digit
            }
            i += 4
            return value
        }
    }
}
