/// A table of the human trace reports, fitted to the terminal's width.
///
/// Columns are padded by display width (wide characters count 2, escape sequences 0), two
/// spaces apart, with no trailing blanks. When the rows are wider than the width, flexible
/// columns give up room (widest first, down to their minimum) and their cells end in `…`;
/// notes go on their own lines when they do not fit beside the row, and spanning lines are
/// wrapped. Guarantee: no line is wider than the width as long as the fixed columns and the
/// minimum widths fit in it.
struct ReportTable {
    struct Column {
        var right = false
        /// Cells may be cut to make the table fit.
        var flexible = false
        var minWidth = 12
        /// Lines a cut cell may take, wrapped in its column (1: cut with `…`).
        var lines = 1
        /// For the first column: when the table cannot fit with it at its minimum width, each
        /// row's first cell goes on a line of its own above the row's other cells.
        var stacks = false

        static let text = Column()
        static let number = Column(right: true)
        static func flexible(min: Int = 12, lines: Int = 1, stacks: Bool = false) -> Column {
            Column(flexible: true, minWidth: min, lines: lines, stacks: stacks)
        }
    }

    private enum Row {
        case header([String])
        /// Cells, and a note printed after the last column when it fits there, else on the next
        /// lines from the column `noteColumn`.
        case cells([String], note: String?, noteTone: Tone)
        /// Cells, then plain text from the next column on, wrapped to the table's right edge
        /// (it does not widen the columns).
        case wrapping([String], text: String, tone: Tone)
        /// A line of plain text across the table, `indent` columns in, wrapped to the width
        /// (continuation lines two columns further in).
        case line(String, indent: Int, tone: Tone)
    }

    /// How a spanning line or a note is shown.
    enum Tone {
        case plain, dim, red
    }

    let columns: [Column]
    private var rows: [Row] = []
    /// The column under which notes that do not fit beside their row start.
    var noteColumn = 1
    /// Lines a note may take on its own; the last one ends in `…` when it is longer.
    var noteLines = 3

    init(_ columns: [Column]) {
        self.columns = columns
    }

    var isEmpty: Bool { rows.isEmpty }

    mutating func header(_ cells: [String]) { rows.append(.header(cells)) }

    mutating func add(_ cells: [String], note: String? = nil, noteTone: Tone = .dim) {
        rows.append(.cells(cells, note: note, noteTone: noteTone))
    }

    mutating func add(_ cells: [String], wrapping text: String, tone: Tone = .plain) {
        rows.append(.wrapping(cells, text: text, tone: tone))
    }

    mutating func line(_ text: String, indent: Int = 2, tone: Tone = .plain) { rows.append(.line(text, indent: indent, tone: tone)) }

    /// The rendered table, each line `indent` spaces in and at most `width` columns wide.
    func render(width: Int, indent: Int, style: TextStyle) -> String {
        let (widths, fits) = columnWidths(width: width - indent)
        if !fits, columns.count > 1, columns[0].stacks { return stacked().render(width: width, indent: indent, style: style) }
        let pad = String(repeating: " ", count: indent)
        var out = ""
        for row in rows {
            switch row {
            case .header(let cells):
                for line in joined(cells.map { $0.isEmpty ? $0 : style.dim($0) }, widths) { out += pad + line + "\n" }
            case .cells(let cells, let note, let tone):
                let physical = joined(cells, widths)
                let column = start(of: columns.count, widths)
                guard let note, !note.isEmpty else {
                    for line in physical { out += pad + line + "\n" }
                    continue
                }
                if indent + column + DisplayWidth.of(note) <= width {
                    out += pad + DisplayWidth.padded(physical[0], to: column) + styled(note, tone, style) + "\n"
                    for line in physical.dropFirst() { out += pad + line + "\n" }
                    continue
                }
                for line in physical { out += pad + line + "\n" }
                let noteStart = start(of: noteColumn, widths)
                var lines = DisplayWidth.wrapped(note, to: width - indent - noteStart)
                if lines.count > noteLines {
                    lines = Array(lines.prefix(noteLines))
                    lines[noteLines - 1] = DisplayWidth.truncated(lines[noteLines - 1] + " …", to: width - indent - noteStart)
                }
                let notePad = pad + String(repeating: " ", count: noteStart)
                for text in lines { out += notePad + styled(text, tone, style) + "\n" }
            case .wrapping(let cells, let text, let tone):
                let column = start(of: cells.count, widths)
                let lines = DisplayWidth.wrapped(text, to: width - indent - column)
                let physical = cells.isEmpty ? [""] : joined(cells, widths)
                out += pad + DisplayWidth.padded(physical[0], to: column) + styled(lines[0], tone, style) + "\n"
                for i in 1..<max(lines.count, physical.count) {
                    let cellsPart = DisplayWidth.padded(i < physical.count ? physical[i] : "", to: column)
                    var line = pad + cellsPart + (i < lines.count ? styled(lines[i], tone, style) : "")
                    while line.hasSuffix(" ") { line.removeLast() }
                    out += line + "\n"
                }
            case .line(let text, let lineIndent, let tone):
                // Continuation lines hang two columns further in.
                let linePad = pad + String(repeating: " ", count: lineIndent)
                let lines = DisplayWidth.wrapped(text, to: width - indent - lineIndent - 2, first: width - indent - lineIndent)
                for (i, text) in lines.enumerated() { out += linePad + (i > 0 ? "  " : "") + styled(text, tone, style) + "\n" }
            }
        }
        return out
    }

