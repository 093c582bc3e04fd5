import Glibc

extension String {
    /// `value` with `decimals` digits after the point, rounded as C's `printf("%.*f")` rounds
    /// (Foundation's `String(format:)` without Foundation).
    init(_ value: Double, decimals: Int) {
        var buffer = [CChar](repeating: 0, count: 64)
        // %f of a large number has as many digits as its integer part: ask for room, then retry.
        for _ in 0..<2 {
            let needed = withVaList([Int32(decimals), value]) { vsnprintf(&buffer, buffer.count, "%.*f", $0) }
            if Int(needed) < buffer.count {
                self = buffer.withUnsafeBufferPointer { String(decoding: $0.prefix(Int(needed)).map(UInt8.init(bitPattern:)), as: UTF8.self) }
                return
            }
            buffer = [CChar](repeating: 0, count: Int(needed) + 1)
        }
        preconditionFailure("vsnprintf asked for more room twice")
    }
}
