/// Text from the input made safe for SVG and HTML, in element content and in quoted attribute
/// values alike.
///
/// Guarantees: the result holds no `<`, `>`, `&`, `"` or `'` except as entities, so a span
/// named `<script>…` or `" onmouseover="…` stays text; characters XML 1.0 forbids (C0
/// controls other than tab, newline and return; U+FFFE, U+FFFF) become U+FFFD, so every
/// picture parses as XML whatever the input held.
package enum Markup {
    /// `lineBreaks`: tab, newline and return as character references (`&#10;`), which an
    /// attribute value needs to keep them (JUnit messages); else as they are.
    package static func escape(_ text: String, lineBreaks: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r":
                if lineBreaks { out += "&#\(scalar.value);" } else { out.unicodeScalars.append(scalar) }
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF || (0x7F...0x9F).contains(scalar.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `text` cut to at most `characters` characters, with `…` when cut (before escaping, so
    /// an entity is never split).
    package static func elided(_ text: String, to characters: Int) -> String {
        guard text.count > characters else { return text }
        guard characters > 1 else { return characters == 1 ? "…" : "" }
        return String(text.prefix(characters - 1)) + "…"
    }

    /// A number for an SVG attribute: at most one decimal, no exponent.
    package static func number(_ x: Double) -> String {
        let rounded = (x * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int64(rounded)) }
        return HumanDuration.fixed(rounded, 1)
    }

    /// The Content-Security-Policy of every page loupe writes: nothing may load or run (no
    /// script at all, no request anywhere); only the page's own `<style>` and inline `data:`
    /// images are allowed.
    package static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
}
