import Testing

@testable import LoupeOutput

@Suite("Text columns")
struct TextColumnsTests {
    @Test func wideCharactersArePaddedByTheColumnsTheyTake() {
        var table = TextColumns([.left, .right])
        table.add(["group", "p95"])
        table.add(["注文 作成", "12.00"])
        table.add(["api", "3.00"])
        #expect(table.render() == "group        p95\n注文 作成  12.00\napi         3.00\n")
    }
}
