/// Durations for people: `850 ns`, `12.3 µs`, `412.31 ms`, `2.41 s`, `3 m 12 s`.
package enum HumanDuration {
    package static func text(_ ns: Int64) -> String {
        let x = Double(ns)
        let magnitude = abs(x)
        if magnitude < 1_000 { return "\(ns) ns" }
        if magnitude < 1_000_000 { return fixed(x / 1e3, 1) + " µs" }
        if magnitude < 1_000_000_000 { return fixed(x / 1e6, 2) + " ms" }
        if magnitude < 60e9 { return fixed(x / 1e9, 2) + " s" }
        let seconds = Int64((x / 1e9).rounded())
        if seconds < 3600 { return "\(seconds / 60) m \(seconds % 60) s" }
        return "\(seconds / 3600) h \(seconds % 3600 / 60) m"
    }

    package static func text(_ ns: Double) -> String { text(Int64(ns.rounded())) }

    /// A share as a percentage with one decimal: `43.7%`.
    package static func percent(_ part: Int64, of whole: Int64) -> String {
        guard whole > 0 else { return "0.0%" }
        return fixed(Double(part) * 100 / Double(whole), 1) + "%"
    }

    /// `x` with exactly `digits` decimals.
    package static func fixed(_ x: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        let whole = Int64(scaled / scale)
        var fraction = String(Int64(scaled) - whole * Int64(scale))
        while fraction.count < digits { fraction = "0" + fraction }
        return (x < 0 && scaled > 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + fraction : "")
    }
}
