import LoupeJSON
import LoupeTestSupport
import Testing

@testable import LoupeEngine

/// Random lines through the chunk loop: every line that is not blank is read as a record or
/// skipped, exactly once, and the loop's one-pass line scan agrees with the scanner on each
/// line alone.
@Suite("ChunkProcessor on random lines")
struct ChunkProcessorPropertyTests {
    static let alphabet = Array(#"{}[]:,"\ -+.0123456789eEtrufalsn"#.utf8) + [0x00, 0x09, 0x0D, 0x80, 0xC3, 0xA9, 0xFF, 0x61]
    static let records = [
        #"{"a":1}"#, #"{"a":2,"b":"x"}"#, #" {"a":1} "#, "[1,2]", "42", #""a""#, "true", #"{"a":{"b":[1,{"c":null}]}}"#,
        "{\"a\":1}\r", #"{"a":"\u0031"}"#,
    ]

    /// A line: a valid record, a record with one byte damaged, random bytes, or blanks.
    static func line(_ rng: inout SplitMix64) -> [UInt8] {
        switch rng.next() % 4 {
        case 0:
            return Array(records[Int(rng.next() % UInt64(records.count))].utf8)
        case 1:
            var bytes = Array(records[Int(rng.next() % UInt64(records.count))].utf8)
            bytes[Int(rng.next() % UInt64(bytes.count))] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
            return bytes
        case 2:
            return (0..<Int(rng.next() % 16)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
        default:
            return (0..<Int(rng.next() % 3)).map { _ in [0x20, 0x09, 0x0D][Int(rng.next() % 3)] }
        }
    }

    static func isBlank(_ line: [UInt8]) -> Bool { line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }

    static func isValid(_ line: [UInt8]) -> Bool {
        var scanner = JSONScanner(paths: PathSet([]))
        return line.withUnsafeBufferPointer { scanner.scan($0.baseAddress!, count: $0.count) } == nil
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func everyLineIsReadOrSkippedOnce(_ seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        // The first line is never blank: a byte order mark there would be allowed.
        let lines = [Array("{}".utf8)] + (0..<3000).map { _ in Self.line(&rng) }
        let bytes: [UInt8] = lines.flatMap { $0 + [UInt8(0x0A)] }
        let nonBlank = lines.filter { !Self.isBlank($0) }
        let valid = nonBlank.filter(Self.isValid)
        #expect(valid.count > 500 && valid.count < nonBlank.count - 500, "\(valid.count) of \(nonBlank.count)")

        let all = EngineHarness.process(try EngineHarness.program("*"), bytes)
        #expect(all.records + all.skipped.total == nonBlank.count)
        #expect(all.records == valid.count)
        #expect(all.matchCount == valid.count)

        // With a prefilter, only candidate lines are parsed, and the selection is that of the
        // evaluator on each line alone.
        let program = try EngineHarness.program("a == 1")
        let selective = EngineHarness.process(program, bytes)
        #expect(selective.records + selective.skipped.total <= nonBlank.count)
        var evaluator = RecordEvaluator(program: program)
        let matching = nonBlank.filter { line in
            guard case .match = line.withUnsafeBufferPointer({ evaluator.evaluate($0.baseAddress!, $0.count) }) else { return false }
            return true
        }
        #expect(matching.count > 100)
        #expect(selective.matchCount == matching.count)
    }
}
