import Glibc

extension String {
    /// `value` with `decimals` digits after the point, rounded as C's `printf("%.*f")` rounds
    /// (Foundation's `String(format:)` without Foundation).
    init(_ value: Double, decimals: Int) {
        // %f of a large number has as many digits as its integer part: ask for the length first.
        let length = withVaList([Int32(decimals), value]) { vsnprintf(nil, 0, "%.*f", $0) }
        var buffer = [CChar](repeating: 0, count: Int(length) + 1)
        _ = withVaList([Int32(decimals), value]) { vsnprintf(&buffer, buffer.count, "%.*f", $0) }
        self = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
