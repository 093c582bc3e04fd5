import LoupeTrace

/// The waterfall of one trace as a self-contained SVG: a time axis with ticks and units, one
/// color per service with a legend, error spans red, the critical path's segments outlined in
/// black, parallelizable groups bracketed with their saving, and a `<title>` tooltip on every
/// row (service, name, kind, duration, self time on the critical path, status, attributes).
///
/// Guarantees: well-formed XML whatever the input holds (every input string goes through
/// `Markup.escape`); no script, no event handler, no external font, image or link; one
/// `<rect class="span">` per row, so one per span when expanded (`--expand`) or when nothing
/// collapses; at most `WaterfallText.maxRows * 10` rows otherwise.
package struct TraceSVG: Sendable {
    package let expand: Bool
    package static let width = 1200
    static let labelWidth = 380
    static let rowHeight = 18
    static let durationWidth = 80
    /// Width of a monospace character at the 11 px font, for eliding names.
    static let characterWidth = 6.7

    package init(expand: Bool = false) {
        self.expand = expand
    }

    static var barX: Int { labelWidth + 10 }
    static var barWidth: Int { width - barX - durationWidth }

    /// The standalone document (an XML declaration, then the `<svg>`).
    package func document(_ a: TraceAnalysis) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg(a)
    }

    /// The `<svg>` element alone, for embedding in HTML; `titled: false` leaves out the
    /// trace's title line (the page's heading says it).
    package func svg(_ a: TraceAnalysis, titled: Bool = true) -> String {
        let layout = WaterfallLayout(a, expand: expand, maxRows: WaterfallText.maxRows * 10)
        let spans = a.trace.spans
        let palette = ServicePalette(spans.lazy.map(\.service))
        var body = ""
        var y = titled ? 22 : 2
        if titled {
            let root = a.trace.rootSpan.map { "  " + TraceText.plain(spans[$0]) } ?? ""
            body += "<text class=\"title\" x=\"8\" y=\"\(y)\">\(Markup.escape("trace " + a.trace.traceID + root))</text>\n"
        }
        y += 18
        body += "<text class=\"note\" x=\"8\" y=\"\(y)\">\(Markup.escape(summary(a, layout)))</text>\n"
        y += 12
        let (legend, legendHeight) = self.legend(palette, y: y)
        body += legend
        y += legendHeight + 10
        let axisY = y + 14
        let rowsTop = axisY + 8
        let height = rowsTop + layout.rows.count * Self.rowHeight + (layout.hiddenSpans > 0 ? 40 : 20)
        body += axis(layout, labelY: axisY, top: rowsTop - 4, bottom: height - 16)
        body += brackets(layout, a, rowsTop: rowsTop)
        for (r, row) in layout.rows.enumerated() {
            body += self.row(row, r, layout, a, palette, top: rowsTop + r * Self.rowHeight)
        }
        if layout.hiddenSpans > 0 {
            body +=
                "<text class=\"note\" x=\"8\" y=\"\(height - 14)\">\(Markup.escape("… \(TraceWords.count(layout.hiddenSpans, "more span")) not drawn (--expand draws all)"))</text>\n"
        }
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.width)\" height=\"\(height)\" viewBox=\"0 0 \(Self.width) \(height)\""
            + " font-family=\"ui-monospace, Menlo, Consolas, monospace\" font-size=\"11\" role=\"img\">\n"
            + "<style>" + Self.style + "</style>\n"
            + "<rect class=\"bg\" x=\"0\" y=\"0\" width=\"\(Self.width)\" height=\"\(height)\"/>\n" + body + "</svg>\n"
    }

    static let style =
        ".bg{fill:#fff}.title{font-size:14px;font-weight:bold;fill:#111}.note{fill:#555}.label{fill:#222}.origin{fill:#b00;font-weight:bold}"
        + ".dur{fill:#555}.grid{stroke:#e4e4e4;stroke-width:1}.tick{fill:#555}.cp{fill:none;stroke:#111;stroke-width:2}.cpn{fill:#111}"
        + ".onpath{stroke:#111;stroke-width:1}.bracket{fill:none;stroke:#7a4fbf;stroke-width:1.5}.saving{fill:#7a4fbf;font-weight:bold}"
        + ".row:hover .span{opacity:.75}.row:hover .label{font-weight:bold}"

    private func summary(_ a: TraceAnalysis, _ layout: WaterfallLayout) -> String {
        var parts = [
            HumanDuration.text(a.trace.duration), TraceWords.count(a.trace.spans.count, "span"),
            TraceWords.count(a.trace.serviceCount, "service"), TraceWords.count(a.trace.errorCount, "error"),
        ]
        if a.totalSaving > 0 { parts.append("up to \(HumanDuration.text(a.totalSaving)) could be saved by running calls in parallel") }
        parts.append("black outline: critical path")
        return parts.joined(separator: " · ")
    }

    private func legend(_ palette: ServicePalette, y: Int) -> (String, Int) {
        var out = ""
        var x = 8
        var line = y
        let entries = palette.services.map { ($0, palette.color($0)) } + [("error", ServicePalette.error)]
        for (name, color) in entries {
            let shown = Markup.elided(name, to: 40)
            let w = 18 + Int(Double(shown.count) * Self.characterWidth) + 14
            if x + w > Self.width - 8 && x > 8 {
                x = 8
                line += 16
            }
            out += "<rect x=\"\(x)\" y=\"\(line + 2)\" width=\"12\" height=\"10\" fill=\"\(color)\"/>"
            out += "<text class=\"label\" x=\"\(x + 16)\" y=\"\(line + 11)\">\(Markup.escape(shown))</text>\n"
            x += w
        }
        return (out, line - y + 16)
    }

    private func xOf(_ t: Int64, _ layout: WaterfallLayout) -> Double {
        Double(Self.barX) + Double(t - layout.start) / Double(max(1, layout.duration)) * Double(Self.barWidth)
    }

    private func axis(_ layout: WaterfallLayout, labelY: Int, top: Int, bottom: Int) -> String {
        let ticks = TimeAxis(duration: layout.duration, count: 8)
        var out = ""
        for t in ticks.ticks {
            let x = Markup.number(xOf(layout.start + t, layout))
            out += "<line class=\"grid\" x1=\"\(x)\" y1=\"\(top)\" x2=\"\(x)\" y2=\"\(bottom)\"/>"
            out += "<text class=\"tick\" x=\"\(x)\" y=\"\(labelY)\" text-anchor=\"middle\">\(Markup.escape(ticks.label(t)))</text>\n"
        }
        return out
    }

    private func brackets(_ layout: WaterfallLayout, _ a: TraceAnalysis, rowsTop: Int) -> String {
        var out = ""
        for bracket in layout.brackets {
            let group = a.parallelGroups[bracket.group]
            let top = rowsTop + bracket.firstRow * Self.rowHeight + 3
            let bottom = rowsTop + bracket.lastRow * Self.rowHeight + Self.rowHeight - 3
            // A nested group's bracket stands right of (inside) the one it is nested in.
            var level = 0
            var outer = group.outer
            while let o = outer, level < 4 {
                level += 1
                outer = a.parallelGroups[o].outer
            }
            let x = Self.barX - 25 + 5 * level
            out += "<path class=\"bracket\" d=\"M\(x + 4) \(top)H\(x)V\(bottom)H\(x + 4)\"/>"
            let what = group.kind == .nPlusOne ? "\(group.repeatCount)× n+1" : "\(group.spans.count) sequential"
            let text = "⇉ \(what): saves \(HumanDuration.text(group.saving))" + (group.nested ? " (nested)" : "")
            let last = layout.rows[bracket.lastRow]
            let width = Double(text.count) * Self.characterWidth
            // After the last call's bar when there is room before the durations, else before its start.
            let after = xOf(last.end, layout) + 6
            let fits = after + width <= Double(Self.barX + Self.barWidth)
            let x0 = fits ? after : max(Double(Self.barX) + width, xOf(last.start, layout) - 6)
            out +=
                "<text class=\"saving\" x=\"\(Markup.number(x0))\" y=\"\(bottom - 2)\"\(fits ? "" : " text-anchor=\"end\"")>\(Markup.escape(text))<title>\(Markup.escape(groupTitle(group, a)))</title></text>\n"
        }
        return out
    }

    private func groupTitle(_ group: ParallelGroup, _ a: TraceAnalysis) -> String {
        let parent = TraceText.plain(a.trace.spans[group.parent])
        return
            "\(group.spans.count) calls under \(parent) run one after another; run concurrently they would take \(HumanDuration.text(group.max)) instead of \(HumanDuration.text(group.sum)), saving \(HumanDuration.text(group.saving)) on the critical path"
    }

    private func row(
        _ row: WaterfallLayout.Row, _ r: Int, _ layout: WaterfallLayout, _ a: TraceAnalysis, _ palette: ServicePalette, top: Int
    ) -> String {
        let span = a.trace.spans[row.span]
        var name = span.service + " " + span.name
        if case .collapsed(_, let count, _) = row.content { name = "×\(count) " + name }
        if row.origin { name = "✗ " + name }
        let indent = min(row.depth, 24) * 10
        let room = Int(Double(Self.labelWidth - 8 - indent) / Self.characterWidth)
        var out = "<g class=\"row\"><title>\(Markup.escape(tooltip(row, a)))</title>"
        out +=
            "<text class=\"\(row.origin ? "origin" : "label")\" x=\"\(8 + indent)\" y=\"\(top + 13)\">\(Markup.escape(Markup.elided(name, to: max(4, room))))</text>"
        let fill = row.error ? ServicePalette.error : palette.color(span.service)
        let x = xOf(row.start, layout)
        let w = max(1.5, xOf(row.end, layout) - x)
        out +=
            "<rect class=\"span\(row.onPath ? " onpath" : "")\" x=\"\(Markup.number(x))\" y=\"\(top + 3)\" width=\"\(Markup.number(w))\" height=\"\(Self.rowHeight - 6)\" fill=\"\(fill)\""
            + (row.members.count > 1 ? " fill-opacity=\"0.55\"" : "") + "/>"
        if row.members.count > 1 {
            // Each collapsed call as a tick, so their rhythm (sequential or not) stays visible.
            var previous = -10.0
            for m in row.members {
                let mx = xOf(a.trace.spans[m].start, layout)
                // Ticks closer than 2 px would draw one smudge; one stands for them.
                guard mx - previous >= 2 else { continue }
                previous = mx
                out += "<rect x=\"\(Markup.number(mx))\" y=\"\(top + 3)\" width=\"1\" height=\"\(Self.rowHeight - 6)\" fill=\"#fff\"/>"
            }
        }
        for (sx, ex) in pixelRuns(row.segments, layout) {
            if ex - sx >= 3 {
                out +=
                    "<rect class=\"cp\" x=\"\(Markup.number(sx))\" y=\"\(top + 2)\" width=\"\(Markup.number(ex - sx))\" height=\"\(Self.rowHeight - 4)\"/>"
            } else {
                // Too narrow to outline: a mark under the bar says the path passes here.
                out +=
                    "<rect class=\"cpn\" x=\"\(Markup.number(sx))\" y=\"\(top + Self.rowHeight - 4)\" width=\"\(Markup.number(max(1, ex - sx)))\" height=\"3\"/>"
            }
        }
        out +=
            "<text class=\"dur\" x=\"\(Self.width - 6)\" y=\"\(top + 13)\" text-anchor=\"end\">\(HumanDuration.text(row.end - row.start))</text>"
        return out + "</g>\n"
    }

    /// The row's critical-path segments in pixels, those less than a pixel apart drawn as one
    /// (a collapsed row of thousands of calls stays a few rectangles).
    private func pixelRuns(_ segments: [(start: Int64, end: Int64)], _ layout: WaterfallLayout) -> [(Double, Double)] {
        var runs: [(Double, Double)] = []
        for segment in segments.sorted(by: { $0.start < $1.start }) {
            let sx = xOf(segment.start, layout)
            let ex = xOf(segment.end, layout)
            if let last = runs.last, sx - last.1 < 1 {
                runs[runs.count - 1].1 = max(last.1, ex)
            } else {
                runs.append((sx, ex))
            }
        }
        return runs
    }

    /// The tooltip: what a reader asks of a span first, then its attributes in key order.
    private func tooltip(_ row: WaterfallLayout.Row, _ a: TraceAnalysis) -> String {
        let span = a.trace.spans[row.span]
        let onPath = row.segments.reduce(Int64(0)) { $0 + $1.end - $1.start }
        var lines: [String] = []
        if case .collapsed(_, let count, let below) = row.content {
            lines.append(
                "\(count) calls of \(span.service) \(span.name)" + (below > 0 ? " (\(TraceWords.count(below, "span")) below them)" : ""))
            lines.append("from first start to last end: \(HumanDuration.text(row.end - row.start))")
            lines.append("critical path in these calls: \(HumanDuration.text(onPath))")
            return lines.joined(separator: "\n")
        }
        lines.append("service: \(span.service)")
        lines.append("name: \(span.name)")
        lines.append("kind: \(span.kind.recordName)  span: \(span.spanID)")
        lines.append("duration: \(HumanDuration.text(span.duration))")
        lines.append("self time on the critical path: \(HumanDuration.text(onPath))")
        if span.status != .unset {
            lines.append(
                "status: \(span.status.rawValue)" + (span.statusMessage.map { " \"\($0)\"" } ?? "") + (row.origin ? " (error origin)" : ""))
        }
        for key in span.attributes.keys.sorted().prefix(30) {
            lines.append("\(key): \(Self.text(span.attributes[key]!))")
        }
        if span.attributes.count > 30 { lines.append("… \(span.attributes.count - 30) more attributes") }
        return lines.joined(separator: "\n")
    }

    static func text(_ value: AttributeValue) -> String {
        switch value {
        case .string(let s): return Markup.elided(s, to: 200)
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return b ? "true" : "false"
        case .json(let j): return Markup.elided(j, to: 200)
        }
    }
}
