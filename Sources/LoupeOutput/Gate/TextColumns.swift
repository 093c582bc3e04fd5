/// Left- and right-aligned columns for the terminal summary, padded by display width (a wide
/// character takes two columns, a combining mark none).
struct TextColumns {
    /// Whether a column is right-aligned (numbers) or left-aligned (words).
    enum Alignment {
        case left, right
    }

    let alignments: [Alignment]
    private var rows: [[String]] = []
    /// An escape sequence to wrap around one cell of a row (column, style).
    private var styles: [Int: (column: Int, style: String)] = [:]

    init(_ alignments: [Alignment]) {
        self.alignments = alignments
    }

    mutating func add(_ row: [String], style: (column: Int, style: String)? = nil) {
        if let style { styles[rows.count] = style }
        rows.append(row)
    }

    /// The rows, two spaces between columns, no trailing spaces.
    func render(indent: String = "") -> String {
        var widths = Array(repeating: 0, count: alignments.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) }
        }
        var out = ""
        for (r, row) in rows.enumerated() {
            var line = indent
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - DisplayWidth.of(cell))
                var shown = cell
                if let style = styles[r], style.column == i { shown = style.style + cell + Colors.reset }
                if i > 0 { line += "  " }
                line += alignments[i] == .left ? shown + (i == row.count - 1 ? "" : pad) : pad + shown
            }
            out += line + "\n"
        }
        return out
    }
}