    private func styled(_ text: String, _ tone: Tone, _ style: TextStyle) -> String {
        switch tone {
        case .plain: return text
        case .dim: return style.dim(text)
        case .red: return style.red(text)
        }
    }

    /// The table without its first column, each first cell on a line of its own above the
    /// rest of its row (header cells of the first column are left out).
    private func stacked() -> ReportTable {
        var table = ReportTable(Array(columns.dropFirst()))
        table.noteColumn = max(0, noteColumn - 1)
        table.noteLines = noteLines
        for row in rows {
            switch row {
            case .header(let cells): table.rows.append(.header(Array(cells.dropFirst())))
            case .cells(let cells, let note, let tone):
                if let first = cells.first { table.rows.append(.line(DisplayWidth.stripped(first), indent: 0, tone: .plain)) }
                table.rows.append(.cells(Array(cells.dropFirst()), note: note, noteTone: tone))
            case .wrapping(let cells, let text, let tone):
                if let first = cells.first { table.rows.append(.line(DisplayWidth.stripped(first), indent: 0, tone: .plain)) }
                table.rows.append(.wrapping(Array(cells.dropFirst()), text: text, tone: tone))
            case .line: table.rows.append(row)
            }
        }
        return table
    }

    /// Natural widths, with flexible columns shrunk (widest first) until the rows fit; and
    /// whether they do.
    private func columnWidths(width: Int) -> (widths: [Int], fits: Bool) {
        var widths = [Int](repeating: 0, count: columns.count)
        for row in rows {
            let cells: [String]
            switch row {
            case .header(let c): cells = c
            case .cells(let c, _, _): cells = c
            case .wrapping(let c, _, _): cells = c
            case .line: continue
            }
            for (i, cell) in cells.enumerated() where i < columns.count { widths[i] = max(widths[i], DisplayWidth.of(cell)) }
        }
        var excess = widths.reduce(0, +) + 2 * max(0, columns.count - 1) - width
        while excess > 0 {
            // The widest flexible column that can still give up room.
            var best = -1
            for i in columns.indices where columns[i].flexible && widths[i] > columns[i].minWidth {
                if best < 0 || widths[i] > widths[best] { best = i }
            }
            guard best >= 0 else { break }
            var next = columns[best].minWidth
            for i in columns.indices where i != best && columns[i].flexible && widths[i] < widths[best] { next = max(next, widths[i]) }
            let give = min(excess, widths[best] - next, widths[best] - columns[best].minWidth)
            widths[best] -= max(1, give)
            excess -= max(1, give)
        }
        return (widths, excess <= 0)
    }

    /// Where column `index` starts, from the table's left edge (after the last column for
    /// `columns.count`).
    private func start(of index: Int, _ widths: [Int]) -> Int {
        var x = 0
        for i in 0..<min(index, widths.count) { x += widths[i] + 2 }
        return x
    }

    /// Cells padded to their columns, two spaces apart, no trailing blanks: one line, or more
    /// where a cell is wrapped in its column. A cell wider than its column is cut with `…`, or
    /// wrapped (without its styles) when the column allows several lines; the other cells are
    /// on the first line.
    private func joined(_ cells: [String], _ widths: [Int]) -> [String] {
        var lines: [[String]] = [[]]
        for (i, cell) in cells.enumerated() where i < columns.count {
            var pieces = [cell]
            if DisplayWidth.of(cell) > widths[i] {
                if columns[i].lines > 1 { pieces = DisplayWidth.wrapped(DisplayWidth.stripped(cell), to: widths[i]) }
                if pieces.count > columns[i].lines {
                    pieces = Array(pieces.prefix(columns[i].lines))
                    pieces[pieces.count - 1] += " …"
                }
                pieces = pieces.map { DisplayWidth.of($0) > widths[i] ? DisplayWidth.truncated($0, to: widths[i]) : $0 }
            }
            while lines.count < pieces.count { lines.append(Array(repeating: "", count: i)) }
            for j in lines.indices { lines[j].append(j < pieces.count ? pieces[j] : "") }
        }
        return lines.map { line(of: $0, widths) }
    }

    private func line(of cells: [String], _ widths: [Int]) -> String {
        var line = ""
        for (i, text) in cells.enumerated() where i < columns.count {
            if i > 0 { line += "  " }
            line +=
                columns[i].right
                ? DisplayWidth.padded(text, to: widths[i], right: true)
                : (i == cells.count - 1 ? text : DisplayWidth.padded(text, to: widths[i]))
        }
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }
}
