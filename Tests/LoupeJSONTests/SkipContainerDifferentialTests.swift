import LoupeIO
import LoupeTestSupport
import Testing

@testable import LoupeJSON

/// `JSONReader.skipContainer` against skipping token by token: a random value, valid or
/// damaged, is passed over after a key, as an array's first element and as an object's last
/// member, in a
/// document read whole or as a stream in small windows; whether the fast skip is taken or
/// declined, the tokens after it, the error (reason and offset) and the line numbers must be
/// those of `skipValue`.
@Suite("JSONReader.skipContainer, differential")
struct SkipContainerDifferentialTests {
    /// Where the skipped value sits: the reader is brought to it by `lead` tokens.
    static let shapes: [(prefix: String, lead: Int, suffix: String)] = [
        (#"{"k" : "#, 2, #","z":[1,"two"]}"#),
        ("[", 1, ",3]"),
        ("{\"a\":1,\n\"k\":", 4, "\n}"),
    ]

    @Test(arguments: 0..<shapes.count)
    func agreesWithTokenSkipping(_ shape: Int) {
        var random = SplitMix64(seed: 0x5C1F_0000 + UInt64(shape))
        var scanner = JSONScanner(paths: PathSet([]))
        var taken = 0
        var failures = 0
        for round in 0..<3000 where failures < 5 {
            var value = ""
            RandomJSON.value(&value, &random, [[""], ["", " "], ["", "\t", "\r", "\n"]][round % 3], depth: 0, object: round % 4 != 3 ? nil : true)
            var bytes = Array(value.utf8)
            if random.next() % 2 == 0 { RandomJSON.damage(&bytes, &random) }
            let (prefix, lead, suffix) = Self.shapes[shape]
            let document = Array(prefix.utf8) + bytes + Array(suffix.utf8)
            for step in [document.count + 1, 1 + Int(random.next() % 40)] {
                let expected = Self.read(document, step: step, lead: lead) { reader, _ in false }
                let got = Self.read(document, step: step, lead: lead) { reader, skipped in
                    let fast = reader.skipContainer(validatingWith: &scanner) { _ in true }
                    if fast { skipped = true }
                    return fast
                }
                if got.skipped { taken += 1 }
                if got.tokens != expected.tokens || got.error != expected.error || got.lines != expected.lines {
                    Issue.record(
                        "round \(round), step \(step): \(String(decoding: document, as: UTF8.self).debugDescription)\n fast: \(got)\n slow: \(expected)")
                    failures += 1
                }
            }
        }
        // The fast skip must actually run on a good share of the inputs, or this test would
        // compare the slow path with itself.
        #expect(taken > 600)
    }

    /// The tokens after the skipped value, the first error, and the line after each token.
    private static func read(
        _ document: [UInt8], step: Int, lead: Int, fastSkip: (inout JSONReader, inout Bool) -> Bool
    ) -> (tokens: [String], error: JSONError?, lines: [Int?], skipped: Bool) {
        var reader = JSONReader(OpenedInput(name: "m", body: .stream(SteppedStream(document, step: step))), blockSize: step > document.count ? 1 << 16 : 64)
        var tokens: [String] = []
        var lines: [Int?] = []
        var skipped = false
        do {
            for _ in 0..<lead { _ = try reader.next() }
            if !fastSkip(&reader, &skipped) { try reader.skipValue() }
            while true {
                let token = try reader.next()
                lines.append(reader.line)
                switch token {
                case .key, .string: tokens.append("\(token):" + reader.textString())
                case .number: tokens.append("num:" + String(decoding: reader.text, as: UTF8.self))
                case .endOfInput: return (tokens, nil, lines, skipped)
                default: tokens.append("\(token)")
                }
            }
        } catch {
            return (tokens, error, lines, skipped)
        }
    }
}
