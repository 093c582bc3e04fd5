import Foundation
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

    /// The parse of `query` on a thread with a 64 MiB stack: the test runner's threads have
    /// less than loupe's 8 MiB main thread, and AddressSanitizer's frames are several times
    /// larger than a release build's.
    static func parsed(_ query: String) -> Result<Query, QueryError> {
        final class Box: @unchecked Sendable {
            var result: Result<Query, QueryError>?
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.result = Result { () throws(QueryError) in try Parser.parse(query) }
            done.signal()
        }
        thread.stackSize = 64 << 20
        thread.start()
        done.wait()
        return box.result!
    }

    @Test(arguments: deep(Parser.maximumDepth + 5))
    func tooDeepIsRefused(_ query: String) {
        guard case .failure(let error) = Self.parsed(query) else {
            Issue.record("parsed")
            return
        }
        #expect("\(error)".contains("nests more than 1000 levels deep"))
    }

    @Test(arguments: deep(Parser.maximumDepth / 2 - 5))
    func deepButWithinTheLimitParses(_ query: String) throws {
        _ = try Self.parsed(query).get()
    }
}
