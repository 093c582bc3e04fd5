import Foundation
import LoupeIO
import LoupeJSON
import LoupeTestSupport
import Testing

@testable import LoupeTrace

/// A `SpanID` must behave exactly as its text would: equal, ordered by bytes, hashed, printed
/// and written to JSON as the text, whether it is kept as a number (16 lowercase hex digits) or
/// as text. Compared with the text itself on random ids mixing both kinds and near misses
/// (uppercase digits, 15 or 17 digits, quotes and non-ASCII).
@Suite("Span ids")
struct SpanIDTests {
    static func randomText(_ rng: inout SplitMix64) -> String {
        let hex = Array("0123456789abcdef")
        switch rng.next() % 6 {
        case 0, 1: return String((0..<16).map { _ in hex[Int(rng.next() % 16)] })
        case 2: return String((0..<16).map { _ in hex[Int(rng.next() % 3)] })  // many ties in the leading digits
        case 3: return String((0..<(15 + Int(rng.next() % 3))).map { _ in hex[Int(rng.next() % 16)] })
        case 4: return String(format: "%016lX", rng.next())  // uppercase: not normalized, so text
        default:
            let pieces = ["span-", "a", "0", "\"", "\\", "é", "f", "\u{1}", "ffffffffffffffff"]
            return (0..<(1 + Int(rng.next() % 4))).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
        }
    }

    @Test func behavesAsItsText() {
        var rng = SplitMix64(seed: 0x5BA9)
        let texts = (0..<400).map { _ in Self.randomText(&rng) }
        let ids = texts.map { SpanID($0) }
        for (i, id) in ids.enumerated() {
            #expect(id.description == texts[i])
            var json: [UInt8] = []
            id.appendJSON(to: &json)
            var expected: [UInt8] = []
            JSONString.appendQuoted(texts[i].utf8, to: &expected)
            #expect(json == expected, "\(texts[i])")
            #expect(Array(texts[i].utf8).withUnsafeBufferPointer { SpanID(normalized: $0) } == id)
        }
        for i in ids.indices {
            for j in ids.indices {
                #expect((ids[i] == ids[j]) == (texts[i] == texts[j]), "\(texts[i]) \(texts[j])")
                #expect((ids[i] < ids[j]) == ByteOrder.less(texts[i], texts[j]), "\(texts[i]) \(texts[j])")
                if ids[i] == ids[j] { #expect(ids[i].hashValue == ids[j].hashValue) }
            }
        }
    }

    @Test func onlySixteenLowercaseHexDigitsAreNumbers() {
        #expect(SpanID("00000000000000b5").hexValue == 0xb5)
        #expect(SpanID("ffffffffffffffff").hexValue == .max)
        #expect(SpanID(hex: 0xb5).description == "00000000000000b5")
        #expect(SpanID("00000000000000B5").hexValue == nil)
        #expect(SpanID("b5").hexValue == nil)
        #expect(SpanID("000000000000000b5").hexValue == nil)
        #expect(SpanID("span-1").description == "span-1")
    }

    /// The word-at-a-time hex reading against a byte-at-a-time one: every byte value at every
    /// position of a 16-digit id, and random ids of hex digits.
    @Test func readsHexAsBytesDo() {
        func reference(_ bytes: [UInt8]) -> UInt64? {
            guard bytes.count == 16 else { return nil }
            var value: UInt64 = 0
            for b in bytes {
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt64(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt64(b - UInt8(ascii: "a") + 10)
                default: return nil
                }
            }
            return value
        }
        var cases: [[UInt8]] = []
        let hex = Array("0123456789abcdef".utf8)
        for position in 0..<16 {
            for byte in 0...255 {
                var bytes = Array("0f1e2d3c4b5a6978".utf8)
                bytes[position] = UInt8(byte)
                cases.append(bytes)
            }
        }
        var rng = SplitMix64(seed: 0x4E5)
        for _ in 0..<2000 { cases.append((0..<16).map { _ in hex[Int(rng.next() % 16)] }) }
        cases += [Array("0000000000000000".utf8), Array("ffffffffffffffff".utf8), Array("0123456789abcde".utf8)]
        for bytes in cases {
            #expect(bytes.withUnsafeBufferPointer { SpanID.value(ofHex: $0) } == reference(bytes), "\(bytes)")
        }
    }

    /// Text ids numbered by several threads at once (as the workers of a parallel decode do)
    /// come out the same on every thread, each still printing its own text. Under
    /// ThreadSanitizer (CI) this also checks that the process-wide table is really locked:
    /// with Synchronization's `Mutex`, whose lock TSan cannot see, it reported races here.
    @Test func textIdsAgreeAcrossThreads() {
        let texts = (0..<2_000).map { "thread-span-\($0 % 500)-\($0 / 500)" }
        let threads = 4
        let results = Locked([[SpanID]](repeating: [], count: threads))
        let done = DispatchGroup()
        for t in 0..<threads {
            done.enter()
            // Threads of their own, so that the work really overlaps (a dispatch pool may run
            // short items one after another on one thread); each walks the texts from a
            // different start, so first sightings collide.
            Thread {
                let shift = t * 613 % texts.count
                let ids = texts.indices.map { SpanID(texts[($0 + shift) % texts.count]) }
                let inTextOrder = texts.indices.map { ids[($0 - shift + texts.count) % texts.count] }
                results.withLock { $0[t] = inTextOrder }
                done.leave()
            }.start()
        }
        done.wait()
        let all = results.withLock { $0 }
        for t in 0..<threads {
            #expect(all[t] == all[0])
            #expect(all[t].map(\.description) == texts)
        }
    }
}
