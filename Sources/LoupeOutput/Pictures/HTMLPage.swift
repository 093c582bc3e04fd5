/// The frame of every HTML page loupe writes: one self-contained file that opens offline by
/// double click.
///
/// Guarantees: the page declares UTF-8 and a Content-Security-Policy that lets nothing load or
/// run (`Markup.contentSecurityPolicy`); it holds no `<script>`, no event handler attribute and
/// no link to anything outside itself; `title` is escaped here, `body` must be escaped markup.
package enum HTMLPage {
    package static func document(title: String, body: String) -> String {
        head(title: title) + body + tail
    }

    package static let tail = "</body>\n</html>\n"

    /// Everything before the body's content.
    package static func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta http-equiv="Content-Security-Policy" content="\(Markup.contentSecurityPolicy)"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="loupe"/>
        <title>\(Markup.escape(title))</title>
        <style>\(style)</style>
        </head>
        <body>

        """
    }

    static let style =
        "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#1b1b1b;background:#fff}"
        + "h1{font-size:20px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}"
        + "h3{font-size:15px;margin:18px 0 6px}p.note{color:#555;margin:4px 0 12px}"
        + "pre{font:12px/1.35 ui-monospace,Menlo,Consolas,monospace;background:#f6f6f6;padding:10px;overflow-x:auto}"
        + "svg{display:block;max-width:100%;height:auto}section.trace{margin-bottom:40px}"
        + "table{border-collapse:collapse;font-size:13px;margin:6px 0 12px}"
        + "th,td{border:1px solid #ddd;padding:3px 8px;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}"
        + "th{background:#f3f3f3}"

    /// A table of escaped cells; `numeric[i]` right-aligns column i.
    package static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) -> String {
        var out = "<table><thead><tr>" + header.map { "<th>\(Markup.escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() { out += (numeric.contains(i) ? "<td class=\"n\">" : "<td>") + Markup.escape(cell) + "</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody></table>\n"
    }
}
