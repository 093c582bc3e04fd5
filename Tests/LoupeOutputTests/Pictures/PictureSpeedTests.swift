import Foundation
import LoupeTrace
import Testing

@testable import LoupeOutput

/// Drawing stays fast: 1,000 spans well under a second (debug build included), and a
/// 20,000-span trace collapses into a readable picture (the 100,000-span measurement of the
/// release build is in docs/TRACES.md).
@Suite("Drawing speed")
struct PictureSpeedTests {
    @Test func thousandSpans() {
        let a = PictureFixtures.generated(1_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            _ = WaterfallText(width: 120, color: true).render(a)
            _ = TraceSVG().document(a)
            _ = TraceSVG(expand: true).document(a)
        }
        #expect(elapsed < .seconds(1), "drawing 1,000 spans three times took \(elapsed)")
    }

    @Test func bigTraceCollapses() {
        let a = PictureFixtures.generated(20_000)
        let layout = WaterfallLayout(a, maxRows: WaterfallText.maxRows * 10)
        #expect(layout.rows.count < 200)
        let text = WaterfallText(width: 100, color: false).render(a)
        #expect(text.split(separator: "\n").count < 250)
        let svg = TraceSVG().document(a)
        #expect(svg.utf8.count < 1_000_000)
        #expect(MarkupChecker.parse(svg).error == nil)
    }
}
