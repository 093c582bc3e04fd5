import LoupeIO
import LoupeTestSupport
import Testing

@testable import LoupeJSON

/// Reads every token of `text` (a stream read `step` bytes at a time into a window of
/// `window` bytes); tokens with text are written `kind:text`.
private func tokens(_ text: [UInt8], step: Int, window: Int) -> (tokens: [String], error: JSONError?) {
    var reader = JSONReader(OpenedInput(name: "m", body: .stream(SteppedStream(text, step: step))), blockSize: window)
    var out: [String] = []
    do {
        while true {
            let token = try reader.next()
            switch token {
            case .key: out.append("key:" + reader.textString())
            case .string: out.append("str:" + reader.textString())
            case .number: out.append("num:" + String(decoding: reader.text, as: UTF8.self))
            case .endOfInput: return (out, nil)
            default: out.append("\(token)")
            }
        }
    } catch {
        return (out, error)
    }
}

/// Reads exactly one JSON text: anything after the first value is an error.
private func readsOneValue(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
        var reader = JSONReader(bytes: buffer)
        do {
            let first = try reader.next()
            guard first != .endOfInput else { return false }
            try reader.skip(first)
            return try reader.next() == .endOfInput
        } catch {
            return false
        }
    }
}

@Suite("JSONReader") struct JSONReaderTests {
    static let sample = Array(
        #"  {"a": [1, -2.5e3, true, false, null], "b\u00e9": "x\"y", "long": "\#(String(repeating: "z", count: 300))", "o": {}}"#.utf8)
    static let expected = [
        "beginObject", "key:a", "beginArray", "num:1", "num:-2.5e3", "true", "false", "null", "endArray", "key:bé", "str:x\"y", "key:long",
        "str:" + String(repeating: "z", count: 300), "key:o", "beginObject", "endObject", "endObject",
    ]

    @Test(arguments: [1, 3, 15, 100, 65535, 65537])
    func tokensAtAwkwardReadSizes(step: Int) {
        for window in [1, 3, 15, 64, 1 << 20] {
            let (got, error) = tokens(Self.sample, step: step, window: window)
            #expect(error == nil)
            #expect(got == Self.expected, "step \(step), window \(window)")
        }
    }

    @Test func concatenatedValuesAndLines() {
        let (got, error) = tokens(Array("{\"a\":1}\n{\"a\":2} [3]".utf8), step: 2, window: 4)
        #expect(error == nil)
        #expect(
            got == [
                "beginObject", "key:a", "num:1", "endObject", "beginObject", "key:a", "num:2", "endObject", "beginArray", "num:3",
                "endArray",
            ])
    }

    /// Found by Fuzz/ (json-reader): a number that ends the stream was read through a pointer
    /// into the window's old buffer, after the last (empty) refill had moved the window; the
    /// token's text got a negative length (a trap) or bytes of freed memory.
    @Test(arguments: [1, 2, 3, 15, 100])
    func aNumberAtTheEndOfAStream(step: Int) {
        for window in [1, 2, 3, 15, 64] {
            #expect(tokens(Array("-0.1".utf8), step: step, window: window) == (["num:-0.1"], nil), "window \(window)")
            #expect(tokens(Array(" 42".utf8), step: step, window: window) == (["num:42"], nil), "window \(window)")
            #expect(tokens(Array("{}\n12345".utf8), step: step, window: window) == (["beginObject", "endObject", "num:12345"], nil))
            let (got, error) = tokens(Array("[1,23".utf8), step: step, window: window)
            #expect(got == ["beginArray", "num:1", "num:23"], "window \(window)")
            #expect(error == JSONError(.unexpectedEnd, at: 5), "window \(window)")
        }
    }

