/// Reads UTF-16 text (PowerShell's `Out-File` and `>` write UTF-16LE with a byte order mark)
/// as UTF-8, so every reader after it sees the bytes it expects.
///
/// The byte order comes from the byte order mark (`FF FE` little-endian, `FE FF` big-endian),
/// which is dropped, or from JSON's first character without one (`UTF16Stream.detect`). An unpaired
/// surrogate or a last odd byte becomes U+FFFD, as a decoder must not drop text silently;
/// the record holding it then reads as the invalid or replaced text it is.
package final class UTF16Stream: ByteStream {
    private let source: any ByteStream
    private let bigEndian: Bool
    /// Raw bytes read and not decoded yet (at most one code unit and a half, plus a read).
    private var pending: [UInt8] = []
    /// A high surrogate waiting for its low half.
    private var high: UInt16?
    /// UTF-8 decoded and not handed out yet.
    private var decoded: [UInt8] = []
    private var decodedStart = 0
    private var atEnd = false
    private var markSkipped = false
    private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 2)

    package var name: String { source.name }

    package init(source: any ByteStream, bigEndian: Bool) {
        self.source = source
        self.bigEndian = bigEndian
    }

    deinit { scratch.deallocate() }

    /// The byte order of UTF-16 text that opens with its byte order mark; nil for any other
    /// opening (UTF-8 text, including its own mark `EF BB BF`).
    package static func byteOrder(_ prefix: some Collection<UInt8>) -> Bool? {
        let bytes = Array(prefix.prefix(2))
        guard bytes.count == 2 else { return nil }
        if bytes == [0xFF, 0xFE] { return false }
        if bytes == [0xFE, 0xFF] { return true }
        return nil
    }

    /// The byte order of an input in UTF-16: told by its byte order mark, or, without one, by
    /// JSON's first two characters (`{` or `[`, then any ASCII character) as two code units
    /// whose other bytes are NUL, which UTF-8 text never holds.
    /// true for big-endian; nil for UTF-8 (or anything else).
    package static func detect(_ prefix: some Collection<UInt8>) -> Bool? {
        if let marked = byteOrder(prefix) { return marked }
        // Two code units, both ASCII: JSON's next character after `{` or `[` always is. One NUL
        // beside a bracket is too little: binary data opens so (`00 7B`) more often than text.
        let bytes = Array(prefix.prefix(4))
        guard bytes.count == 4 else { return nil }
        let opens: Set<UInt8> = [UInt8(ascii: "{"), UInt8(ascii: "[")]
        if opens.contains(bytes[0]) && bytes[1] == 0 && bytes[2] != 0 && bytes[3] == 0 { return false }
        if bytes[0] == 0 && opens.contains(bytes[1]) && bytes[2] == 0 && bytes[3] != 0 { return true }
        return nil
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard buffer.count > 0 else { return 0 }
        while decodedStart == decoded.count {
            if atEnd { return 0 }
            decoded.removeAll(keepingCapacity: true)
            decodedStart = 0
            let n = try source.read(into: scratch)
            if n == 0 {
                atEnd = true
                if high != nil || !pending.isEmpty { Self.appendReplacement(&decoded) }
                high = nil
                pending = []
                continue
            }
            pending.append(contentsOf: scratch[0..<n])
            decode()
        }
        let n = min(buffer.count, decoded.count - decodedStart)
        decoded.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + decodedStart, byteCount: n) }
        decodedStart += n
        return n
    }

    /// Decodes the whole code units of `pending` into `decoded`.
    private func decode() {
        var i = 0
        if !markSkipped, pending.count >= 2 {
            markSkipped = true
            if Self.byteOrder(pending) == bigEndian { i = 2 }
        }
        while i + 1 < pending.count {
            let unit = bigEndian ? UInt16(pending[i]) << 8 | UInt16(pending[i + 1]) : UInt16(pending[i + 1]) << 8 | UInt16(pending[i])
            i += 2
            if let first = high {
                high = nil
                if (0xDC00...0xDFFF).contains(unit) {
                    let scalar = 0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)
                    Self.appendUTF8(scalar, to: &decoded)
                    continue
                }
                Self.appendReplacement(&decoded)
            }
            switch unit {
            case 0xD800...0xDBFF: high = unit
            case 0xDC00...0xDFFF: Self.appendReplacement(&decoded)
            default: Self.appendUTF8(UInt32(unit), to: &decoded)
            }
        }
        pending.removeFirst(i)
    }

    private static func appendReplacement(_ out: inout [UInt8]) {
        out += [0xEF, 0xBF, 0xBD]
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}

/// A decompressed stream that is UTF-16 text or not, told by its first bytes as a plain file's
/// are (`UTF16Stream.detect`); they are looked at on the first read, so that a decompressor's
/// error surfaces where reading does, not when the input is opened.
final class UTF16DetectingStream: ByteStream {
    private let source: any ByteStream
    private var decoded: (any ByteStream)?

    var name: String { source.name }

    init(source: any ByteStream) {
        self.source = source
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if let decoded { return try decoded.read(into: buffer) }
        let magic = try PrefixedStream.peek(source, count: CompressionFormat.magicLength)
        let replayed = PrefixedStream(prefix: magic, source: source)
        let stream: any ByteStream = UTF16Stream.detect(magic).map { UTF16Stream(source: replayed, bigEndian: $0) } ?? replayed
        decoded = stream
        return try stream.read(into: buffer)
    }
}
