import LoupeTestSupport
import Testing

@testable import LoupeIO

/// UTF-16 text with its byte order mark (PowerShell's `Out-File`) read as UTF-8, at every read
/// size: surrogate pairs, CRLF, and what cannot be decoded (U+FFFD).
@Suite("UTF16Stream") struct UTF16StreamTests {
    static func decode(_ bytes: [UInt8], bigEndian: Bool, step: Int) throws -> [UInt8] {
        let stream = UTF16Stream(source: SteppedStream(bytes, step: step), bigEndian: bigEndian)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 5)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
            if n == 0 { return out }
            out += buffer[..<n]
        }
    }

    @Test(arguments: [1, 2, 3, 1000])
    func decodesBothByteOrders(step: Int) throws {
        let text = "{\"s\":\"h\u{E9}llo \u{1F600}\"}\r\n{\"a\":2}\r\n"
        let little: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try Self.decode(little, bigEndian: false, step: step) == Array(text.utf8))
        #expect(try Self.decode(big, bigEndian: true, step: step) == Array(text.utf8))
    }

    @Test func replacesWhatCannotBeDecoded() throws {
        // A lone low surrogate, a high surrogate followed by a letter, and a last odd byte.
        let bytes: [UInt8] = [0xFF, 0xFE, 0x00, 0xDC, 0x3D, 0xD8, 0x41, 0x00, 0x42]
        #expect(try Self.decode(bytes, bigEndian: false, step: 2) == [0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD, 0x41, 0xEF, 0xBF, 0xBD])
    }

    @Test func tellsTheByteOrderFromTheMark() {
        #expect(UTF16Stream.byteOrder([0xFF, 0xFE, 0x7B]) == false)
        #expect(UTF16Stream.byteOrder([0xFE, 0xFF]) == true)
        #expect(UTF16Stream.byteOrder([0xEF, 0xBB, 0xBF]) == nil)
        #expect(UTF16Stream.byteOrder([0x7B]) == nil)
        // Without a mark: JSON's first character next to a NUL byte.
        #expect(UTF16Stream.detect([0x7B, 0x00, 0x22, 0x00]) == false)
        #expect(UTF16Stream.detect([0x00, 0x5B, 0x00, 0x22]) == true)
        #expect(UTF16Stream.detect([0x7B, 0x22]) == nil)
        #expect(UTF16Stream.detect([0x1F, 0x8B]) == nil)
    }

    /// Without a mark, the first character is text, not a mark to drop.
    @Test func decodesWithoutAMark() throws {
        let text = "[\"\u{E9}\"]"
        let little: [UInt8] = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try Self.decode(little, bigEndian: false, step: 1) == Array(text.utf8))
    }
}
