import Foundation
import LoupeTrace
import Testing

@testable import LoupeOutput

/// The SVG and HTML pictures parse as XML, hold one element per span, and show hostile input
/// (Tests/Fixtures/traces/hostile.otlp.json) as text without running or loading anything.
@Suite("Pictures are well-formed and safe to open")
struct PictureSafetyTests {
    static let hostileStrings = [
        "<script>alert(1)</script>", "\" onmouseover=\"alert(1)", "'><img src=x onerror=alert(1)>", "]]><svg onload=alert(4)>",
        "x' onclick='alert(5)", "</title><script>alert(2)</script>", "failed & </title><script>alert(3)</script>", "front<end>",
    ]

    @Test func hostileNamesStayText() throws {
        let a = PictureFixtures.analysis("hostile.otlp.json")
        var html = TraceHTML.head(traces: 1) + TraceHTML().section(a) + HTMLPage.tail
        var hotspots = Hotspots()
        hotspots.add(a)
        let page = HotspotsHTML(rows: 15).document(hotspots, stacks: FoldedStacks(a))
        for (name, document) in [("svg", TraceSVG().document(a)), ("html", html), ("hotspots", page)] {
            let parsed = MarkupChecker.parse(document)
            #expect(parsed.error == nil, "\(name) is not well-formed: \(parsed.error ?? "")")
            #expect(parsed.activeContent.isEmpty, "\(name) holds \(parsed.activeContent)")
            // The hotspots page names only operations with errors or critical-path time.
            for hostile in Self.hostileStrings
            where name != "hotspots" || !["alert(2)", "alert(3)", "alert(5)"].contains(where: hostile.contains) {
                #expect(parsed.text.contains(hostile), "\(name) does not show \(hostile) as text")
            }
            // The control characters of the status message are replaced, not passed on.
            #expect(!document.contains("\u{1}") && !document.contains("\u{1B}"))
        }
        html = ""
    }

    @Test func everyPageDeclaresItsPolicy() {
        let a = PictureFixtures.analysis("checkout.otlp.json")
        let page = TraceHTML.head(traces: 1) + TraceHTML().section(a) + HTMLPage.tail
        #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("http://") || !page.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"))
        #expect(!page.contains("https://"))
    }

    /// One `rect.span` per span when nothing collapses, and the critical path drawn on the
    /// spans the walk visited.
    @Test(arguments: ["checkout.otlp.json", "Samples/hotrod-trace.json", "deep30.otlp.json", "cjk.otlp.json", "wide.otlp.json"])
    func oneElementPerSpan(_ file: String) {
        let a = PictureFixtures.analysis(file)
        let parsed = MarkupChecker.parse(TraceSVG(expand: true).document(a))
        #expect(parsed.error == nil, "\(parsed.error ?? "")")
        #expect(parsed.classes["span"] == a.trace.spans.count)
        #expect(parsed.classes["row"] == a.trace.spans.count)
        #expect(parsed.classes["onpath"] == a.onCriticalPath.filter { $0 }.count)
        #expect(parsed.elements["title"]! >= a.trace.spans.count)
        #expect(parsed.activeContent.isEmpty)
    }

    @Test func collapsedSVGCountsRows() {
        let a = PictureFixtures.analysis("wide.otlp.json")
        let parsed = MarkupChecker.parse(TraceSVG().document(a))
        #expect(parsed.classes["span"] == WaterfallLayout(a).rows.count)
        #expect(parsed.text.contains("×40 redis GetDriver"))
        #expect(parsed.text.contains("saves 312.00 ms"))
    }

    @Test func hotspotsPageParses() {
        var hotspots = Hotspots()
        var stacks = FoldedStacks()
        for a in PictureFixtures.analyses("Samples/traces.json") {
            hotspots.add(a)
            stacks.merge(FoldedStacks(a))
        }
        let parsed = MarkupChecker.parse(HotspotsHTML(rows: 10).document(hotspots, stacks: stacks))
        #expect(parsed.error == nil, "\(parsed.error ?? "")")
        #expect(parsed.elements["svg"] == 4)
        #expect(parsed.classes["bar"]! <= 30)
        #expect(parsed.classes["frame"]! > 10)
        #expect(parsed.activeContent.isEmpty)
    }

    @Test func escaping() {
        #expect(Markup.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(Markup.escape("a\u{0}b\u{1B}c\u{FFFE}d\te") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\te")
        #expect(Markup.elided("abcdef", to: 4) == "abc…")
        #expect(Markup.elided("abc", to: 4) == "abc")
    }
}
