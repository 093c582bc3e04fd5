import LoupeJSON
import LoupeIO

/// A span id as TRACE-SEMANTICS normalizes it (conventions): 16 lowercase hex digits, or, for
/// an id that is not hex (Jaeger UI test data uses `span-X`), the text as written.
///
/// Plain data: copying one retains nothing, and two hex ids compare and hash as one 64-bit
/// number. Every OTLP, Jaeger and Zipkin id is hex, so a million spans hold no id text at all
/// (a 16-digit string is too long for Swift's inline small strings: each was a heap
/// allocation of about 64 bytes). Order is the byte order of the text (`ByteOrder`), equality
/// is equality of the text, and each text has exactly one `SpanID`.
package struct SpanID: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// A hex id's value, or a text id's number in `SpanIDTexts`.
    private let bits: UInt64
    private let isText: Bool

    private init(bits: UInt64, isText: Bool) {
        self.bits = bits
        self.isText = isText
    }

    /// The id of this text: hex when it is 16 lowercase hex digits, the text otherwise.
    package init(_ text: String) {
        var text = text
        self = text.withUTF8 { SpanID(normalized: $0) }
    }

    package init(stringLiteral text: String) {
        self.init(text)
    }

    /// The id of normalized bytes (`IDText.normalize`'s output).
    package init(normalized bytes: UnsafeBufferPointer<UInt8>) {
        if let value = Self.value(ofHex: bytes) {
            self.init(bits: value, isText: false)
        } else {
            self.init(bits: SpanIDTexts.number(of: String(decoding: bytes, as: UTF8.self)), isText: true)
        }
    }

    /// The id whose 16 hex digits spell `value`.
    package init(hex value: UInt64) {
        self.init(bits: value, isText: false)
    }

    /// The value of a hex id; nil for an id kept as text.
    package var hexValue: UInt64? { isText ? nil : bits }

    /// The id as text: 16 lowercase hex digits, or the text kept.
    package var description: String {
        if isText { return SpanIDTexts.text(of: bits) }
        var bytes: [UInt8] = []
        appendText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the id's text (`description`) as UTF-8, with no quotes or escapes.
    package func appendText(to bytes: inout [UInt8]) {
        guard !isText else { return bytes.append(contentsOf: SpanIDTexts.text(of: bits).utf8) }
        var shift: UInt64 = 64
        while shift > 0 {
            shift -= 4
            bytes.append(Self.hexDigits[Int((bits >> shift) & 0xF)])
        }
    }

    /// Appends the id as a JSON string.
    package func appendJSON(to bytes: inout [UInt8]) {
        guard !isText else { return JSONString.appendQuoted(SpanIDTexts.text(of: bits).utf8, to: &bytes) }
        bytes.append(UInt8(ascii: "\""))
        appendText(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    package static func < (a: SpanID, b: SpanID) -> Bool {
        // 16-digit lowercase hex texts are in byte order exactly when their values are.
        if !a.isText && !b.isText { return a.bits < b.bits }
        return ByteOrder.less(a.description, b.description)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The value of exactly 16 lowercase hex digits; nil for anything else.
    @inline(__always)
    package static func value(ofHex bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count == 16, let base = bytes.baseAddress else { return nil }
        // Eight digits a word, the first in the top byte; any pointer may load unaligned.
        let raw = UnsafeRawPointer(base)
        guard let high = digits(UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self))),
            let low = digits(UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        else { return nil }
        return high << 32 | low
    }

    /// The value of the eight lowercase hex digits of `word` (one a byte, the first in the top
    /// byte), tested and converted all at once; nil when a byte is anything else. A byte below
    /// 0x80 plus at most 0x50 stays below 0x100, so adding (0x80 - bound) to every byte sets
    /// its top bit exactly when it is at least `bound`, without carrying into the next byte.
    @inline(__always)
    private static func digits(_ word: UInt64) -> UInt64? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let tops = ones &* 0x80
        guard word & tops == 0 else { return nil }
        func atLeast(_ bound: UInt64) -> UInt64 { (word &+ ones &* (0x80 - bound)) & tops }
        let digit = atLeast(0x30) & ~atLeast(0x3A)
        let letter = atLeast(0x61) & ~atLeast(0x67)
        guard digit | letter == tops else { return nil }
        // 0-9 are their low nibble, a-f their low nibble plus 9.
        var n = (word & (ones &* 0x0F)) &+ (letter >> 7) &* 9
        n = (n | n >> 4) & 0x00FF_00FF_00FF_00FF
        n = (n | n >> 8) & 0x0000_FFFF_0000_FFFF
        return (n | n >> 16) & 0xFFFF_FFFF
    }
}

/// The texts of span ids that are not hex, numbered for `SpanID`: one table for the process,
/// so that an id means the same span whichever thread read it. Such ids are rare (test data,
/// hand-written exports); the table keeps each distinct one for the life of the process.
private enum SpanIDTexts {
    private struct Table {
        var texts: [String] = []
        var numbers: [String: UInt64] = [:]
    }

    private static let table = Locked(Table())

    static func number(of text: String) -> UInt64 {
        table.withLock { table in
            if let known = table.numbers[text] { return known }
            let number = UInt64(table.texts.count)
            table.texts.append(text)
            table.numbers[text] = number
            return number
        }
    }

    static func text(of number: UInt64) -> String {
        table.withLock { $0.texts[Int(number)] }
    }
}
