import LoupeTestSupport
import Testing

@testable import LoupeJSON

/// One RFC 8259 case: the bytes of a JSON text and what the scanner must say about it: nil
/// (valid) or the exact error description.
struct ConformanceCase: CustomTestStringConvertible, Sendable {
    let name: String
    let input: [UInt8]
    let error: String?
    var testDescription: String { name }

    init(_ name: String, _ text: String, _ error: String? = nil) {
        self.name = name
        input = Array(text.utf8)
        self.error = error
    }

    init(_ name: String, bytes input: [UInt8], _ error: String? = nil) {
        self.name = name
        self.input = input
        self.error = error
    }
}

private let end = "unexpected end of input"

/// A hand-written table over every rule of the RFC 8259 grammar: JSON-text, the three literal
/// names, objects, members, arrays, numbers (minus, int, frac, exp), strings (escapes,
/// unescaped ranges, UTF-8) and insignificant whitespace.
@Suite("Scanner conformance (RFC 8259)")
struct JSONScannerConformanceTests {
    static let accepted: [ConformanceCase] = [
        // JSON-text = ws value ws, and any value at the top.
        ConformanceCase("literal true", "true"),
        ConformanceCase("literal false", "false"),
        ConformanceCase("literal null", "null"),
        ConformanceCase("top-level string", #""x""#),
        ConformanceCase("top-level number", "42"),
        ConformanceCase(
            "all four whitespace bytes around and inside", " \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n1 \t\r\n, \"b\":[ 1 , 2 ] } \t\r\n"),
        ConformanceCase("CR at the end (CRLF line)", "{\"a\":1}\r"),
        // Numbers: number = [ minus ] int [ frac ] [ exp ].
        ConformanceCase("zero", "0"),
        ConformanceCase("minus zero", "-0"),
        ConformanceCase("negative int", "-1"),
        ConformanceCase("multi-digit int", "1234567890"),
        ConformanceCase("fraction", "0.5"),
        ConformanceCase("negative fraction", "-0.5"),
        ConformanceCase("fraction with zeros", "10.010"),
        ConformanceCase("exponent e", "1e5"),
        ConformanceCase("exponent E", "1E5"),
        ConformanceCase("exponent plus", "1e+5"),
        ConformanceCase("exponent minus", "1e-5"),
        ConformanceCase("exponent with leading zeros", "1E-05"),
        ConformanceCase("fraction and exponent", "-1.5e10"),
        ConformanceCase("zero everything", "-0.0e-0"),
        ConformanceCase("huge integer", "123456789012345678901234567890"),
        ConformanceCase("overflowing exponent", "1e400"),
        ConformanceCase("negative overflowing exponent", "-1e400"),
        ConformanceCase("underflowing exponent", "1e-400"),
        ConformanceCase("number in array", "[0,-0,1.5,2e3]"),
        // Strings: every escape, the unescaped ranges, UTF-8 of every length.
        ConformanceCase("empty string", #""""#),
        ConformanceCase("every short escape", #""\"\\\/\b\f\n\r\t""#),
        ConformanceCase("unicode escape", #""\u0041\u00e9\u00E9""#),
        ConformanceCase("surrogate pair escape", #""\uD83D\uDE00""#),
        ConformanceCase("lone high surrogate escape (grammar allows it)", #""\uD800""#),
        ConformanceCase("lone low surrogate escape", #""\uDFFF""#),
        ConformanceCase("escaped NUL", #""\u0000""#),
        ConformanceCase("space, !, #, [, ], DEL unescaped", bytes: bytes("\" !#[]", 0x7F, "\"")),
        ConformanceCase("2-byte UTF-8", "\"é\""),
        ConformanceCase("3-byte UTF-8", "\"日本\""),
        ConformanceCase("4-byte UTF-8", "\"😀\""),
        ConformanceCase("U+FFFF", bytes: bytes("\"", 0xEF, 0xBF, 0xBF, "\"")),
        ConformanceCase("U+10FFFF", bytes: bytes("\"", 0xF4, 0x8F, 0xBF, 0xBF, "\"")),
        ConformanceCase("U+0080, the first 2-byte scalar", bytes: bytes("\"", 0xC2, 0x80, "\"")),
        ConformanceCase("U+0800, the first 3-byte scalar", bytes: bytes("\"", 0xE0, 0xA0, 0x80, "\"")),
        ConformanceCase("U+D7FF, below the surrogates", bytes: bytes("\"", 0xED, 0x9F, 0xBF, "\"")),
        ConformanceCase("U+E000, above the surrogates", bytes: bytes("\"", 0xEE, 0x80, 0x80, "\"")),
        ConformanceCase("U+10000, the first 4-byte scalar", bytes: bytes("\"", 0xF0, 0x90, 0x80, 0x80, "\"")),
        ConformanceCase("long string crossing word boundaries", "\"" + String(repeating: "abcdefg\\\"é", count: 20) + "\""),
        // Objects and arrays.
        ConformanceCase("empty object", "{}"),
        ConformanceCase("empty object with space", "{ }"),
        ConformanceCase("one member", #"{"a":1}"#),
        ConformanceCase("several members of every type", #"{"a":1,"b":"x","c":true,"d":false,"e":null,"f":{},"g":[]}"#),
        ConformanceCase("empty key", #"{"":0}"#),
        ConformanceCase("escaped key", #"{"\u0061\n":0}"#),
        ConformanceCase("duplicate keys (allowed by the grammar)", #"{"a":1,"a":2}"#),
        ConformanceCase("nested objects", #"{"a":{"b":{"c":{}}}}"#),
        ConformanceCase("empty array", "[]"),
        ConformanceCase("empty array with space", "[ ]"),
        ConformanceCase("array of every type", #"[1,"a",{},[],null,true,false]"#),
        ConformanceCase("nested arrays", "[[[[]]],[]]"),
    ]

    static let rejected: [ConformanceCase] = [
        // JSON-text: exactly one value.
        ConformanceCase("empty", "", end),
        ConformanceCase("only whitespace", " \t\r\n", end),
        ConformanceCase("two values", "1 2", "unexpected data after the value at byte 3"),
        ConformanceCase("two objects", "{} {}", "unexpected data after the value at byte 4"),
        ConformanceCase("two strings", #""a" "b""#, "unexpected data after the value at byte 5"),
        ConformanceCase("extra close", "{\"a\":1}}", "unexpected data after the value at byte 8"),
        ConformanceCase("extra array close", "[1]]", "unexpected data after the value at byte 4"),
        ConformanceCase("comma after the value", "1,", "unexpected data after the value at byte 2"),
        // Literal names are lowercase and whole.
        ConformanceCase("True", "True", "unexpected 'T' at byte 1"),
        ConformanceCase("NULL", "NULL", "unexpected 'N' at byte 1"),
        ConformanceCase("truncated null", "nul", end),
        ConformanceCase("truncated true", "tru", end),
        ConformanceCase("truncated false", "fals", end),
        ConformanceCase("misspelt null", "nulx", "unexpected 'x' at byte 4"),
        ConformanceCase("nil", "nil", "unexpected 'i' at byte 2"),
        ConformanceCase("true glued to more", "truex", "unexpected data after the value at byte 5"),
        ConformanceCase("two literals glued", "[truefalse]", "unexpected 'f' at byte 6"),
        ConformanceCase("NaN", "NaN", "unexpected 'N' at byte 1"),
        ConformanceCase("Infinity", "Infinity", "unexpected 'I' at byte 1"),
        ConformanceCase("-Infinity", "-Infinity", "invalid number at byte 1"),
        ConformanceCase("undefined", "undefined", "unexpected 'u' at byte 1"),
        // Numbers.
        ConformanceCase("leading zero", "01", "unexpected data after the value at byte 2"),
        ConformanceCase("negative leading zero", "-01", "unexpected data after the value at byte 3"),
        ConformanceCase("leading zero in array", "[00]", "unexpected '0' at byte 3"),
        ConformanceCase("plus sign", "+1", "unexpected '+' at byte 1"),
        ConformanceCase("leading dot", ".5", "unexpected '.' at byte 1"),
        ConformanceCase("trailing dot", "1.", "invalid number at byte 1"),
        ConformanceCase("dot before exponent", "1.e5", "invalid number at byte 1"),
        ConformanceCase("bare exponent", "1e", "invalid number at byte 1"),
        ConformanceCase("exponent sign only", "1e+", "invalid number at byte 1"),
        ConformanceCase("lone minus", "-", "invalid number at byte 1"),
        ConformanceCase("double minus", "--1", "invalid number at byte 1"),
        ConformanceCase("minus then space", "- 1", "invalid number at byte 1"),
        ConformanceCase("hex", "0x10", "unexpected data after the value at byte 2"),
        ConformanceCase("underscore separator", "1_000", "unexpected data after the value at byte 2"),
        ConformanceCase("two dots", "0.1.2", "unexpected data after the value at byte 4"),
        ConformanceCase("fractional exponent", "1e5.5", "unexpected data after the value at byte 4"),
        ConformanceCase("trailing dot in array", "[1.]", "invalid number at byte 2"),
        ConformanceCase("lone minus as a member value", #"{"a":-}"#, "invalid number at byte 6"),
        ConformanceCase("full-width digit", "１", "unexpected byte 0xEF at byte 1"),
        // Strings.
        ConformanceCase("unterminated string", #""abc"#, end),
        ConformanceCase("unterminated after escape", #""\"#, end),
        ConformanceCase("single quotes", "'a'", "unexpected ''' at byte 1"),
        ConformanceCase("unknown escape", #""\x""#, "invalid escape in string at byte 2"),
        ConformanceCase("escaped single quote", #""\'""#, "invalid escape in string at byte 2"),
        ConformanceCase("escaped space", #""\ ""#, "invalid escape in string at byte 2"),
        ConformanceCase("uppercase U escape", #""\U0041""#, "invalid escape in string at byte 2"),
        ConformanceCase("short unicode escape", #"["\u12"]"#, "invalid escape in string at byte 3"),
        ConformanceCase("non-hex unicode escape", #""\u12G4""#, "invalid escape in string at byte 2"),
        ConformanceCase("unicode escape with a sign", #""\u+123""#, "invalid escape in string at byte 2"),
        ConformanceCase("raw control byte", bytes: bytes("\"a", 0x01, "\""), "unescaped control character in string at byte 3"),
        ConformanceCase("raw 0x1F", bytes: bytes("\"", 0x1F, "\""), "unescaped control character in string at byte 2"),
        ConformanceCase("raw tab in string", "\"a\tb\"", "unescaped control character in string at byte 3"),
        ConformanceCase("raw newline in string", "\"a\nb\"", "unescaped control character in string at byte 3"),
        ConformanceCase("raw CR in string", "\"a\rb\"", "unescaped control character in string at byte 3"),
        ConformanceCase("control byte in a key", bytes: bytes("{\"", 0x02, "\":1}"), "unescaped control character in string at byte 3"),
        ConformanceCase(
            "control byte after 8 plain bytes", bytes: bytes("\"abcdefgh", 0x07, "\""), "unescaped control character in string at byte 10"),
        // UTF-8: only well-formed sequences (no overlongs, surrogates or values above U+10FFFF).
        ConformanceCase("lone continuation byte", bytes: bytes("\"", 0x80, "\""), "invalid UTF-8 at byte 2"),
        ConformanceCase("overlong 2-byte C0 80", bytes: bytes("\"", 0xC0, 0x80, "\""), "invalid UTF-8 at byte 2"),
        ConformanceCase("overlong 2-byte C1 BF", bytes: bytes("\"", 0xC1, 0xBF, "\""), "invalid UTF-8 at byte 2"),
        ConformanceCase("overlong 3-byte E0 80 80", bytes: bytes("\"", 0xE0, 0x80, 0x80, "\""), "invalid UTF-8 at byte 2"),
        ConformanceCase("overlong 3-byte E0 9F BF", bytes: bytes("\"", 0xE0, 0x9F, 0xBF, "\""), "invalid UTF-8 at byte 2"),
        ConformanceCase("encoded surrogate ED A0 80", bytes: bytes("\"", 0xED, 0xA0, 0x80, "\""), "invalid UTF-8 at byte 2"),
        ConformanceCase("encoded surrogate ED BF BF", bytes: bytes("\"", 0xED, 0xBF, 0xBF, "\""), "invalid UTF-8 at byte 2"),
        ConformanceCase("overlong 4-byte F0 8F BF BF", bytes: bytes("\"", 0xF0, 0x8F, 0xBF, 0xBF, "\""), "invalid UTF-8 at byte 2"),
        ConformanceCase("above U+10FFFF F4 90 80 80", bytes: bytes("\"", 0xF4, 0x90, 0x80, 0x80, "\""), "invalid UTF-8 at byte 2"),
        ConformanceCase("F5 lead byte", bytes: bytes("\"", 0xF5, 0x80, 0x80, 0x80, "\""), "invalid UTF-8 at byte 2"),
        ConformanceCase("FE byte", bytes: bytes("\"", 0xFE, "\""), "invalid UTF-8 at byte 2"),
        ConformanceCase("FF byte", bytes: bytes("\"", 0xFF, "\""), "invalid UTF-8 at byte 2"),
        ConformanceCase("Latin-1 é", bytes: bytes("\"caf", 0xE9, "\""), "invalid UTF-8 at byte 5"),
        ConformanceCase("truncated 2-byte", bytes: bytes("\"", 0xC3, "\""), "invalid UTF-8 at byte 2"),
        ConformanceCase("truncated 3-byte", bytes: bytes("\"", 0xE6, 0x97, "\""), "invalid UTF-8 at byte 2"),
        ConformanceCase("truncated 4-byte at the end", bytes: bytes("\"", 0xF0, 0x9F, 0x98), "invalid UTF-8 at byte 2"),
        ConformanceCase("invalid UTF-8 in a key", bytes: bytes("{\"", 0xFF, "\":1}"), "invalid UTF-8 at byte 3"),
        ConformanceCase("invalid UTF-8 after 8 plain bytes", bytes: bytes("\"abcdefgh", 0x80, "\""), "invalid UTF-8 at byte 10"),
        ConformanceCase("non-ASCII outside strings", bytes: bytes(0xC3, 0xA9), "unexpected byte 0xC3 at byte 1"),
        ConformanceCase(
            "byte order mark (only the framer strips it)", bytes: bytes(0xEF, 0xBB, 0xBF, "{}"), "unexpected byte 0xEF at byte 1"),
        // NUL bytes are binary data wherever they are.
        ConformanceCase("NUL alone", bytes: bytes(0x00), "NUL byte at byte 1"),
        ConformanceCase("NUL in a string", bytes: bytes("\"a", 0x00, "\""), "NUL byte at byte 3"),
        ConformanceCase("NUL as a value", bytes: bytes("[1,", 0x00, "]"), "NUL byte at byte 4"),
        ConformanceCase("NUL after a value in an array", bytes: bytes("[1", 0x00, "]"), "NUL byte at byte 3"),
        ConformanceCase("NUL after the record", bytes: bytes("{\"a\":1}", 0x00), "NUL byte at byte 8"),
        ConformanceCase("NUL inside a literal", bytes: bytes("nu", 0x00, "l"), "NUL byte at byte 3"),
        ConformanceCase("NUL where a key goes", bytes: bytes("{", 0x00), "NUL byte at byte 2"),
        // Whitespace is only space, tab, CR and LF.
        ConformanceCase("form feed", "\u{0C}1", "unexpected byte 0xC at byte 1"),
        ConformanceCase("vertical tab", "1\u{0B}", "unexpected data after the value at byte 2"),
        ConformanceCase("no-break space", "\u{A0}1", "unexpected byte 0xC2 at byte 1"),
        // Objects.
        ConformanceCase("open brace", "{", end),
        ConformanceCase("key without colon at the end", #"{"a""#, end),
        ConformanceCase("member without value at the end", #"{"a":"#, end),
        ConformanceCase("unclosed object", #"{"a":1"#, end),
        ConformanceCase("unclosed after comma", #"{"a":1,"#, end),
        ConformanceCase("trailing comma", #"{"a":1,}"#, "unexpected '}' at byte 8"),
        ConformanceCase("missing colon", #"{"a" 1}"#, "unexpected '1' at byte 6"),
        ConformanceCase("equals instead of colon", #"{"a"=1}"#, "unexpected '=' at byte 5"),
        ConformanceCase("missing value", #"{"a":}"#, "unexpected '}' at byte 6"),
        ConformanceCase("number key", "{1:1}", "unexpected '1' at byte 2"),
        ConformanceCase("single-quoted key", "{'a':1}", "unexpected ''' at byte 2"),
        ConformanceCase("bare key", "{a:1}", "unexpected 'a' at byte 2"),
        ConformanceCase("lone comma", "{,}", "unexpected ',' at byte 2"),
        ConformanceCase("missing comma", #"{"a":1 "b":2}"#, "unexpected '\"' at byte 8"),
        ConformanceCase("double comma", #"{"a":1,,"b":2}"#, "unexpected ',' at byte 8"),
        ConformanceCase("object closed by bracket", #"{"a":1]"#, "unexpected ']' at byte 7"),
        ConformanceCase("object as key", #"{{}:1}"#, "unexpected '{' at byte 2"),
        // Arrays.
        ConformanceCase("open bracket", "[", end),
        ConformanceCase("close bracket", "]", "unexpected ']' at byte 1"),
        ConformanceCase("unclosed array", "[1,2", end),
        ConformanceCase("trailing comma in array", "[1,]", "unexpected ']' at byte 4"),
        ConformanceCase("leading comma in array", "[,1]", "unexpected ',' at byte 2"),
        ConformanceCase("missing comma in array", "[1 2]", "unexpected '2' at byte 4"),
        ConformanceCase("colon in array", "[1:2]", "unexpected ':' at byte 3"),
        ConformanceCase("array closed by brace", "[1}", "unexpected '}' at byte 3"),
        ConformanceCase("mismatched nesting", "[{]}", "unexpected ']' at byte 3"),
        ConformanceCase("brace where a value goes", #"{"a":[}"#, "unexpected '}' at byte 7"),
    ]

    @Test(arguments: accepted)
    func accepts(_ c: ConformanceCase) {
        #expect(scan(c.input).error == nil)
    }

    @Test(arguments: rejected)
    func rejects(_ c: ConformanceCase) {
        #expect(scan(c.input).error?.description == c.error)
    }

    @Test func categoriesNameTheSkipReason() {
        #expect(scan("{\"a\":}").error?.category == "malformed JSON")
        #expect(scan("").error?.category == "malformed JSON")
        #expect(scan(bytes("\"", 0xFF, "\"")).error?.category == "invalid UTF-8")
        #expect(scan(bytes("{", 0x00)).error?.category == "binary data")
    }

    /// Every proper prefix of a valid record (an object or array without trailing whitespace)
    /// is rejected as unexpected end of input or an invalid number: a truncated last line
    /// never passes as a record.
    @Test func everyTruncationIsRejected() {
        let records = [
            #"{"a":1,"b":[true,false,null],"c":{"d":"e\"\u00e9"},"n":-1.5e-3}"#,
            #"[{"x":"日本😀"},[],{},0,"",12345678901234567890]"#,
        ]
        for record in records {
            let full = Array(record.utf8)
            #expect(scan(full).error == nil)
            for length in 0..<full.count {
                let error = scan(Array(full[0..<length])).error
                #expect(error != nil, "prefix of \(length) bytes accepted")
                if let error {
                    #expect([.unexpectedEnd, .invalidNumber, .invalidUTF8].contains(error.reason), "prefix \(length): \(error)")
                }
            }
        }
    }

    /// Nesting is handled without recursion: 200,000 levels are just a long record.
    @Test func deepNesting() {
        let depth = 200_000
        let arrays = [UInt8](repeating: UInt8(ascii: "["), count: depth) + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
        #expect(scan(arrays).error == nil)
        let open = [UInt8](repeating: UInt8(ascii: "["), count: depth)
        #expect(scan(open).error == JSONError(.unexpectedEnd, at: depth))
        let objects =
            Array(String(repeating: #"{"a":"#, count: depth).utf8) + Array("1".utf8)
            + [UInt8](repeating: UInt8(ascii: "}"), count: depth)
        let scanned = scan(objects, paths: [path("a.a.a")])
        #expect(scanned.error == nil)
        #expect(scanned.slots[0].kind == .object)
        let mismatched = [UInt8](repeating: UInt8(ascii: "["), count: depth) + [UInt8(ascii: "}")]
        #expect(scan(mismatched).error == JSONError(.unexpectedByte(UInt8(ascii: "}")), at: depth))
    }

    /// Random short texts over JSON's alphabet (and bytes JSON forbids): every one gets a
    /// verdict, an error points into the text (or at its end), and whitespace around a text
    /// does not change the verdict.
    @Test func randomBytesGetAVerdictThatPointsIntoThem() throws {
        var rng = SplitMix64(seed: 0x5EED_0001)
        let alphabet =
            Array(#"{}[]:,"\ -+.0123456789eEtrufalsn"#.utf8) + [0x00, 0x09, 0x0A, 0x0D, 0x80, 0xC3, 0xA9, 0xE6, 0xF0, 0xFF, 0x75]
        var valid = 0
        for _ in 0..<20_000 {
            let length = Int(rng.next() % 24)
            let input = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let error = scan(input).error
            let padded = scan([0x20, 0x09] + input + [0x0D, 0x0A]).error
            if let error {
                #expect(error.offset >= 0 && error.offset <= input.count, "\(input): \(error)")
                // Still an error, found in the text, not in the blanks around it.
                let offset = try #require(padded?.offset, "\(input): \(error), padded: valid")
                #expect(offset >= 2 && offset <= input.count + 4, "\(input): \(error), padded: \(String(describing: padded))")
            } else {
                valid += 1
                #expect(padded == nil, "\(input) is valid, padded: \(String(describing: padded))")
            }
        }
        // Some of the short random texts are valid JSON (digits, literals); most are not.
        #expect(valid > 100 && valid < 10_000, "\(valid) valid")
    }

    /// Damage to one byte of a valid record. The bytes before the damage are a valid start of
    /// a JSON text, so the scanner cannot report an error before the token that holds the
    /// damaged byte (a string from its quote, a number or a literal from its first byte): a NUL
    /// or a byte that is never UTF-8 (0xFF) is an error between that start and the byte itself;
    /// other damage is valid JSON or an error at or after that start.
    @Test func singleByteDamageIsFoundWhereItIs() {
        let record = Array(#"{"level":"error","n":[1,2.5e3,-0],"s":"\u00e9\n","t":true,"z":null}"#.utf8)
        #expect(scan(record).error == nil)
        // Where the token of each byte starts.
        var tokenStart = Array(record.indices)
        var stringStart: Int?
        var escaped = false
        for i in record.indices {
            let byte = record[i]
            if let start = stringStart {
                tokenStart[i] = start
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { stringStart = nil }
            } else if byte == 0x22 {
                stringStart = i
            } else if i > 0, Self.isWordByte(byte), Self.isWordByte(record[i - 1]) {
                tokenStart[i] = tokenStart[i - 1]
            }
        }
        #expect(tokenStart[28] == 24 && tokenStart[56] == 53 && tokenStart[41] == 38, "2.5e3, true and \"\\u00e9\\n\" are tokens")
        for i in record.indices {
            for replacement: UInt8 in [0x00, 0xFF] {
                var damaged = record
                damaged[i] = replacement
                let offset = scan(damaged).error?.offset ?? -1
                #expect(offset >= tokenStart[i] && offset <= i, "0x\(String(replacement, radix: 16)) at \(i): error at \(offset)")
            }
            for replacement: UInt8 in [0x22, 0x5C, 0x7B, 0x5D, 0x2C, 0x20] {
                var damaged = record
                damaged[i] = replacement
                if let error = scan(damaged).error {
                    #expect(error.offset >= tokenStart[i] && error.offset <= record.count, "\(replacement) at \(i): \(error)")
                }
            }
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2E || byte == 0x2D || byte == 0x2B || byte == 0x45
    }
}
