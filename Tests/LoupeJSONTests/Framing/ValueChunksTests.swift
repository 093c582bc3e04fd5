import LoupeIO
import LoupeTestSupport
import Testing

@testable import LoupeJSON

/// JSON values, arrays of records and RFC 7464 sequences cut into records (`ValueChunks`,
/// `ValueFraming`): the written bytes and the JSON of every record, the same at every block
/// size and read size (STYLE 3), for mapped and streamed input.
@Suite("ValueChunks") struct ValueChunksTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var mode: ValueFraming.Mode
        var input: String
        /// Each record's JSON text, in order.
        var records: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "one-line array", mode: .values, input: #"[{"a":1},{"a":2}]"#, records: [#"{"a":1}"#, #"{"a":2}"#]),
        Case(
            name: "pretty array", mode: .values, input: "[\n  {\n    \"a\": 1\n  },\n  {\n    \"a\": [2, {\"b\": \"]}\"}]\n  }\n]\n",
            records: ["{\n    \"a\": 1\n  }", "{\n    \"a\": [2, {\"b\": \"]}\"}]\n  }"]),
        Case(name: "empty array", mode: .values, input: "[]\n", records: []),
        Case(name: "arrays one after another", mode: .values, input: "[{\"a\":1}]\n[{\"a\":2}]\n", records: [#"{"a":1}"#, #"{"a":2}"#]),
        Case(
            name: "concatenated pretty", mode: .values, input: "{\n  \"a\": 1\n}\n{\n  \"a\": 2\n}",
            records: ["{\n  \"a\": 1\n}", "{\n  \"a\": 2\n}"]),
        Case(name: "no separator", mode: .values, input: #"{"a":1}{"a":"}{"}"#, records: [#"{"a":1}"#, #"{"a":"}{"}"#]),
        Case(name: "escaped quotes", mode: .values, input: #"{"a":"x\"}"} {"b":"\\"}"#, records: [#"{"a":"x\"}"}"#, #"{"b":"\\"}"#]),
        Case(
            name: "byte order marks between files", mode: .values, input: "\u{FEFF}{\"a\":1}\n\u{FEFF}{\"a\":2}\n",
            records: [#"{"a":1}"#, #"{"a":2}"#]),
        Case(name: "scalars", mode: .values, input: "1 \"two\" true null\n", records: ["1", "\"two\"", "true", "null"]),
        // Broken values: each is one record (the scanner then rejects it); the next is read.
        Case(
            name: "wrong closer", mode: .values, input: "{\"a\":[1}\n{\"a\":2}\n", records: ["{\"a\":[1}", #"{"a":2}"#]),
        Case(
            name: "missing closer", mode: .values, input: "{\"a\":1\n{\"a\":2}\n{\"a\":3}\n",
            records: ["{\"a\":1", #"{"a":2}"#, #"{"a":3}"#]),
        Case(
            name: "line end in a string", mode: .values, input: "{\"a\":\"x\n}\n{\"a\":2}\n", records: ["{\"a\":\"x\n}", #"{"a":2}"#]),
        Case(
            name: "broken element of a pretty array", mode: .values,
            input: "[\n  {\n    \"a\": 1,\n  },\n  {\n    \"a\": [2\n  },\n  {\n    \"a\": 3\n  }\n]\n",
            records: ["{\n    \"a\": 1,\n  }", "{\n    \"a\": [2\n  },", "{\n    \"a\": 3\n  }"]),
        Case(
            name: "text between values", mode: .values, input: "{\"a\":1}\noops\n{\"a\":2}\n", records: [#"{"a":1}"#, "oops", #"{"a":2}"#]),
        Case(name: "cut array", mode: .values, input: "[{\"a\":1},{\"a\":2}", records: [#"{"a":1}"#, #"{"a":2}"#, "["]),
        Case(name: "cut value", mode: .values, input: "{\"a\":1}\n{\"a\":", records: [#"{"a":1}"#, "{\"a\":"]),
        // Wrapper objects: the elements of the array at a `RecordWrapper` path are the records.
        Case(
            name: "kubectl list", mode: .wrapped,
            input: "{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n        {\"a\": 1},\n        {\"a\": 2}\n    ],\n"
                + "    \"kind\": \"List\",\n    \"metadata\": {\"resourceVersion\": \"\"}\n}\n",
            records: [#"{"a": 1}"#, #"{"a": 2}"#]),
        Case(
            name: "elasticsearch hits", mode: .wrapped,
            input: #"{"took" : 1, "_shards" : {"total" : 1}, "hits" : {"total" : {"value" : 2}, "hits" : [{"_id":"1"},{"_id":"2"}], "x" : [3]}, "aggs" : {"b" : []}}"#,
            records: [#"{"_id":"1"}"#, #"{"_id":"2"}"#]),
        Case(
            name: "pages one after another", mode: .wrapped,
            input: "{\"events\":[{\"a\":1}],\"nextToken\":\"t\"}\n{\"events\":[{\"a\":2}]}\n[{\"a\":3}]\n",
            records: [#"{"a":1}"#, #"{"a":2}"#, #"{"a":3}"#]),
        Case(
            name: "an object that wraps nothing is a record", mode: .wrapped,
            input: "{\"Records\":[{\"a\":1}]}\n{\"hits\":{\"total\":1},\"b\":2}\n{\"items\":7}\n",
            records: [#"{"a":1}"#, #"{"hits":{"total":1},"b":2}"#, #"{"items":7}"#]),
        Case(
            name: "a wrapper cut in its records", mode: .wrapped, input: "{\"Records\":[{\"a\":1},{\"a\":",
            records: [#"{"a":1}"#, "{\"a\":"]),
        Case(name: "a wrapper cut after its records", mode: .wrapped, input: "{\"Records\":[{\"a\":1}],\"n\":", records: [#"{"a":1}"#, "{"]),
        Case(name: "a wrapper without its closing brace", mode: .wrapped, input: "{\"Records\":[{\"a\":1}]", records: [#"{"a":1}"#, "{"]),
        Case(
            name: "sequence", mode: .sequence, input: "\u{1E}{\"a\":1}\n\u{1E}{\n  \"a\": 2\n}\n",
            records: [#"{"a":1}"#, "{\n  \"a\": 2\n}"]),
        Case(
            name: "sequence with a cut text", mode: .sequence, input: "\u{1E}{\"a\":1}\n\u{1E}{\"a\":\n\u{1E}{\"a\":3}\n",
            records: [#"{"a":1}"#, "{\"a\":", #"{"a":3}"#]),
        Case(name: "sequence, empty texts", mode: .sequence, input: "\u{1E}\n\u{1E}{\"a\":1}\n\u{1E}", records: [#"{"a":1}"#]),
    ]

    static let sizes = [1, 3, 15, 100, (64 << 10) - 1, 64 << 10, (64 << 10) + 1]

    @Test(arguments: cases)
    func framesEveryRecordAtEveryBlockSize(_ c: Case) throws {
        let bytes = Array(c.input.utf8)
        for size in Self.sizes {
            for step in [1, 7, 1 << 20] {
                let streamed = OpenedInput(name: "x", body: .stream(SteppedStream(bytes, step: step)))
                #expect(try Self.records(ValueChunks(streamed, mode: c.mode, chunkSize: size)) == c.records, "block \(size), read \(step)")
            }
        }
    }

    /// The written bytes of a record are its JSON (a value is printed as it was written), and
    /// chunks cover the input without gaps, so line numbers count every line.
    @Test func chunksCoverTheInput() throws {
        let input = Array("[\n  {\"a\": 1},\n  {\"a\": 2}\n]\n".utf8)
        let reader = ValueChunks(OpenedInput(name: "x", body: .stream(SteppedStream(input, step: 5))), mode: .values, chunkSize: 3)
        var covered: [UInt8] = []
        while let chunk = try reader.next() {
            #expect(chunk.inputOffset == covered.count)
            covered += UnsafeBufferPointer(start: chunk.base, count: chunk.count)
            for frame in chunk.frames?.frames ?? [] { #expect(frame.written == frame.json) }
        }
        #expect(covered == input)
    }

    /// Random fragments of JSON, text and separators (valid or not): whatever the input, the
    /// records are the same at every block and read size, lie inside their chunk, and the
    /// chunks cover the input.
    @Test(arguments: 0..<300 as Range<UInt64>)
    func sameRecordsAtEveryBlockSizeWhateverTheInput(_ seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let pieces = [
            "{", "}", "[", "]", ",", ":", "\"", "\\", "\n", "  ", "\u{1E}", "\u{FEFF}", "{\"a\":1}", "[{\"b\":[2]}]",
            "\"str\"", "12", "true", "oops", "\n  {", "\n]", "\n{\n  \"c\": 3\n}", "{\"items\":[", "{\"hits\":{\"hits\":[",
            "\"Records\" : [",
        ]
        let text = (0..<Int.random(in: 1...80, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
        let bytes = Array(text.utf8)
        for mode in [ValueFraming.Mode.values, .wrapped, .sequence] {
            let mapped = bytes.withUnsafeBufferPointer { buffer in
                Self.framing(mode, buffer, chunkSize: 1 << 20)
            }
            for size in [1, 2, 5, 64] {
                for step in [1, 3, 1 << 20] {
                    let reader = ValueChunks(
                        OpenedInput(name: "x", body: .stream(SteppedStream(bytes, step: step))), mode: mode, chunkSize: size)
                    var covered = 0
                    var records: [String] = []
                    while let chunk = try reader.next() {
                        #expect(chunk.inputOffset == covered)
                        covered += chunk.count
                        for frame in chunk.frames?.frames ?? [] where frame.rewrittenStart < 0 {
                            #expect(frame.written.upperBound <= chunk.count && frame.json.upperBound <= chunk.count)
                        }
                    }
                    #expect(covered == bytes.count, "seed \(seed), \(mode), block \(size), read \(step)")
                    records = try Self.records(
                        ValueChunks(OpenedInput(name: "x", body: .stream(SteppedStream(bytes, step: step))), mode: mode, chunkSize: size))
                    #expect(records == mapped, "seed \(seed), \(mode), block \(size), read \(step): \(text.debugDescription)")
                }
            }
        }
    }

    /// The records of `bytes` framed in one call, as a mapped file is.
    static func framing(_ mode: ValueFraming.Mode, _ bytes: UnsafeBufferPointer<UInt8>, chunkSize: Int) -> [String] {
        guard let base = bytes.baseAddress else { return [] }
        var framing = ValueFraming(mode)
        var offset = 0
        var records: [String] = []
        while offset < bytes.count {
            let framed = framing.frame(base + offset, count: bytes.count - offset, target: chunkSize, atEnd: true)
            for frame in framed.frames.frames {
                let json = framed.frames.json(of: frame, base: base + offset)
                records.append(String(decoding: UnsafeBufferPointer(start: json.start, count: json.count), as: UTF8.self))
            }
            offset += framed.consumed
        }
        return records
    }

    static func records(_ reader: ValueChunks) throws -> [String] {
        var records: [String] = []
        while let chunk = try reader.next() {
            guard let frames = chunk.frames else { continue }
            for frame in frames.frames {
                let json = frames.json(of: frame, base: chunk.base)
                records.append(String(decoding: UnsafeBufferPointer(start: json.start, count: json.count), as: UTF8.self))
            }
        }
        return records
    }
}
