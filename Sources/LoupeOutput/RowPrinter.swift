import LoupeEngine

/// The output formats for result rows.
package enum TableFormat: String, CaseIterable, Sendable {
    case table, json, jsonl, csv, tsv, markdown
}

/// Renders a `RowSet` in one of the `TableFormat`s. Column order follows the query; row order
/// is the rows' order.
package struct RowPrinter {
    let format: TableFormat
    let color: Bool
    /// The text goes to a terminal: control characters in values are shown escaped in every
    /// format (tables and markdown always do so).
    let forTerminal: Bool

    package init(format: TableFormat, color: Bool, forTerminal: Bool = false) {
        self.format = format
        self.color = color
        self.forTerminal = forTerminal
    }

    package func render(_ set: RowSet) -> String {
        let text = renderFormat(set)
        switch format {
        case .csv, .tsv, .json, .jsonl: return forTerminal ? TerminalText.sanitizeKeepingLineBreaks(text) : text
        case .table, .markdown: return text
        }
    }

    private func renderFormat(_ set: RowSet) -> String {
        switch format {
        case .table: return renderTable(set)
        case .json:
            if set.rows.isEmpty { return "[]\n" }
            return "[\n" + set.rows.map { String(decoding: set.jsonLine($0), as: UTF8.self) }.joined(separator: ",\n") + "\n]\n"
        case .jsonl:
            return set.rows.map { String(decoding: set.jsonLine($0), as: UTF8.self) + "\n" }.joined()
        case .csv:
            return ([set.columns.map(csvField)] + set.rows.map { $0.map { csvField($0.plainText) } })
                .map { $0.joined(separator: ",") + "\n" }.joined()
        case .tsv:
            return ([set.columns.map(tsvField)] + set.rows.map { $0.map { tsvField($0.plainText) } })
                .map { $0.joined(separator: "\t") + "\n" }.joined()
        case .markdown:
            return renderMarkdown(set)
        }
    }

    private func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    private func tsvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\\" }) else { return text }
        var out = ""
        for ch in text {
            switch ch {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\\": out += "\\\\"
            default: out.append(ch)
            }
        }
        return out
    }

    private func renderMarkdown(_ set: RowSet) -> String {
        func cell(_ text: String) -> String {
            TerminalText.sanitize(text).replacingPipes()
        }
        var lines = ["| " + set.columns.map(cell).joined(separator: " | ") + " |"]
        lines.append("|" + set.columns.indices.map { numericColumn(set, $0) ? "---:|" : "---|" }.joined())
        for row in set.rows {
            lines.append("| " + row.map { cell($0.plainText) }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func numericColumn(_ set: RowSet, _ column: Int) -> Bool {
        !set.rows.isEmpty && set.rows.allSatisfy { row in
            if case .number = row[column] { return true }
            if case .null = row[column] { return true }
            return false
        }
    }

    private func renderTable(_ set: RowSet) -> String {
        let header = set.columns.map(TerminalText.sanitize)
        let cells = set.rows.map { $0.map { TerminalText.sanitize($0.plainText) } }
        var widths = header.map(\.count)
        for row in cells {
            for (i, text) in row.enumerated() { widths[i] = max(widths[i], text.count) }
        }
        let numeric = set.columns.indices.map { numericColumn(set, $0) }
        func pad(_ text: String, _ i: Int) -> String {
            let fill = String(repeating: " ", count: widths[i] - text.count)
            return numeric[i] ? fill + text : text + fill
        }
        func line(_ texts: [String], styles: [String?]) -> String {
            var parts: [String] = []
            for (i, text) in texts.enumerated() {
                var padded = pad(text, i)
                if i == texts.count - 1 && !numeric[i] { padded = text }
                if let style = styles[i] { padded = style + padded + Colors.reset }
                parts.append(padded)
            }
            return parts.joined(separator: "  ") + "\n"
        }
        var out = line(header, styles: header.map { _ in color ? Colors.header : nil })
        let levelColumns = set.columns.map { $0.lowercased().contains("level") || $0.lowercased().contains("severity") }
        for (r, row) in cells.enumerated() {
            let styles = row.indices.map { i -> String? in
                guard color, levelColumns[i], case .string(let s) = set.rows[r][i] else { return nil }
                return Colors.level(s)
            }
            out += line(row, styles: styles)
        }
        return out
    }
}

extension String {
    fileprivate func replacingPipes() -> String {
        contains("|") ? split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") : self
    }
}
