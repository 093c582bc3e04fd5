import CLoupeSearch
import LoupeTestSupport
import Testing

/// `loupe_container_end`, the splitter's scan for the end of an object or array, against a
/// byte-by-byte reading of the same rule: brackets counted outside strings, a backslash in a
/// string skipping the byte after it. Both vector kernels (SSE2, and AVX2 where the CPU has it)
/// on random values with strings, escapes, brackets inside strings and damage, long enough to
/// cross several 64-byte steps, started at every opening bracket.
@Suite("Container end")
struct ContainerEndTests {
    /// The rule, one byte at a time: the offset one past the closing bracket, or nil.
    static func reference(_ bytes: [UInt8], from start: Int) -> Int? {
        var depth = 0
        var inString = false
        var i = start
        while i < bytes.count {
            let c = bytes[i]
            if inString {
                if c == UInt8(ascii: "\\") {
                    i += 2
                    continue
                }
                if c == UInt8(ascii: "\"") { inString = false }
            } else {
                switch c {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default: break
                }
            }
            i += 1
        }
        return nil
    }

    static func randomValue(_ rng: inout SplitMix64, depth: Int = 0) -> String {
        let pieces = [#""a""#, #""q\"{""#, #""\\""#, #""]}[{""#, "1", " ", "\n", #""\\\"x""#, "true", "\"é\""]
        switch rng.next() % (depth > 6 ? 2 : 5) {
        case 0: return pieces[Int(rng.next() % UInt64(pieces.count))]
        case 1: return String(repeating: "x", count: Int(rng.next() % 70))
        case 2:
            let members = (0..<Int(rng.next() % 5)).map { _ in "\"k\":" + randomValue(&rng, depth: depth + 1) }
            return "{" + members.joined(separator: ",") + "}"
        default:
            let elements = (0..<Int(rng.next() % 6)).map { _ in randomValue(&rng, depth: depth + 1) }
            return "[" + elements.joined(separator: ",") + "]"
        }
    }

    @Test func kernelsFollowTheRule() {
        var kernels: [(String, (UnsafePointer<UInt8>, UnsafePointer<UInt8>) -> UnsafePointer<UInt8>?)] = [
            ("dispatch", { loupe_container_end($0, $1) }), ("sse2", { loupe_container_end_sse2($0, $1) }),
        ]
        if loupe_has_avx2() != 0 { kernels.append(("avx2", { loupe_container_end_avx2($0, $1) })) }
        var rng = SplitMix64(seed: 0xC0E)
        for round in 0..<400 {
            var bytes = Array(("[" + Self.randomValue(&rng) + "," + Self.randomValue(&rng) + "]").utf8)
            // Damage: a byte dropped, changed or cut off, so that some containers never close.
            if round % 3 == 0, !bytes.isEmpty {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes.remove(at: at)
                case 1: bytes[at] = [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "}"), UInt8(ascii: "[")][Int(rng.next() % 4)]
                default: bytes.removeSubrange(at...)
                }
            }
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for start in buffer.indices where buffer[start] == UInt8(ascii: "{") || buffer[start] == UInt8(ascii: "[") {
                    let expected = Self.reference(bytes, from: start)
                    for (name, kernel) in kernels {
                        let got = kernel(base + start, base + buffer.count).map { $0 - base }
                        #expect(got == expected, "\(name), round \(round), from \(start): \(String(decoding: bytes, as: UTF8.self))")
                    }
                }
            }
        }
    }
}
