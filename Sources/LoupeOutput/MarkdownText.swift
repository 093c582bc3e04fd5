/// Text from the data inside the Markdown loupe writes (query tables, trace, hotspots, diff
/// and gate reports): shown as written, never read as markup. A service named
/// `<img src=...>` or `[x](https://...)` made an image or a link in a pull-request comment,
/// and a backtick in a name was changed to `'` (outside probe).
package enum MarkdownText {
    /// Plain text for a table cell or a line: control characters (line breaks too) shown
    /// escaped (`\u001b`, `\n`), and the characters that could start markup inside a line
    /// backslash-escaped (CommonMark allows that for any ASCII punctuation). An underscore
    /// inside a word stays: it cannot start emphasis there.
    package static func text(_ text: String) -> String {
        let scalars = Array(TerminalText.sanitize(text).unicodeScalars)
        var out = ""
        out.reserveCapacity(scalars.count)
        for (i, c) in scalars.enumerated() {
            switch c {
            // Enough to stop every construct inside a line: `[` links and images, `<` HTML
            // and autolinks, `&` entities, `*`, `_` and `~` emphasis and strikethrough, `|`
            // cells, backticks code, `\` an escape of its own.
            case "\\", "`", "*", "[", "<", "|", "&", "~":
                out.unicodeScalars.append("\\")
            case "_" where !(i > 0 && isWordScalar(scalars[i - 1]) && i + 1 < scalars.count && isWordScalar(scalars[i + 1])):
                out.unicodeScalars.append("\\")
            default:
                break
            }
            out.unicodeScalars.append(c)
        }
        return out
    }

    /// A code span that shows `text` as written: fenced by more backticks than any run in it,
    /// padded where it begins or ends with a backtick or a space. In a table cell a pipe is
    /// `\|`, which GitHub's tables need even inside code (and show as `|`).
    package static func code(_ text: String, inTable: Bool = true) -> String {
        var content = TerminalText.sanitize(text)
        if inTable && content.contains("|") {
            content = content.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
        }
        var longest = 0
        var run = 0
        for c in content.unicodeScalars {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let edges = content.first == "`" || content.last == "`" || (content.first == " " && content.last == " " && content.contains { $0 != " " })
        let pad = edges ? " " : ""
        return fence + pad + content + pad + fence
    }

    private static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c)
    }
}
