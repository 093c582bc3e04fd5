import Testing

@testable import LoupeQuery

/// Every shape of nesting counts towards `Parser.maximumDepth`: beyond it the query is refused
/// with the place, before anything walks it recursively (15,000 unary minuses, 20,000
/// parentheses or 7,000 nested calls overflowed the stack: outside probe).
@Suite("Nesting limit")
struct NestingLimitTests {
    static func deep(_ n: Int) -> [String] {
        [
            "x == " + String(repeating: "-", count: n) + "1",
            String(repeating: "(", count: n) + "x == 1" + String(repeating: ")", count: n),
            "x == " + String(repeating: "abs(", count: n) + "1" + String(repeating: ")", count: n),
            String(repeating: "not ", count: n) + "x == 1",
            Array(repeating: "x == 2", count: n).joined(separator: " or "),
            "x == " + Array(repeating: "1", count: n).joined(separator: " + "),
            "* | where " + Array(repeating: "x == 2", count: n).joined(separator: " and "),
            "* | eval y = " + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n),
        ]
    }

    @Test(arguments: deep(Parser.maximumDepth + 5))
    func tooDeepIsRefused(_ query: String) {
        #expect {
            try Parser.parse(query)
        } throws: { error in
            "\(error)".contains("nests more than 1000 levels deep")
        }
    }

    @Test(arguments: deep(Parser.maximumDepth / 2 - 5))
    func deepButWithinTheLimitParses(_ query: String) throws {
        _ = try Parser.parse(query)
    }
}
