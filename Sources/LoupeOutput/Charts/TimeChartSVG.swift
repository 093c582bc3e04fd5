/// A time series as an SVG column chart: one column per bucket (series stacked, a color each
/// with a legend), a value axis with round ticks, a time axis labeled with times and, where it
/// changes, the date (UTC). Empty buckets stay empty columns.
///
/// Guarantees: well-formed XML with every input string escaped (see `Markup`), no script, a
/// `<title>` per column with its time, series and value.
package struct TimeChartSVG: Sendable {
    static let width = 1100
    static let height = 360
    static let left = 70
    static let right = 20
    static let top = 30
    static let bottom = 60

    package init() {}

    package func svg(_ s: TimeSeries, title: String) -> String {
        let plotWidth = Double(Self.width - Self.left - Self.right)
        let plotHeight = Double(Self.height - Self.top - Self.bottom)
        let palette = ServicePalette(s.series)
        // Stacked totals decide the scale.
        var totals = [Double](repeating: 0, count: s.buckets.count)
        for row in s.values { for (b, v) in row.enumerated() { totals[b] += v ?? 0 } }
        let maximum = max(1, totals.max() ?? 1)
        let step = Self.niceStep(maximum / 5)
        let top = (maximum / step).rounded(.up) * step
        var body = "<text class=\"title\" x=\"\(Self.left)\" y=\"18\">\(Markup.escape(title))</text>\n"
        var t = 0.0
        while t <= top + step / 2 {
            let y = Double(Self.top) + plotHeight - t / top * plotHeight
            body +=
                "<line class=\"grid\" x1=\"\(Self.left)\" y1=\"\(Markup.number(y))\" x2=\"\(Self.width - Self.right)\" y2=\"\(Markup.number(y))\"/>"
            body +=
                "<text class=\"tick\" x=\"\(Self.left - 6)\" y=\"\(Markup.number(y + 4))\" text-anchor=\"end\">\(TimeChartText.number(t))</text>\n"
            t += step
        }
        let column = plotWidth / Double(s.buckets.count)
        let gap = column > 4 ? 1.0 : 0
        for (b, start) in s.buckets.enumerated() {
            let x = Double(Self.left) + Double(b) * column
            var base = 0.0
            var parts: [String] = []
            body += "<g class=\"col\">"
            for (i, name) in s.series.enumerated() {
                guard let v = s.values[i][b], v > 0 else { continue }
                let h = v / top * plotHeight
                let y = Double(Self.top) + plotHeight - (base + v) / top * plotHeight
                body +=
                    "<rect x=\"\(Markup.number(x))\" y=\"\(Markup.number(y))\" width=\"\(Markup.number(max(0.5, column - gap)))\" height=\"\(Markup.number(h))\" fill=\"\(s.series.count > 1 ? palette.color(name) : "#4e79a7")\"/>"
                base += v
                parts.append((s.series.count > 1 ? name + ": " : "") + TimeChartText.number(v))
            }
            let when = s.label(start, withDate: true) + " UTC"
            body +=
                "<rect class=\"hit\" x=\"\(Markup.number(x))\" y=\"\(Self.top)\" width=\"\(Markup.number(max(0.5, column)))\" height=\"\(Markup.number(plotHeight))\"/>"
            body += "<title>\(Markup.escape(when + "\n" + (parts.isEmpty ? "none" : parts.joined(separator: "\n"))))</title></g>\n"
        }
        body += timeAxis(s, column: column, y: Self.top + Int(plotHeight))
        if s.series.count > 1 { body += legend(s, palette) }
        let height = Self.height + (s.series.count > 1 ? 20 * ((s.series.count + 5) / 6) : 0)
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.width)\" height=\"\(height)\" viewBox=\"0 0 \(Self.width) \(height)\""
            + " font-family=\"ui-monospace, Menlo, Consolas, monospace\" font-size=\"11\" role=\"img\">\n"
            + "<style>.title{font-size:13px;font-weight:bold}.grid{stroke:#e4e4e4}.tick{fill:#555}.hit{fill:transparent}.col:hover .hit{fill:rgba(0,0,0,.06)}</style>\n"
            + "<rect x=\"0\" y=\"0\" width=\"\(Self.width)\" height=\"\(height)\" fill=\"#fff\"/>\n" + body + "</svg>\n"
    }

    /// Labels under the columns, as many as fit without overlapping, the date where it changes.
    private func timeAxis(_ s: TimeSeries, column: Double, y: Int) -> String {
        var out = "<line class=\"grid\" x1=\"\(Self.left)\" y1=\"\(y)\" x2=\"\(Self.width - Self.right)\" y2=\"\(y)\" stroke=\"#888\"/>\n"
        var free = -1.0
        var lastDate = ""
        for (b, start) in s.buckets.enumerated() {
            let x = Double(Self.left) + Double(b) * column
            guard x >= free else { continue }
            let full = s.label(start, withDate: true)
            let date = String(full.prefix(10))
            let time = s.label(start, withDate: false)
            out += "<line x1=\"\(Markup.number(x))\" y1=\"\(y)\" x2=\"\(Markup.number(x))\" y2=\"\(y + 5)\" stroke=\"#888\"/>"
            out += "<text class=\"tick\" x=\"\(Markup.number(x))\" y=\"\(y + 17)\">\(Markup.escape(time))</text>"
            if date != lastDate && date != time {
                out += "<text class=\"tick\" x=\"\(Markup.number(x))\" y=\"\(y + 31)\">\(Markup.escape(date))</text>"
            }
            out += "\n"
            lastDate = date
            free = x + Double(max(time.count, 10)) * 6.7 + 12
        }
        return out
    }

    private func legend(_ s: TimeSeries, _ palette: ServicePalette) -> String {
        var out = ""
        for (i, name) in s.series.enumerated() {
            let x = Self.left + (i % 6) * 170
            let y = Self.height - 14 + (i / 6) * 20
            out += "<rect x=\"\(x)\" y=\"\(y - 9)\" width=\"12\" height=\"10\" fill=\"\(palette.color(name))\"/>"
            out += "<text x=\"\(x + 16)\" y=\"\(y)\">\(Markup.escape(Markup.elided(name.isEmpty ? "(none)" : name, to: 22)))</text>\n"
        }
        return out
    }

    /// 1, 2 or 5 times a power of ten, at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0 else { return 1 }
        var power = 1.0
        while power * 10 <= rough { power *= 10 }
        while power > rough { power /= 10 }
        for f in [1.0, 2, 5, 10] where power * f >= rough { return power * f }
        return power * 10
    }
}
