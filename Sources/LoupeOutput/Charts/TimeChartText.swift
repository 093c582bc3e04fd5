/// A time series in the terminal: one row per bucket with a bar and the value, or, with a
/// series key, one sparkline row per series over all buckets (a row of times under them).
///
/// Guarantees: every bucket from the first to the last is shown, an empty one as an empty bar
/// (`·` in a sparkline), never skipped; the date is written on the first row and where it
/// changes; no line is wider than `width` (a sparkline of more buckets than fit is cut into
/// several blocks, each with its own time axis); the same characters with and without colors.
package struct TimeChartText: Sendable {
    package let width: Int
    let style: TextStyle

    package init(width: Int, color: Bool) {
        self.width = max(40, width)
        style = TextStyle(color: color)
    }

    package func render(_ s: TimeSeries) -> String {
        s.series.count <= 1 ? bars(s) : sparklines(s)
    }

    private static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    private func bars(_ s: TimeSeries) -> String {
        let values = s.values.first ?? []
        let labels = dateLabels(s)
        let labelWidth = labels.map { DisplayWidth.of($0) }.max() ?? 0
        let texts = values.map { $0.map(Self.number) ?? "" }
        let valueWidth = max(DisplayWidth.of(s.valueName), texts.map { DisplayWidth.of($0) }.max() ?? 0)
        let barWidth = max(10, width - labelWidth - valueWidth - 4)
        let maximum = s.maximum
        var out = DisplayWidth.padded("", to: labelWidth) + "  " + style.dim(DisplayWidth.padded(s.valueName, to: barWidth))
        out = out.trimmedRight() + "\n"
        for (b, value) in values.enumerated() {
            var bar = ""
            if let value, maximum > 0, value > 0 {
                let eighths = max(1, Int((value / maximum * Double(barWidth * 8)).rounded()))
                bar = String(repeating: "█", count: eighths / 8) + (eighths % 8 > 0 ? String(Self.eighths[eighths % 8 - 1]) : "")
            }
            let padded = bar + String(repeating: " ", count: barWidth - bar.count)
            out +=
                DisplayWidth.padded(labels[b], to: labelWidth) + "  " + style.cyan(padded) + "  "
                + DisplayWidth.padded(texts[b], to: valueWidth, right: true)
            out = out.trimmedRight() + "\n"
        }
        return out
    }

    private static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    private func sparklines(_ s: TimeSeries) -> String {
        let names = s.series.map { TerminalText.sanitize($0.isEmpty ? "(none)" : $0) }
        let nameWidth = min(24, max(DisplayWidth.of(s.seriesName ?? ""), names.map { DisplayWidth.of($0) }.max() ?? 0))
        let totals = s.values.map { $0.compactMap { $0 }.reduce(0, +) }
        let totalTexts = totals.map(Self.number)
        let totalWidth = max(DisplayWidth.of(s.valueName), totalTexts.map { DisplayWidth.of($0) }.max() ?? 0)
        let room = max(10, width - nameWidth - totalWidth - 4)
        // Few buckets are drawn several columns wide, so their times fit under them.
        let cell = max(1, min(8, room / max(1, s.buckets.count)))
        let maximum = s.maximum
        var out = ""
        var start = 0
        while start < s.buckets.count {
            let end = min(s.buckets.count, start + room / cell)
            if start > 0 { out += "\n" }
            out += axis(s, start..<end, cell: cell, indent: nameWidth + 2)
            for (i, name) in names.enumerated() {
                var line = ""
                for b in start..<end {
                    guard let value = s.values[i][b], maximum > 0 else {
                        line += String(repeating: "·", count: cell)
                        continue
                    }
                    line += String(repeating: Self.levels[min(7, Int(value / maximum * 7.999))], count: cell)
                }
                out += DisplayWidth.padded(DisplayWidth.truncated(name, to: nameWidth), to: nameWidth) + "  " + style.cyan(line)
                out += String(repeating: " ", count: room - (end - start) * cell) + "  "
                out += DisplayWidth.padded(totalTexts[i], to: totalWidth, right: true) + "\n"
            }
            start = end
        }
        let header =
            DisplayWidth.padded(DisplayWidth.truncated(s.seriesName ?? "", to: nameWidth), to: nameWidth) + "  "
            + style.dim("\(s.widthText) buckets from \(s.label(s.buckets[0], withDate: true)) UTC; · none; total \(s.valueName)")
        return DisplayWidth.truncated(header, to: width) + "\n" + out
    }

    /// Times under a sparkline block: a label every so many columns, the date where it changes.
    private func axis(_ s: TimeSeries, _ range: Range<Int>, cell: Int, indent: Int) -> String {
        var line = [Character](repeating: " ", count: range.count * cell)
        var free = 0
        // The header names the first date; a label names a date only where it changes.
        var lastDate = String(s.label(s.buckets[0], withDate: true).prefix(10))
        for b in range {
            let column = (b - range.lowerBound) * cell
            guard column >= free else { continue }
            let date = String(s.label(s.buckets[b], withDate: true).prefix(10))
            let text = Array(s.label(s.buckets[b], withDate: date != lastDate))
            guard column + text.count < line.count else { continue }
            line[column] = "╷"
            for (i, ch) in text.enumerated() where column + 1 + i < line.count { line[column + 1 + i] = ch }
            free = column + text.count + 3
            lastDate = date
        }
        return String(repeating: " ", count: indent) + style.dim(String(String(line).trimmedRight())) + "\n"
    }

    /// The row labels of the bar chart: the date on the first row and where it changes.
    private func dateLabels(_ s: TimeSeries) -> [String] {
        var lastDate = ""
        return s.buckets.map { b in
            let full = s.label(b, withDate: true)
            let date = String(full.prefix(10))
            defer { lastDate = date }
            if date == lastDate { return String(repeating: " ", count: 11) + s.label(b, withDate: false) }
            return full
        }
    }

    /// A value as the tables show it: whole numbers without decimals, others with up to three.
    static func number(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return HumanDuration.fixed(x, 3)
    }
}

extension String {
    func trimmedRight() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
