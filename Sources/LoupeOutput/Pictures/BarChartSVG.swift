/// A horizontal bar chart: one labeled bar per item, widths proportional to the largest value,
/// the value's text after the bar. For the hotspots page.
///
/// Guarantees: well-formed XML, labels escaped and elided to fit, a `<title>` per bar.
package struct BarChartSVG: Sendable {
    package struct Item: Sendable {
        package var label: String
        package var value: Double
        package var text: String
        package var detail: String

        package init(label: String, value: Double, text: String, detail: String = "") {
            self.label = label
            self.value = value
            self.text = text
            self.detail = detail
        }
    }

    package let color: String
    static let width = 1100
    static let labelWidth = 380
    static let rowHeight = 20

    package init(color: String) {
        self.color = color
    }

    package func svg(_ items: [Item]) -> String {
        let height = max(1, items.count) * Self.rowHeight + 6
        let largest = items.map(\.value).max() ?? 0
        let barRoom = Double(Self.width - Self.labelWidth - 300)
        var body = ""
        for (i, item) in items.enumerated() {
            let y = 3 + i * Self.rowHeight
            let w = largest > 0 ? max(1, item.value / largest * barRoom) : 1
            body +=
                "<g class=\"bar\"><title>\(Markup.escape(item.label + "\n" + item.text + (item.detail.isEmpty ? "" : "\n" + item.detail)))</title>"
            body +=
                "<text x=\"\(Self.labelWidth - 6)\" y=\"\(y + 13)\" text-anchor=\"end\">\(Markup.escape(Markup.elided(item.label, to: 52)))</text>"
            body +=
                "<rect x=\"\(Self.labelWidth)\" y=\"\(y + 2)\" width=\"\(Markup.number(w))\" height=\"\(Self.rowHeight - 5)\" fill=\"\(color)\"/>"
            body += "<text x=\"\(Markup.number(Double(Self.labelWidth) + w + 6))\" y=\"\(y + 13)\">\(Markup.escape(item.text))</text></g>\n"
        }
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.width)\" height=\"\(height)\" viewBox=\"0 0 \(Self.width) \(height)\""
            + " font-family=\"ui-monospace, Menlo, Consolas, monospace\" font-size=\"11\" role=\"img\">\n"
            + "<style>.bar:hover rect{opacity:.75}</style>\n" + body + "</svg>\n"
    }
}
