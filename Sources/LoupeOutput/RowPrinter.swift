import Glibc
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
        // Machine formats keep every number as it is and name its unit in the column.
        var named = set
        named.columns = set.machineColumns
        switch format {
        case .table: return renderTable(set)
        case .json:
            let set = named
            if set.rows.isEmpty { return "[]\n" }
            return "[\n" + set.rows.map { String(decoding: set.jsonLine($0), as: UTF8.self) }.joined(separator: ",\n") + "\n]\n"
        case .jsonl:
            let set = named
            return set.rows.map { String(decoding: set.jsonLine($0), as: UTF8.self) + "\n" }.joined()
        case .csv:
            let set = named
            return
                ([set.columns.map { csvField(csvText(.string($0), label: false)) }]
                + set.rows.map { row in row.indices.map { csvField(csvText(row[$0], label: set.labelColumns.contains($0))) } })
                .map { $0.joined(separator: ",") + "\n" }.joined()
        case .tsv:
            let set = named
            return
                ([set.columns.map(tsvField)]
                + set.rows.map { row in row.indices.map { tsvField(CellText.text(row[$0], label: set.labelColumns.contains($0))) } })
                .map { $0.joined(separator: "\t") + "\n" }.joined()
        case .markdown:
            return renderMarkdown(set)
        }
    }

    /// A cell for people (table, markdown): null spelled out, a number in a duration column as
    /// a duration (`57.00 ms`, see `HumanDuration`), other numbers rounded to three decimals
    /// (six significant digits when smaller than 1); machine formats keep full precision.
    static func humanText(_ value: RowValue, unit: DurationUnit? = nil, label: Bool = false) -> String {
        if case .null = value { return "null" }
        if let unit, case .number(let number) = value {
            // Beyond whole nanoseconds (or not finite): the number, with its unit after it.
            return durationText(number.doubleValue * unit.nanoseconds) ?? humanText(value) + " " + unit.symbol
        }
        // Integers keep every digit; only fractions are rounded.
        guard case .number(.double(let n)) = value, n.isFinite, n != n.rounded() else { return CellText.text(value, label: label) }
        let magnitude = abs(n)
        var digits = 3
        if magnitude < 1 {
            digits = min(15, 6 - Int(log10(magnitude).rounded(.up)))
        }
        var text = String(n, decimals: digits)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        // A tiny negative number rounds to zero: show 0, not -0.
        return text == "-0" ? "0" : text
    }

    /// A duration for people; nil when it is too large for whole nanoseconds (or not finite).
    static func durationText(_ ns: Double) -> String? {
        guard ns.isFinite, abs(ns) < 9e18 else { return nil }
        return HumanDuration.text(ns)
    }

    /// A value's CSV text: `CellText`, and no control character but tab and newline (which CSV
    /// quotes): a string holding another is written JSON-quoted, where they are escapes.
    private func csvText(_ value: RowValue, label: Bool) -> String {
        let text = CellText.text(value, label: label)
        guard text.unicodeScalars.contains(where: { CellText.isControl($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        if case .string(let s) = value { return CellText.quoted(s) }
        // JSON text holds DEL and C1 controls only inside strings, where an escape means the same.
        return text.escaped { ch in
            ch.unicodeScalars.count == 1 && CellText.isControl(ch.unicodeScalars.first!) && ch != "\n" && ch != "\t"
                ? CellText.unicodeEscape(ch.unicodeScalars.first!) : nil
        }
    }

    /// Quoted when it holds a separator; by scalar, because CR LF is one `Character`.
    private func csvField(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// A TSV cell: tab, newline, carriage return and backslash as `\t`, `\n`, `\r`, `\\`, and
    /// every other control character as `\u001b` and the like, terminal or not.
    private func tsvField(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\\" || CellText.isControl($0) }) else { return text }
        return text.escaped {
            switch $0 {
            case "\t": "\\t"
            case "\n": "\\n"
            case "\r": "\\r"
            case "\r\n": "\\r\\n"
            case "\\": "\\\\"
            case _ where $0.unicodeScalars.contains(where: CellText.isControl):
                $0.unicodeScalars.map { CellText.isControl($0) ? CellText.unicodeEscape($0) : String($0) }.joined()
            default: nil
            }
        }
    }

    private func renderMarkdown(_ set: RowSet) -> String {
        func cell(_ text: String) -> String {
            MarkdownText.text(text)
        }
        var lines = ["| " + set.columns.map(cell).joined(separator: " | ") + " |"]
        lines.append("|" + set.columns.indices.map { numericColumn(set, $0) ? "---:|" : "---|" }.joined())
        for row in set.rows {
            let cells = row.indices.map { cell(Self.humanText(row[$0], unit: set.units[$0], label: set.labelColumns.contains($0))) }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func numericColumn(_ set: RowSet, _ column: Int) -> Bool {
        !set.rows.isEmpty
            && set.rows.allSatisfy { row in
                if case .number = row[column] { return true }
                if case .null = row[column] { return true }
                return false
            }
    }

    private func renderTable(_ set: RowSet) -> String {
        let header = set.columns.map(TerminalText.sanitize)
        let cells = set.rows.map { row in
            row.indices.map { TerminalText.sanitize(Self.humanText(row[$0], unit: set.units[$0], label: set.labelColumns.contains($0))) }
        }
        var widths = header.map(DisplayWidth.of)
        for row in cells {
            for (i, text) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(text)) }
        }
        let numeric = set.columns.indices.map { numericColumn(set, $0) }
        func pad(_ text: String, _ i: Int) -> String {
            let fill = String(repeating: " ", count: widths[i] - DisplayWidth.of(text))
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
            // Empty cells at the end of a row would leave padding behind: no trailing blanks.
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text + "\n"
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
