import LoupeQuery

/// A part of a query that has no faithful translation, with where it is in the query (the CLI
/// prints it with a caret) and why.
public struct TranslationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What cannot translate and why ("lookahead (?= has no equivalent in RE2, ...").
    public var message: String
    /// Where in the query; nil for problems outside it (`--from`, `--cluster`).
    package var range: SourceRange?

    package init(_ message: String, at range: SourceRange?) {
        self.message = message
        self.range = range
    }

    public var description: String { message }

    /// The message with the query and a caret under the part, as loupe reports query errors.
    public func rendered(query: String) -> String {
        guard let range else { return message }
        return QueryError(message, at: range).rendered(query: query)
    }
}