    /// Found by Fuzz/ (the trace decoders, on Zipkin's Chinese sample): a multi-byte UTF-8
    /// character cut by the end of a read was reported as invalid UTF-8, so a stream of valid
    /// non-ASCII text lost records depending on how its bytes arrived.
    @Test(arguments: [1, 2, 3, 15])
    func aCharacterCutByAReadIsNotInvalid(step: Int) {
        let text = Array(#"{"服务":"订单维护服务","é":"ü€𝄞"}"#.utf8)
        for window in [1, 2, 3, 5, 15, 64] {
            let (got, error) = tokens(text, step: step, window: window)
            #expect(error == nil, "window \(window)")
            #expect(got == ["beginObject", "key:服务", "str:订单维护服务", "key:é", "str:ü€𝄞", "endObject"], "window \(window)")
            // A sequence that really is cut short is still invalid, at the same offset as in memory.
            let (_, cutError) = tokens(Array(#"["€"#.utf8).dropLast(), step: step, window: window)
            #expect(cutError == JSONError(.invalidUTF8, at: 2), "window \(window)")
        }
    }

    @Test func aByteOrderMarkIsSkipped() {
        let (got, error) = tokens([0xEF, 0xBB, 0xBF] + Array("[1]".utf8), step: 1, window: 2)
        #expect(error == nil)
        #expect(got == ["beginArray", "num:1", "endArray"])
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var text: String
        var offset: Int
        var testDescription: String { text }
    }

    @Test(arguments: [
        Bad(text: "{\"a\":1,}", offset: 7), Bad(text: "[1 2]", offset: 3), Bad(text: "{\"a\" 1}", offset: 5), Bad(text: "[tru]", offset: 4),
        Bad(text: "{\"a\":[1,2", offset: 9), Bad(text: "[01]", offset: 2), Bad(text: "\"ab", offset: 3),
        // Found by Fuzz/ (json-reader): a string or number cut by the end of a stream was
        // reported one window shift too far (offset 4 for the 3 bytes of `{"a`), because the
        // last, empty refill had already moved the window when the offset was made absolute.
        Bad(text: "{\"a", offset: 3), Bad(text: "[1.", offset: 1), Bad(text: "[1,\"ab", offset: 6), Bad(text: "[-", offset: 1),
    ])
    func errorsCarryTheirAbsoluteOffset(_ bad: Bad) {
        for step in [1, 4, 100] {
            let (_, error) = tokens(Array(bad.text.utf8), step: step, window: 2)
            #expect(error?.offset == bad.offset, "step \(step): \(error.map(\.description) ?? "no error")")
        }
    }

    @Test func invalidUTF8IsAnError() {
        let (_, error) = tokens(Array("[\"a".utf8) + [0xFF] + Array("\"]".utf8), step: 1, window: 8)
        #expect(error?.reason == .invalidUTF8)
    }

    /// 200,000 nested arrays: skipping them must not recurse.
    @Test func deepNestingIsSkippedIteratively() {
        let depth = 200_000
        let text = [UInt8](repeating: UInt8(ascii: "["), count: depth) + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
        #expect(readsOneValue(text))
        #expect(!readsOneValue(Array(text.dropLast())))
    }

    @Test func resynchronizesAtTheNextLine() throws {
        let text = Array("{\"a\":tru}\n{\"a\":2}\n".utf8)
        let result: (threw: Bool, resumed: Bool, value: Int64?) = text.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(bytes: buffer)
            var threw = false
            do { while try reader.next() != .endOfInput {} } catch { threw = true }
            do {
                let resumed = try reader.resynchronizeAtNextLine()
                guard try reader.next() == .beginObject, try reader.next() == .key else { return (threw, resumed, nil) }
                return (threw, resumed, try reader.readInteger())
            } catch {
                return (threw, false, nil)
            }
        }
        #expect(result.threw)
        #expect(result.resumed)
        #expect(result.value == 2)
    }

    @Test func copyWritesCompactJSON() throws {
        let text = Array(#"{ "k" : [ 1 , {"x": "a\u0041"}, [], {} ] , "z":null }"#.utf8)
        try text.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(bytes: buffer)
            var out: [UInt8] = []
            try reader.copy(try reader.next(), into: &out)
            #expect(String(decoding: out, as: UTF8.self) == #"{"k":[1,{"x":"aA"},[],{}],"z":null}"#)
        }
    }

    @Test(arguments: ["123", "\"1544712660000000000\"", "1.5e3", "-7", "1485467191639875.0"])
    func integers(_ text: String) throws {
        let bytes = Array("[\(text)]".utf8)
        let value = try bytes.withUnsafeBufferPointer { buffer -> Int64? in
            var reader = JSONReader(bytes: buffer)
            _ = try reader.next()
            return try reader.readInteger()
        }
        let expected: [String: Int64] = [
            "123": 123, "\"1544712660000000000\"": 1_544_712_660_000_000_000, "1.5e3": 1500, "-7": -7,
            "1485467191639875.0": 1_485_467_191_639_875,
        ]
        #expect(value == expected[text])
    }
}

/// Every Int64 reads back as itself, as a number and as a string, the bounds included; one
/// past them is no integer (Int64.min was lost: probe finding).
@Test func everyInt64ReadsBackAsItself() throws {
    var rng = SplitMix64(seed: 3)
    let edges: [Int64] = [.min, .min + 1, -1, 0, 1, .max - 1, .max]
    for value in edges + (0..<2_000).map({ _ in Int64(bitPattern: rng.next()) >> Int64(rng.next() % 64) }) {
        for text in [String(value), "\"\(value)\""] {
            let bytes = Array(text.utf8)
            let read = bytes.withUnsafeBufferPointer { buffer in
                JSONReader.integer(UnsafeBufferPointer(rebasing: buffer[(text.first == "\"" ? 1 : 0)..<(buffer.count - (text.first == "\"" ? 1 : 0))]))
            }
            #expect(read == value, "\(text)")
        }
    }
    for text in ["9223372036854775808", "-9223372036854775809"] {
        #expect(Array(text.utf8).withUnsafeBufferPointer { JSONReader.integer($0) } == nil, "\(text)")
    }
}

/// The reader against the JSONTestSuite corpus: exactly one value per file.
@Suite("JSONTestSuite (reader)", .enabled(if: JSONTestSuite.isPresent, "../shared/corpus/jsontestsuite is not beside the repository"))
struct JSONReaderTestSuiteTests {
    @Test(arguments: JSONTestSuite.files(prefix: "y_"))
    func accepts(_ name: String) {
        #expect(readsOneValue(JSONTestSuite.contents(name)))
    }

    @Test(arguments: JSONTestSuite.files(prefix: "n_"))
    func rejects(_ name: String) {
        #expect(!readsOneValue(JSONTestSuite.contents(name)))
    }

    /// Like the scanner, except that a leading byte order mark is accepted (the reader sees
    /// whole files; the scanner sees lines after the framer stripped it).
    @Test(arguments: JSONTestSuite.files(prefix: "i_"))
    func decidesImplementationDefined(_ name: String) {
        let rejected = JSONTestSuite.rejectedImplementationDefined.subtracting(["i_structure_UTF-8_BOM_empty_object.json"])
        #expect(readsOneValue(JSONTestSuite.contents(name)) == !rejected.contains(name))
    }
}
