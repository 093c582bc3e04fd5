import Testing

/// A query that must fail, with the whole rendered error: the message (with its column), the
/// query, and the caret line under it.
public struct RenderedErrorCase: CustomTestStringConvertible, Sendable {
    public let query: String
    public let rendered: String
    public var testDescription: String { query }

    /// `caret` is the caret line without its two-space indent. Tabs and newlines in the query
    /// show as spaces in the rendered error, so the caret stays under the right column.
    public init(_ query: String, _ message: String, _ caret: String) {
        self.query = query
        rendered = "\(message)\n  \(query.map { $0 == "\t" || $0 == "\n" ? " " : String($0) }.joined())\n  \(caret)"
    }
}
