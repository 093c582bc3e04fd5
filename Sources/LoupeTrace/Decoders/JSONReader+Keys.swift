import Glibc
import LoupeJSON

/// Member names compared where the decoders run: reading the reader's stored fields inlines
/// here, where a call into LoupeJSON per comparison measurably slowed decoding.
extension JSONReader {
    /// True when the last key or string is exactly `literal` (escaped text is decoded first).
    @inline(__always)
    func keyIs(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        if textEscaped { return textIs(literal) }
        return textEnd - textStart == count && memcmp(base + textStart, literal.utf8Start, count) == 0
    }

    /// The length in bytes of the last key or string, as written.
    @inline(__always)
    var keyLength: Int { textEnd - textStart }
}
