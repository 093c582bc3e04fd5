/// A problem with a query, located in its text; rendered with the query and a caret line.
package struct QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, in words that name the token ("expected a value after '>='").
    package var message: String
    /// Where in the query the problem is.
    package var range: SourceRange

    package init(_ message: String, at range: SourceRange) {
        self.message = message
        self.range = range
    }

    /// `message at column N` (columns count characters from 1).
    package var description: String { "\(message) at column \(column(in: nil))" }

    /// The 1-based column of the start of the range, counted in characters of `query`.
    package func column(in query: String?) -> Int {
        guard let query else { return range.start + 1 }
        let prefix = query.utf8.prefix(range.start)
        return String(decoding: prefix, as: UTF8.self).count + 1
    }

    /// The full report: the message with its column, the query, and carets under the range.
    ///
    ///     expected a value after '>=' at column 14
    ///       level >= or x
    ///                ^^
    package func rendered(query: String) -> String {
        let column = column(in: query)
        let width = max(1, String(decoding: query.utf8.dropFirst(range.start).prefix(range.end - range.start), as: UTF8.self).count)
        // Tabs and newlines in the query would misplace the caret; show them as spaces.
        let shown = String(query.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
        let caret = String(repeating: " ", count: column - 1) + String(repeating: "^", count: width)
        return "\(message) at column \(column)\n  \(shown)\n  \(caret)"
    }
}
