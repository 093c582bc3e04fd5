/// Float comparison with the tolerance TRACE-SEMANTICS section 7 holds loupe's JSON to:
/// relative 1e-9, absolute 1e-12 near 0.
func close(_ a: Double?, _ b: Double?, relative: Double = 1e-9) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    if a == b { return true }
    return abs(a - b) <= max(1e-12, relative * max(abs(a), abs(b)))
}
