import Testing

@testable import LoupeJSON

@Suite("ShortBytes")
struct ShortBytesTests {
    /// At every length from 0 to 40, flipping any one byte makes the strings unequal.
    @Test(arguments: Array(0...40))
    func seesEveryByte(length: Int) {
        let a = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        #expect(Self.equal(a, a))
        for i in a.indices {
            var b = a
            b[i] ^= 0x20
            #expect(!Self.equal(a, b), "length \(length), byte \(i)")
        }
    }

    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in
                ShortBytes.equal(
                    x.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, y.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, count: a.count)
            }
        }
    }
}
